#!/bin/sh
# The whole failover catalogue on a lab instance (LAB_TIER=ct|vm, MHS_LAB_INSTANCE=n), for the closing note:
# commissions the lab through the CLI unless it already runs the mail services, runs every case the tier can run
# (and records why the others cannot), then the negative control. Figures: test-results/failover-lab-<tier>.json.
# Takes ~30 min on ct on a quiet machine; a heavy lab job (flock /tmp/mhs-ct-heavy.lock, vm: /tmp/mhs-vm-tier.lock).
set -eu
cd "$(dirname "$0")/../../.."
export LAB_TIER="${LAB_TIER:-ct}"
node --import tsx test/lab/failover/commissionLab.ts
status=0
node node_modules/vitest/vitest.mjs run --config test/lab/failover/vitest.config.ts catalogue || status=$?
node node_modules/vitest/vitest.mjs run --config test/lab/failover/vitest.config.ts negativeControl || status=$?
exit "$status"
