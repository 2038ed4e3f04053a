import { describe, expect, it } from 'vitest';
import { PROBE_INTERVAL_MS, PROBE_TIMEOUT_MS } from './protocols';
import { FailoverSettingsSchema } from './schema';

describe('failover settings', () => {
  it('a project saved before the probe settings existed probes every 200 ms with 5 s per attempt', () => {
    const s = FailoverSettingsSchema.parse({ mailRatePerS: 0.5 });
    expect(s.probeIntervalMs).toBe(PROBE_INTERVAL_MS);
    expect(s.probeTimeoutMs).toBe(PROBE_TIMEOUT_MS);
    expect(PROBE_INTERVAL_MS).toBe(200);
  });

  it('a slow server gets a coarser interval and a longer timeout; nonsense is refused', () => {
    expect(FailoverSettingsSchema.parse({ probeIntervalMs: 1000, probeTimeoutMs: 15_000 })).toMatchObject({ probeIntervalMs: 1000, probeTimeoutMs: 15_000 });
    for (const bad of [{ probeIntervalMs: 10 }, { probeIntervalMs: 60_000 }, { probeTimeoutMs: 100 }, { probeIntervalMs: 250.5 }]) {
      expect(FailoverSettingsSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
