import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogue, caseIds, defaultSelection, findCase } from './cases';
import { ClusterProfileSchema, detectionFloorMs, type ClusterProfile } from './profile';

const locale = (lng: string) => JSON.parse(readFileSync(path.resolve(import.meta.dirname, `../i18n/locales/${lng}/failover.json`), 'utf8'));
const profile = (p: Partial<ClusterProfile> = {}): ClusterProfile => ClusterProfileSchema.parse(p);

// The two lab tiers and a typical production cluster, as the runner reads them from the nodes.
const ct = profile({ platform: 'container', replication: 'shared', stonith: false, quorum: 'twoNode', waitForAll: true, corosyncLinks: 2, hook: { crash: true, powerOff: true, powerOn: true, link: true } });
const vm = profile({ platform: 'vm', replication: 'drbd', stonith: true, quorum: 'twoNode', waitForAll: true, corosyncLinks: 2, drbdFencing: true, hook: { crash: true, powerOff: true, powerOn: true, link: true } });
const prodCli = profile({ platform: 'physical', replication: 'drbd', stonith: true, quorum: 'qdevice', corosyncLinks: 2, drbdFencing: true });

describe('failover catalogue', () => {
  it('has every case of the issue exactly once', () => {
    expect(catalogue.map((c) => c.id)).toEqual([...caseIds]);
    expect(new Set(caseIds).size).toBe(caseIds.length);
  });

  for (const lng of ['de', 'en']) {
    it(`every case has a title, explanation and expected outcome in ${lng}`, () => {
      const l = locale(lng);
      for (const id of caseIds) {
        for (const k of ['title', 'explanation', 'expected']) expect(typeof l.cases[id]?.[k], `${lng} cases.${id}.${k}`).toBe('string');
      }
    });
    it(`every reason a case can give exists in ${lng}`, () => {
      const l = locale(lng);
      const variants = [ct, vm, prodCli, profile({ nodes: 1 }), profile({ platform: 'container' }), profile({ replication: 'drbd', stonith: true, corosyncLinks: 0 }), profile({ interactive: true })];
      for (const c of catalogue) {
        for (const p of variants) {
          const a = c.applicable(p);
          if (!a.runnable) expect(typeof l.reasons[a.reason.replace('failover:reasons.', '')], `${c.id}: ${a.reason}`).toBe('string');
        }
      }
    });
  }

  it('the container tier says why fencing cases cannot run instead of passing them', () => {
    for (const id of ['killCorosync', 'clusterLinkCut', 'fenceTest'] as const) {
      const a = findCase(id).applicable(ct);
      expect(a).toEqual({ runnable: false, reason: 'failover:reasons.noFencingContainer' });
    }
    expect(findCase('drbdLinkCut').applicable(ct)).toEqual({ runnable: false, reason: 'failover:reasons.sharedStorage' });
    expect(findCase('hardCrash').applicable(ct).runnable).toBe(true);
    expect(findCase('hardCrash').applicable({ ...ct, hook: {} }).runnable).toBe(false);
  });

  it('the vm tier can run every case', () => {
    for (const c of catalogue) expect(c.applicable(vm), c.id).toEqual({ runnable: true });
  });

  it('a CLI run without a power-on hook skips the cases that switch a node off, but not the crash (sysrq reboots)', () => {
    expect(findCase('powerOff').applicable(prodCli)).toEqual({ runnable: false, reason: 'failover:reasons.noPowerOn' });
    expect(findCase('hardCrash').applicable(prodCli).runnable).toBe(true);
    expect(findCase('powerOff').applicable({ ...prodCli, interactive: true }).runnable).toBe(true);
  });

  it('a planned move is judged by the planned RTO, a crash by the unplanned one, killing a process expects a local restart', () => {
    expect(findCase('standby').expect(vm)).toMatchObject({ outage: 'planned', services: 'peer', fencing: false });
    expect(findCase('hardCrash').expect(vm)).toMatchObject({ outage: 'unplanned', services: 'peer', fencing: true });
    expect(findCase('hardCrash').expect(ct).fencing).toBeUndefined();
    expect(findCase('killService').expect(vm)).toMatchObject({ services: 'sameNode', localRestart: true });
    expect(findCase('drbdLinkCut').expect(vm)).toMatchObject({ outage: 'none', drbdFenceConstraint: true });
  });

  it('cold start: two_node waits for its peer; a quorum device lets the lone node start unless wait_for_all is set', () => {
    expect(findCase('coldStartAlone').expect(vm)).toMatchObject({ services: 'nowhere', quorumWait: true });
    expect(findCase('coldStartAlone').expect(prodCli)).toMatchObject({ services: 'anyOneNode' });
    expect(findCase('coldStartAlone').expect({ ...prodCli, waitForAll: true })).toMatchObject({ quorumWait: true });
  });

  it('the default selection leaves out the full outage and what cannot run', () => {
    expect(defaultSelection(ct)).toEqual(['standby', 'move', 'rollingMaintenance', 'killService', 'killPacemakerd', 'hardCrash', 'powerOff']);
    expect(defaultSelection(vm)).not.toContain('coldStartAlone');
  });

  it('detection floor is token + consensus (1.2 x token when not set)', () => {
    expect(detectionFloorMs(profile({ tokenMs: 3000 }))).toBe(6600);
    expect(detectionFloorMs(profile({ tokenMs: 1000, consensusMs: 1200 }))).toBe(2200);
    expect(detectionFloorMs(profile({}))).toBeUndefined();
  });
});
