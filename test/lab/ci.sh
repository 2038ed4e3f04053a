#!/usr/bin/env bash
# Lab CI: the lab's unit tests, then per tier: build the images (cold unless the cache outside the clone has
# them), bring the tier up, run the app's Ist-Analyse against legacy, run the other helpers' hooks
# test/lab/ci.d/<tier>/NN-name.sh in name order on that lab, then the lab's own smoke test (on a fresh lab
# when hooks changed the nodes; it ends with `down` and a check that nothing is left), and print the times.
# The host packages it needs are in test/lab/apt-packages.txt (installed by the caller).
set -euo pipefail
cd "$(dirname "$0")/../.."
LAB=(node --import tsx test/lab/cli.ts)
TIERS="${LAB_CI_TIERS:-ct vm}"
export MHS_LAB_INSTANCE="${MHS_LAB_INSTANCE:-0}"
HOOK_TIMEOUT="${LAB_CI_HOOK_TIMEOUT:-1800}"
# The witness is tested in the ct tier; the vm tier boots legacy + secondary (TCG on 2 shared cores).
declare -A NODES=([ct]="${LAB_CI_CT_NODES:-legacy,secondary,witness}" [vm]="${LAB_CI_VM_NODES:-legacy,secondary}")
declare -A T
HOOK_LINES=()
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
cleanup() { for t in $TIERS; do "${LAB[@]}" down --tier "$t" >/dev/null 2>&1 || true; done; }
trap cleanup EXIT

fail=0
s=$(now)
if npx vitest run --config test/lab/vitest.unit.config.ts; then T[unit]=$(secs "$s" "$(now)"); else T[unit]="FAILED"; fail=1; fi
# The in-browser Ist-Analyse test needs the built renderer.
[ -f dist/renderer/index.html ] || npm run -s build:renderer
for t in $TIERS; do
  T[analysis_$t]="-"; T[smoke_$t]="-"; T[boot_$t]="-"; T[warm_build_$t]="-"; T[up_$t]="-"
  # A tier that cannot build or come up fails CI with its reason; the other tier still runs.
  s=$(now)
  if ! "${LAB[@]}" build --tier "$t"; then T[build_$t]="FAILED"; fail=1; continue; fi
  T[build_$t]=$(secs "$s" "$(now)")
  s=$(now); "${LAB[@]}" build --tier "$t" >/dev/null; T[warm_build_$t]=$(secs "$s" "$(now)")
  s=$(now)
  if ! "${LAB[@]}" up --tier "$t" --nodes "${NODES[$t]}" >/dev/null; then T[up_$t]="FAILED"; fail=1; continue; fi
  T[up_$t]=$(secs "$s" "$(now)")
  T[boot_$t]=$(node --import tsx -e "import('./test/lab/lib/statusSchema.ts').then((m) => console.log(m.readLabStatus('$t').upSeconds))")
  # The app's own Ist-Analyse against the running legacy node.
  s=$(now)
  if LAB_TIER="$t" npx vitest run --config test/lab/vitest.analysis.config.ts && LAB_TIER="$t" npx playwright test -c test/lab/playwright.lab.config.ts; then T[analysis_$t]=$(secs "$s" "$(now)"); else T[analysis_$t]="FAILED"; fail=1; fi
  # Other helpers' hooks (commissioning 20-, failover 40-, docs 60-): each on the lab as the previous left it.
  # A failing hook fails CI, but the later hooks and `down` still run.
  hooks=0
  for h in $(ls test/lab/ci.d/"$t"/[0-9][0-9]-*.sh 2>/dev/null | LC_ALL=C sort); do
    [ -x "$h" ] || continue
    hooks=$((hooks + 1))
    printf '\n=== lab CI hook %s (%s tier, instance %s) ===\n' "$h" "$t" "$MHS_LAB_INSTANCE"
    s=$(now)
    if LAB_TIER="$t" timeout --foreground "$HOOK_TIMEOUT" "$h"; then r=ok; else r="FAILED (exit $?)"; fail=1; fi
    HOOK_LINES+=("$t tier: $(basename "$h") $r in $(secs "$s" "$(now)") s")
  done
  # The smoke test checks a pristine lab: after hooks, take theirs down (nothing may be left) and start afresh.
  if [ "$hooks" -gt 0 ]; then
    s=$(now)
    if "${LAB[@]}" down --tier "$t" --check; then T[hooks_down_$t]=$(secs "$s" "$(now)"); else T[hooks_down_$t]="FAILED"; fail=1; fi
  fi
  # After the commissioning hooks installed the plan's packages on a bare secondary from the lab's repository, the
  # smoke test only resolves the full stack there (apt-get -s) instead of installing it once more (2-6 min).
  smoke_env=()
  [ "$hooks" -gt 0 ] && smoke_env=(LAB_SMOKE_RESOLVE_ONLY=1)
  s=$(now)
  if env "${smoke_env[@]}" node --import tsx test/lab/run-tests.ts --tier "$t" --nodes "${NODES[$t]}"; then T[smoke_$t]=$(secs "$s" "$(now)"); else T[smoke_$t]="FAILED"; fail=1; fi
done

echo
echo "=== lab CI times (seconds) ==="
echo "lab unit tests ${T[unit]}"
for t in $TIERS; do
  printf '%s tier: build %s (then warm %s), up %s (nodes booted to SSH+SMTP in %s), Ist-Analyse tests %s, smoke incl. up/down %s\n' \
    "$t" "${T[build_$t]}" "${T[warm_build_$t]}" "${T[up_$t]}" "${T[boot_$t]}" "${T[analysis_$t]}" "${T[smoke_$t]}"
  [ -n "${T[hooks_down_$t]:-}" ] && printf '%s tier: down after hooks (with leftover check) %s\n' "$t" "${T[hooks_down_$t]}"
done
for l in "${HOOK_LINES[@]}"; do echo "hook: $l"; done
exit $fail
