/** Per-year storage series for the chart: data volume against each node's capacity and fill limit. */
export interface ForecastPoint {
  year: number;
  dataGb: number;
  /** Capacity for data per node (usable minus OS reserve). */
  capacityGb: Record<string, number>;
  /** Data above maxFill % of that node's capacity. */
  full: Record<string, boolean>;
  limitPct: number;
}

export interface ForecastInput {
  dataNowGb: number;
  storagePctPerYear: number;
  horizonYears: number;
  maxFillPct: number;
  capacities: Record<string, number>;
}

export function storageForecast(i: ForecastInput): ForecastPoint[] {
  const points: ForecastPoint[] = [];
  for (let year = 0; year <= i.horizonYears; year++) {
    const dataGb = i.dataNowGb * (1 + i.storagePctPerYear / 100) ** year;
    const full: Record<string, boolean> = {};
    // The relative epsilon keeps a volume sized exactly to the limit from counting as full through float rounding.
    for (const [who, cap] of Object.entries(i.capacities)) full[who] = dataGb > ((cap * i.maxFillPct) / 100) * (1 + 1e-9);
    points.push({ year, dataGb, capacityGb: { ...i.capacities }, full, limitPct: i.maxFillPct });
  }
  return points;
}
