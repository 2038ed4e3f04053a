#!/bin/sh
# The Failover-Tests step in Chromium (issue 9): the planned standby run from the UI on the ct cluster that
# 40-failover leaves in its start state; it moves the mail group to the other node (unstandby afterwards), which
# is a start state as well for 60-docs. Required here: a lab that is not commissioned fails instead of skipping.
# The verdict is compared with the saved run, not required to pass (load-bound in CI, as in 40-failover).
set -eu
export LAB_TIER="${LAB_TIER:-ct}"
[ -f dist/renderer/index.html ] || npm run -s build:renderer
LAB_FAILOVER_E2E_REQUIRED=1 LAB_FAILOVER_JUDGE="${LAB_FAILOVER_JUDGE:-report}" \
  exec npx playwright test -c test/lab/playwright.lab.config.ts failoverLab
