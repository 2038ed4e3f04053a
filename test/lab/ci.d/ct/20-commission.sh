#!/bin/sh
# Commissioning (issue 8): the ct lab's legacy + bare secondary + witness become a cluster through the app's
# CLI (dry run, rollback before the cut-over, full run, mail over IMAP on the VIP, standby).
set -eu
exec node node_modules/vitest/vitest.mjs run --config test/lab/commission/vitest.config.ts commission.ct
