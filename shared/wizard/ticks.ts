/**
 * Axis ticks at round steps (1, 2, 2.5, 5 × 10^k) with just enough decimals that no two labels read the
 * same: an axis up to 0.23 GB gets 0 / 0.05 / 0.1 / 0.15 / 0.2 / 0.25, not "0,2 GB 0,2 GB".
 */
export function niceScale(maxValue: number, target = 5): { ticks: number[]; digits: number; max: number } {
  if (!Number.isFinite(maxValue) || maxValue <= 0) return { ticks: [0, 1], digits: 0, max: 1 };
  const raw = maxValue / Math.max(1, target - 1);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const nice = [1, 2, 2.5, 5, 10].find((n) => n * mag >= raw * (1 - 1e-9)) ?? 10;
  const step = nice * mag;
  const steps = Math.ceil(maxValue / step - 1e-9);
  const decimals = (x: number) => Math.max(0, -Math.floor(Math.log10(x) + 1e-9));
  const digits = decimals(step) + (nice === 2.5 ? 1 : 0);
  const ticks = Array.from({ length: steps + 1 }, (_, i) => Number((i * step).toFixed(digits + 2)));
  return { ticks, digits, max: ticks[ticks.length - 1]! };
}
