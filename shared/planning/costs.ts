import type { CostsInput } from './costsSchema';
import { checkSpec, type RequirementCheck, type Requirements } from './requirements';
import { figure, reason, round, type Figure, type Reason } from './trace';

export interface CostsEngineInput {
  costs: CostsInput;
  /** From sizeSecondaryNode; without it offers are listed but not checked. */
  requirements?: Requirements;
  plannedHours: number;
  /** Hours actually worked so far (time plan Ist); gives the labour cost for the Soll-Ist comparison. */
  actualHours?: number;
  hourlyRateEur: number;
  overheadPct: number;
  horizonYears: number;
}

export interface OfferEvaluation {
  id: string;
  vendor: string;
  model: string;
  priceEur: number;
  checks: RequirementCheck[] | null;
  /** null when there is nothing to check against. */
  meetsAll: boolean | null;
  chosen: boolean;
}

/** 'missing': nothing to compute yet (no offer chosen); the reasons say what to enter first. */
export type Amortisation = { kind: 'years'; years: Figure } | { kind: 'never'; reason: Reason } | { kind: 'missing'; missing: Reason[] };

export interface CostEstimate {
  offers: OfferEvaluation[];
  oneTime: { hardware: Figure; labour: Figure; other: Figure; total: Figure };
  labourActual?: Figure;
  yearly: { power: Figure; rack: Figure; support: Figure; witness: Figure; total: Figure };
  downtimeAvoidedPerYear: Figure;
  netBenefitPerYear: Figure;
  amortisation: Amortisation;
  /** For a bar/pie chart: one-time and yearly items in EUR. */
  breakdown: { id: string; kind: 'oneTime' | 'yearly'; amountEur: number }[];
  /** Cumulative cost (investment + running) vs cumulative avoided downtime cost, year 0..horizon. */
  cumulative: { year: number; costEur: number; savingsEur: number }[];
  warnings: Reason[];
}

const eur = (value: number, formula: string, inputs: Record<string, number | string>) => figure(value, 'EUR', formula, inputs);

export function estimateCosts(i: CostsEngineInput): CostEstimate {
  const c = i.costs;
  const warnings: Reason[] = [];

  const offers: OfferEvaluation[] = c.offers.map((o) => {
    const checks = i.requirements ? checkSpec(o.spec, i.requirements) : null;
    const meetsAll = checks ? checks.every((x) => x.meets !== false) : null;
    return { id: o.id, vendor: o.vendor, model: o.model, priceEur: o.priceEur, checks, meetsAll, chosen: o.id === c.chosenOfferId };
  });
  const chosen = c.offers.find((o) => o.id === c.chosenOfferId);
  const chosenEval = offers.find((o) => o.chosen);
  if (!chosen) warnings.push(reason(c.offers.length ? 'planning:costs.warnings.noOfferChosen' : 'planning:costs.warnings.noOffers'));
  if (chosenEval?.meetsAll === false) {
    const missed = chosenEval.checks!.filter((x) => x.meets === false).map((x) => x.id).join(', ');
    warnings.push(reason('planning:costs.warnings.chosenMissesRequirements', { offer: chosenEval.id, missed }));
  }
  const cheaper = offers.filter((o) => o.meetsAll === true && chosen && o.priceEur < chosen.priceEur).sort((a, b) => a.priceEur - b.priceEur)[0];
  if (cheaper && chosen) warnings.push(reason('planning:costs.warnings.cheaperOfferMeets', { offer: cheaper.id, saving: round(chosen.priceEur - cheaper.priceEur, 2) }));

  const hardware = chosen
    ? eur(chosen.priceEur, 'chosenOfferPrice', { offer: `${chosen.vendor} ${chosen.model}`.trim() || chosen.id, priceEur: chosen.priceEur })
    : eur(0, 'noOfferChosen', {});
  const labour = eur(i.plannedHours * i.hourlyRateEur * (1 + i.overheadPct / 100), 'labour', {
    plannedHours: i.plannedHours, hourlyRateEur: i.hourlyRateEur, overheadPct: i.overheadPct,
  });
  const labourActual =
    i.actualHours !== undefined
      ? eur(i.actualHours * i.hourlyRateEur * (1 + i.overheadPct / 100), 'labourActual', { actualHours: i.actualHours, hourlyRateEur: i.hourlyRateEur, overheadPct: i.overheadPct })
      : undefined;
  const otherSum = c.otherOneTime.reduce((s, x) => s + x.amountEur, 0);
  const other = eur(otherSum, 'sumOfItems', Object.fromEntries(c.otherOneTime.map((x, n) => [`item:${x.label.trim() || n + 1}`, x.amountEur])));
  const investment = hardware.value + labour.value + other.value;
  const total = eur(investment, 'investment', { hardwareEur: hardware.value, labourEur: labour.value, otherEur: other.value });

  const W = chosen?.powerW ?? c.powerW;
  const power = eur((W * 24 * 365) / 1000 * c.pricePerKwhEur, 'power', { powerW: W, pricePerKwhEur: c.pricePerKwhEur });
  const ru = chosen?.rackUnits ?? c.rackUnits;
  const rack = eur(ru * c.pricePerRackUnitYearEur, 'rack', { rackUnits: ru, pricePerRackUnitYearEur: c.pricePerRackUnitYearEur });
  const support = eur(c.supportPerYearEur, 'assumed', { supportPerYearEur: c.supportPerYearEur });
  const witness = eur(c.witnessHostPerYearEur, 'assumed', { witnessHostPerYearEur: c.witnessHostPerYearEur });
  const running = power.value + rack.value + support.value + witness.value;
  const yearlyTotal = eur(running, 'running', { powerEur: power.value, rackEur: rack.value, supportEur: support.value, witnessEur: witness.value });

  const avoided = eur((c.outageHoursPerYearWithout - c.outageHoursPerYearWith) * c.downtimeCostPerHourEur, 'avoidedDowntime', {
    outageHoursWithout: c.outageHoursPerYearWithout, outageHoursWith: c.outageHoursPerYearWith, downtimeCostPerHourEur: c.downtimeCostPerHourEur,
  });
  const net = eur(avoided.value - running, 'netBenefit', { avoidedEur: avoided.value, runningEur: running });
  let amortisation: Amortisation;
  // Without the hardware price the period would only cover labour and mislead; say what is missing instead.
  if (!chosen) {
    amortisation = { kind: 'missing', missing: [reason(c.offers.length ? 'planning:costs.missingInputs.chooseOffer' : 'planning:costs.missingInputs.addOffer')] };
  } else if (net.value > 0) {
    amortisation = { kind: 'years', years: figure(investment / net.value, 'years', 'amortisation', { investmentEur: investment, avoidedEur: avoided.value, runningEur: running }) };
    if (amortisation.years.value > i.horizonYears) {
      warnings.push(reason('planning:costs.warnings.amortisationAfterHorizon', { years: round(amortisation.years.value, 1), horizon: i.horizonYears }));
    }
  } else {
    amortisation = { kind: 'never', reason: reason('planning:costs.reasons.neverAmortises', { avoided: round(avoided.value, 2), running: round(running, 2) }) };
  }

  const breakdown: CostEstimate['breakdown'] = [
    { id: 'hardware', kind: 'oneTime', amountEur: hardware.value },
    { id: 'labour', kind: 'oneTime', amountEur: labour.value },
    { id: 'other', kind: 'oneTime', amountEur: other.value },
    { id: 'power', kind: 'yearly', amountEur: power.value },
    { id: 'rack', kind: 'yearly', amountEur: rack.value },
    { id: 'support', kind: 'yearly', amountEur: support.value },
    { id: 'witness', kind: 'yearly', amountEur: witness.value },
  ];
  const cumulative = Array.from({ length: i.horizonYears + 1 }, (_, year) => ({
    year,
    costEur: investment + year * running,
    savingsEur: year * avoided.value,
  }));

  return {
    offers,
    oneTime: { hardware, labour, other, total },
    ...(labourActual ? { labourActual } : {}),
    yearly: { power, rack, support, witness, total: yearlyTotal },
    downtimeAvoidedPerYear: avoided,
    netBenefitPerYear: net,
    amortisation,
    breakdown,
    cumulative,
    warnings,
  };
}
