#!/usr/bin/env bash
# Lab CI: build both tiers' images (cold unless .cache has them), bring each tier up, run its smoke test
# (which ends with `down` and a check that nothing is left behind), and print the measured times.
# The host packages it needs are in test/lab/apt-packages.txt (installed by the caller).
set -euo pipefail
cd "$(dirname "$0")/../.."
LAB=(node --import tsx test/lab/cli.ts)
TIERS="${LAB_CI_TIERS:-ct vm}"
# The witness is tested in the ct tier; the vm tier boots legacy + secondary (TCG on 2 shared cores).
declare -A NODES=([ct]="${LAB_CI_CT_NODES:-legacy,secondary,witness}" [vm]="${LAB_CI_VM_NODES:-legacy,secondary}")
declare -A T
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
cleanup() { for t in $TIERS; do "${LAB[@]}" down --tier "$t" >/dev/null 2>&1 || true; done; }
trap cleanup EXIT

fail=0
# The in-browser Ist-Analyse test needs the built renderer.
[ -f dist/renderer/index.html ] || npm run -s build:renderer
for t in $TIERS; do
  s=$(now); "${LAB[@]}" build --tier "$t"; T[build_$t]=$(secs "$s" "$(now)")
  s=$(now); "${LAB[@]}" build --tier "$t" >/dev/null; T[warm_build_$t]=$(secs "$s" "$(now)")
  s=$(now); "${LAB[@]}" up --tier "$t" --nodes "${NODES[$t]}" >/dev/null; T[up_$t]=$(secs "$s" "$(now)")
  T[boot_$t]=$(node -p "JSON.parse(require('fs').readFileSync('test/lab/.run/$t/status.json','utf8')).upSeconds")
  # The app's own Ist-Analyse against the running legacy node, before the smoke test takes the lab down.
  s=$(now)
  if LAB_TIER="$t" npx vitest run --config test/lab/vitest.analysis.config.ts && LAB_TIER="$t" npx playwright test -c test/lab/playwright.lab.config.ts; then T[analysis_$t]=$(secs "$s" "$(now)"); else T[analysis_$t]="FAILED"; fail=1; fi
  s=$(now)
  if node --import tsx test/lab/run-tests.ts --tier "$t" --nodes "${NODES[$t]}"; then T[smoke_$t]=$(secs "$s" "$(now)"); else T[smoke_$t]="FAILED"; fail=1; fi
done

echo
echo "=== lab CI times (seconds) ==="
for t in $TIERS; do
  printf '%s tier: build %s (then warm %s), up %s (nodes booted to SSH+SMTP in %s), Ist-Analyse tests %s, smoke incl. down %s\n' \
    "$t" "${T[build_$t]}" "${T[warm_build_$t]}" "${T[up_$t]}" "${T[boot_$t]}" "${T[analysis_$t]}" "${T[smoke_$t]}"
done
exit $fail
