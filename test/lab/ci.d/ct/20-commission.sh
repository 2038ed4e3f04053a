#!/bin/sh
# Commissioning (issue 8): the ct lab's legacy + bare secondary + witness become a cluster through the app's
# CLI (dry run, rollback before the cut-over, full run, mail over IMAP on the VIP, standby).
set -eu
# The final state dump for 22-commission-resume.sh (same default path), so CI commissions once uninterrupted.
export MHS_COMMISSION_REFERENCE="${MHS_COMMISSION_REFERENCE:-${TMPDIR:-/tmp}/mhs-ci-commission-reference-${MHS_LAB_INSTANCE:-0}-${LAB_TIER:-ct}.json}"
exec node node_modules/vitest/vitest.mjs run --config test/lab/commission/vitest.config.ts commission.ct
