/**
 * The Betriebshandbuch and the Projektdokumentation from a commissioned ct cluster, through the app's CLI as a
 * user runs it: the lab's project (Ist-Analyse, hosts, the lab's choices), `commission --yes`, then `docs
 * handbook` and `docs report`. The handbook must read the live cluster (node and resource names from the CIB,
 * versions, corosync.conf, ports, jails) and hold no secret; the report's Realisierung must come from the
 * commissioning record and the audit log. Negative control: the same project with unreachable nodes gives a
 * handbook that says it was made from the project file because the cluster was not reachable.
 * Page images land in test-results/lab-docs/ to be looked at.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Project } from '../../../shared/project/schema';
import { cli, prepareLabProject, type LabProject } from '../commission/executorLab';
import { runDir } from '../lib/config.js';
import { labNode, readLabStatus, type LabStatus } from '../lib/statusSchema.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const SHOTS = path.join(ROOT, 'test-results/lab-docs');
const text = (pdf: string) => execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');

describe('documents from the commissioned ct cluster', () => {
  let st: LabStatus;
  let p: LabProject;
  let dir: string;

  beforeAll(async () => {
    st = readLabStatus('ct');
    // The project lives with the lab instance: a second run on the same lab reuses the cluster it commissioned
    // (a new project cannot commission a cluster that already holds the VIP).
    // In CI the 22- hook's project (MHS_COMMISSIONED_PROJECT_DIR) is the one that commissioned this lab.
    const commissionedHere = (f: string) => {
      if (!existsSync(f)) return false;
      const at = (JSON.parse(readFileSync(f, 'utf8')) as Project).commission.record?.completedAt;
      return !!at && Date.parse(st.startedAt) < Date.parse(at);
    };
    const ci = process.env.MHS_COMMISSIONED_PROJECT_DIR;
    dir = ci && commissionedHere(path.join(ci, 'lab.mhs.json')) ? ci : path.join(runDir('ct'), 'docs');
    mkdirSync(SHOTS, { recursive: true });
    const file = path.join(dir, 'lab.mhs.json');
    const done = commissionedHere(file);
    p = await (done ? reuse(file) : prepareLabProject(st, 'ct', dir));
    if (done) return;
    const t0 = Date.now();
    const r = await cli(['commission', '--project', p.file, '--yes', '--quiet'], p.env);
    if (r.code !== 0) throw new Error(`commission exited ${r.code}:\n${r.stderr.slice(-4000)}`);
    process.stdout.write(`commissioned in ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
  });

  /** The environment prepareLabProject gives the CLI, for a project it made on this lab before. */
  async function reuse(file: string): Promise<LabProject> {
    return {
      file,
      env: { ...process.env, MHS_USER_DATA: path.join(path.dirname(file), 'userdata'), MHS_LANG: 'en', MHS_SUDO_PASSWORD: st.credentials.admin.password, MHS_HACLUSTER_PASSWORD: 'Hacluster-Lab-Run-2026' },
    };
  }

  it('the handbook is built from the live cluster, with its real names and no secret', async () => {
    for (const lang of ['de', 'en'] as const) {
      const out = path.join(dir, `handbook-${lang}.pdf`);
      const t0 = Date.now();
      const r = await cli(['docs', 'handbook', '--project', p.file, '--lang', lang, '--out', out], { ...p.env, MHS_LANG: lang });
      expect(r.code, r.stderr.slice(-3000)).toBe(0);
      process.stdout.write(`handbook (${lang}) in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
      const t = text(out);
      const flat = t.replace(/\s+/g, ' ');
      expect(r.stdout).toContain(lang === 'de' ? 'Datengrundlage: der laufende Cluster.' : 'Based on: the running cluster.');
      expect(flat).toContain(lang === 'de' ? 'laufender Cluster, gelesen am' : 'the running cluster, read on');
      const legacy = labNode(st, 'legacy').hostname;
      const secondary = labNode(st, 'secondary').hostname;
      expect(flat).toContain(`crm node standby ${legacy}`);
      expect(flat).toContain(`crm resource move g_mail ${secondary}`);
      expect(flat).toMatch(/pacemaker \d+\.\d+\.\d+/);
      expect(flat).toContain('cluster_name:');
      expect(flat).toMatch(/25\/tcp/);
      expect(flat).not.toMatch(/<(Ressourcengruppe|resource group|Zweitknoten|secondary node)>/);
      // Nothing the app keeps secret reaches the document.
      for (const secret of [p.env.MHS_HACLUSTER_PASSWORD!, st.credentials.admin.password]) expect(t).not.toContain(secret);
      execFileSync('pdftoppm', ['-r', '60', '-png', out, path.join(SHOTS, `handbook-${lang}`)]);
    }
  });

  it('the report quotes the commissioning record and the audit log in Realisierung', async () => {
    const out = path.join(dir, 'report-de.pdf');
    const r = await cli(['docs', 'report', '--project', p.file, '--lang', 'de', '--out', out], { ...p.env, MHS_LANG: 'de' });
    expect(r.code, r.stderr.slice(-3000)).toBe(0);
    const flat = text(out).replace(/\s+/g, ' ');
    const project = JSON.parse(readFileSync(p.file, 'utf8')) as Project;
    const steps = Object.keys(project.commission.record!.steps).length;
    expect(flat).toMatch(new RegExp(`Von ${steps} Schritten auf`));
    expect(flat).toContain('Befehlsauszüge aus dem Audit-Log');
    expect(flat).not.toContain('Die Inbetriebnahme ist noch nicht gelaufen');
    execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '10', '-l', '16', out, path.join(SHOTS, 'report-de')]);
  });

  it('negative control: with the nodes unreachable the handbook says it comes from the project file', async () => {
    const project = JSON.parse(readFileSync(p.file, 'utf8')) as Project;
    for (const role of ['primary', 'secondary', 'witness'] as const) if (project.hosts[role]) project.hosts[role]!.port = 1;
    const file = path.join(dir, 'unreachable.mhs.json');
    writeFileSync(file, JSON.stringify(project));
    const out = path.join(dir, 'handbook-unreachable.pdf');
    const r = await cli(['docs', 'handbook', '--project', file, '--lang', 'de', '--out', out], { ...p.env, MHS_LANG: 'de' });
    expect(r.code, r.stderr.slice(-3000)).toBe(0);
    expect(r.stdout).toContain('Datengrundlage: die Projektdatei (der Cluster war nicht erreichbar).');
    const flat = text(out).replace(/\s+/g, ' ');
    expect(flat).toContain('Projektdatei (der Cluster war nicht erreichbar');
    expect(flat).not.toContain('laufender Cluster, gelesen am');
  });
});
