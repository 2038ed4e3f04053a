import { planProject } from '../../shared/planning/planProject';
import type { Project } from '../../shared/project/schema';
import { realisationFrom, type AuditCommand } from '../../shared/documents/realisation';
import type { AsBuiltCluster, DocumentSources } from '../../shared/documents/sources';
import type { ErrorValue } from '../../shared/errors';
import type { AuditLog } from '../audit/auditLog';
import { appVersion } from '../version';

export interface GatherOptions {
  now: Date;
  /** The project's audit log (every SSH command); absent in tests of planning-only projects. */
  audit?: AuditLog;
  /** Reads the running cluster; absent or throwing means "not reachable", and the handbook says so. */
  readCluster?: (project: Project) => Promise<{ ok: true; cluster: AsBuiltCluster } | { ok: false; error: ErrorValue } | undefined>;
}

const AUDIT_PAGE = 2000;

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
  const plan = planProject(project);
  const src: DocumentSources = { project, plan, generatedAt: opts.now.toISOString(), appVersion: appVersion() };
  const record = project.commission.record;
  if (record) {
    const audit = opts.audit ? await auditCommands(opts.audit) : [];
    src.realisation = realisationFrom(record, audit, () => undefined, (role) => {
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
