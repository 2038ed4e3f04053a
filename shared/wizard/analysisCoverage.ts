import type { Facts } from '../analysis/facts';
import { optionalFields, planningOnlyFields, primaryFieldIds, valuesFromFacts, type PrimaryFieldId } from '../planning/primaryFields';

/** The parts of the Ist-Analyse a plan rests on: the three services and what the sizing reads. */
export const coverageAreas = ['hardware', 'storage', 'data', 'mailVolume', 'postfix', 'dovecot', 'mariadb'] as const;
export type CoverageArea = (typeof coverageAreas)[number];

const areaOf: Partial<Record<PrimaryFieldId, CoverageArea>> = {
  cores: 'hardware', threads: 'hardware', ramGb: 'hardware',
  diskCount: 'storage', diskSizeGb: 'storage', diskType: 'storage', raidLevel: 'storage',
  vmailGb: 'data', mariadbGb: 'data', spoolGb: 'data', bufferPoolGb: 'mariadb', mailsPerDay: 'mailVolume',
};

export interface Coverage {
  /** Sizing fields the facts do not give (the hand form or Sizing must supply them). */
  missingFields: PrimaryFieldId[];
  /** Areas with nothing known: a result page must say "not collected" there, never "no findings". */
  missingAreas: CoverageArea[];
  complete: boolean;
}

/** What the facts cover and what is missing, so no page reads as "all fine" over data that was never there. */
export function analysisCoverage(facts: Facts | undefined): Coverage {
  const { values } = valuesFromFacts(facts);
  const missingFields = primaryFieldIds.filter((id) => !optionalFields.includes(id) && !planningOnlyFields.includes(id) && id !== 'cpuModel' && values[id] === undefined);
  const service = (v: object | undefined) => v !== undefined && Object.values(v).some((x) => x !== undefined);
  const missingAreas = coverageAreas.filter((a) => {
    if (a === 'postfix' || a === 'dovecot') return !service(facts?.[a]);
    if (a === 'mariadb') return !service(facts?.mariadb);
    return missingFields.some((f) => areaOf[f] === a);
  });
  return { missingFields, missingAreas, complete: missingFields.length === 0 && missingAreas.length === 0 };
}
