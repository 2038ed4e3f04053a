import { describe, expect, it } from 'vitest';
import { generatePlan } from '../../../shared/commission/generate';
import { labProject } from '../../../test/support/install/labProject';
import { secretsNeeded, shownSecrets } from './SecretsCard';

describe('which commissioning secrets the Servers tab shows', () => {
  const p = labProject();
  const plan = generatePlan(p, p.commission.inventory!);

  it('with a plan: what its steps reference, and what is set already', () => {
    const needed = [...secretsNeeded(plan)];
    expect(shownSecrets(plan, {}, [])).toEqual(needed);
    expect(shownSecrets(plan, { ipmiPasswordPrimary: true }, [])).toContain('ipmiPasswordPrimary');
  });

  it('before a plan: everything but the IPMI passwords, unless IPMI fencing is planned', () => {
    expect(shownSecrets(null, {}, ['none'])).toEqual(['haclusterPassword', 'mariadbReplicaPassword']);
    expect(shownSecrets(null, {}, ['ipmi'])).toContain('ipmiPasswordSecondary');
  });
});
