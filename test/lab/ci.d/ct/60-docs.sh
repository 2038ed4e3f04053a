#!/bin/sh
# Documents (issue 10): handbook and report from the commissioned ct cluster, through the app's CLI.
set -eu
# The project 22-commission-resume commissioned this lab with (same default path), reused when it finished.
export MHS_COMMISSIONED_PROJECT_DIR="${MHS_COMMISSIONED_PROJECT_DIR:-${TMPDIR:-/tmp}/mhs-ci-commissioned-${MHS_LAB_INSTANCE:-0}-${LAB_TIER:-ct}}"
exec node node_modules/vitest/vitest.mjs run --config test/lab/docs/vitest.docs.config.ts
