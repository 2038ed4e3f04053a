import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { readProjectFile, writeProjectFile } from '../main/project/projectFiles';
import { newProject, type Project } from '../shared/project/schema';

/** The largest project the schema allows today: every text field at its maximum length. */
export function largeProject(): Project {
  const p = newProject('3b241101-e2bb-4255-8caf-4136c566a962', new Date());
  const para = 'Der Mailserver läuft seit 2017 auf einem einzelnen Server ohne Redundanz. ';
  p.meta.descriptionIst = para.repeat(Math.floor(20000 / para.length));
  p.meta.descriptionSoll = para.repeat(Math.floor(20000 / para.length));
  p.meta.customer = 'Ä'.repeat(200);
  p.meta.title = 'Ö'.repeat(300);
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
