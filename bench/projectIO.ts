import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { readProjectFile, writeProjectFile } from '../main/project/projectFiles';
import { newProject, type Project } from '../shared/project/schema';

/**
 * A large project: every text field at its maximum length, a year of mail-volume days, hundreds of
 * domains and filesystems in the facts, and a long time plan.
 */
export function largeProject(): Project {
  const p = newProject('3b241101-e2bb-4255-8caf-4136c566a962', new Date());
  const para = 'Der Mailserver läuft seit 2017 auf einem einzelnen Server ohne Redundanz. ';
  p.meta.descriptionIst = para.repeat(Math.floor(20000 / para.length));
  p.meta.descriptionSoll = para.repeat(Math.floor(20000 / para.length));
  p.meta.customer = 'Ä'.repeat(200);
  p.meta.title = 'Ö'.repeat(300);
  const day0 = Date.UTC(2025, 10, 1);
  const days = Array.from({ length: 365 }, (_, i) => ({
    date: new Date(day0 + i * 86_400_000).toISOString().slice(0, 10),
    received: 4000 + i, delivered: 3900 + i, forwarded: 20, deferred: 12, deferrals: 30, bounced: 3, rejected: 400,
    bytesReceived: 9e8, bytesDelivered: 8.8e8, receivedPerHour: Array.from({ length: 24 }, (_, h) => 100 + h),
  }));
  p.facts = {
    source: 'ssh',
    collectedAt: new Date(day0).toISOString(),
    data: { domains: Array.from({ length: 300 }, (_, i) => ({ domain: `kunde-${i}.example`, mailboxes: 40, messages: 25_000, bytes: 3e9 })) },
    storage: { filesystems: Array.from({ length: 100 }, (_, i) => ({ source: `/dev/mapper/vg-lv${i}`, fstype: 'ext4', mountpoint: `/srv/${i}`, sizeBytes: 1e11, usedBytes: 5e10 })) },
    mailVolume: { days },
  };
  p.planning.timePlan.tasks = Array.from({ length: 80 }, (_, i) => ({ id: `t${i}`, phase: 'realisierung', title: `Aufgabe ${i}`, plannedHours: 0.5, actualHours: 0.5 }));
  return p;
}

export async function benchProjectIO(runs = 20) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mhs-bench-io-'));
  const file = path.join(dir, 'large.mhs.json');
  const project = largeProject();
  const save: number[] = [];
  const load: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      let t = performance.now();
      await writeProjectFile(file, project);
      save.push(performance.now() - t);
      t = performance.now();
      await readProjectFile(file);
      load.push(performance.now() - t);
    }
    return { bytes: statSync(file).size, save, load };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
