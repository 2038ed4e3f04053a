import { planProject } from '../../shared/planning/planProject';
import type { Project } from '../../shared/project/schema';
import { realisationFrom, type AuditCommand } from '../../shared/documents/realisation';
import type { AsBuiltCluster, DocumentSources } from '../../shared/documents/sources';
import type { ErrorValue } from '../../shared/errors';
import type { AuditLog } from '../audit/auditLog';
import { generatePlan } from '../../shared/commission/generate';
import type { Plan, WriteFileAction } from '../../shared/commission/types';
import { appVersion } from '../version';

export interface GatherOptions {
  now: Date;
  /** The document's language: step titles of the commissioning plan are quoted in it. */
  lang: 'de' | 'en';
  /** The project's audit log (every SSH command); absent in tests of planning-only projects. */
  audit?: AuditLog;
  /** Reads the running cluster; absent or throwing means "not reachable", and the handbook says so. */
  readCluster?: (project: Project) => Promise<{ ok: true; cluster: AsBuiltCluster } | { ok: false; error: ErrorValue } | undefined>;
}

const AUDIT_PAGE = 2000;

/** Config files worth quoting in the annex: the cluster's own, not every helper script. */
const SHOWN_CONFIGS = /^\/etc\/(corosync\/corosync\.conf|drbd\.d\/[^/]+\.res|mail-ha-studio\/cib-configuration\.xml)$/;

/** The commissioning plan of the project when its inventory exists (titles of the record's steps, planned configs). */
function commissioningPlan(project: Project): Plan | null {
  const inv = project.commission.inventory;
  if (!inv) return null;
  try {
    return generatePlan(project, inv);
  } catch {
    // A plan that cannot be made yet (no VIP ...) leaves the record's step ids as they are.
    return null;
  }
}

async function auditCommands(audit: AuditLog): Promise<AuditCommand[]> {
  const out: AuditCommand[] = [];
  for (let offset = 0; ; ) {
    const page = await audit.read({ offset, limit: AUDIT_PAGE });
    out.push(...page.entries);
    if (page.nextOffset === undefined) return out;
    offset = page.nextOffset;
  }
}

/**
 * Everything the chapter builders read, from the project and (when given) the audit log and the live
 * cluster. The plan is the one composition in shared/planning.
 */
export async function gatherSources(project: Project, opts: GatherOptions): Promise<DocumentSources> {
  const src: DocumentSources = { project, plan: planProject(project), generatedAt: opts.now.toISOString(), appVersion: appVersion() };
  const commissioning = commissioningPlan(project);
  if (commissioning) {
    // What the plan writes, as the annex shows it before the cluster can be read; secret files never.
    src.plannedConfigs = commissioning.steps.flatMap((st) =>
      st.apply.filter((a): a is WriteFileAction => a.kind === 'write' && !a.secret && SHOWN_CONFIGS.test(a.path) && !a.content.includes('{{secret:'))
        .map((a) => ({ path: a.path, node: st.node, content: a.content })),
    ).filter((f, i, all) => all.findIndex((g) => g.path === f.path) === i);
  }
  const record = project.commission.record;
  if (record) {
    const audit = opts.audit ? await auditCommands(opts.audit) : [];
    const steps = new Map((commissioning?.steps ?? []).map((st) => [st.id, st]));
    const info = (id: string) => {
      const st = steps.get(id);
      return st ? { title: st.title[opts.lang], phase: st.phase } : undefined;
    };
    src.realisation = realisationFrom(record, audit, info, (role) => {
      const h = project.hosts[role as keyof Project['hosts']];
      return h ? { host: h.host, port: h.port } : undefined;
    });
  }
  if (opts.readCluster) {
    try {
      const live = await opts.readCluster(project);
      if (live) src.live = live;
    } catch (e) {
      src.live = { ok: false, error: { code: 'docs:errors.clusterUnreachable', detail: e instanceof Error ? e.message : String(e) } };
    }
  }
  return src;
}
