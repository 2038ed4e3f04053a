#!/bin/sh
# Documents (issue 10): handbook and report from the commissioned ct cluster, through the app's CLI.
set -eu
exec node node_modules/vitest/vitest.mjs run --config test/lab/docs/vitest.docs.config.ts
