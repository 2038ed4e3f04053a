// Prints one closing line over all test runners of `npm test` (vitest JSON + Playwright JSON reports):
// "Summary: N passed, N failed, N skipped". Exits non-zero if any report is missing or any test failed.
import { existsSync, readFileSync } from 'node:fs';

const reports = { vitest: 'test-results/vitest.json', e2e: 'test-results/e2e.json', electron: 'test-results/electron.json' };
let passed = 0;
let failed = 0;
let skipped = 0;
let missing = 0;
for (const [name, file] of Object.entries(reports)) {
  if (!existsSync(file)) {
    console.log(`${name}: no report at ${file}`);
    missing++;
    continue;
  }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  if (name === 'vitest') {
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  } else {
    passed += r.stats.expected;
    failed += r.stats.unexpected + r.stats.flaky;
    skipped += r.stats.skipped;
  }
}
console.log(`Summary: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || missing > 0 ? 1 : 0);
