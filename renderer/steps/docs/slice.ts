import type { StateCreator } from 'zustand';
import type { MethodOutput } from '../../../shared/contract';
import type { DocumentKind } from '../../../shared/documents/model';
import { toErrorValue, type ErrorValue } from '../../../shared/errors';
import { ApiCallError, call } from '../../api/client';
import type { AppState } from '../../store';
import { askPdfPath } from './askPath';

export type ExportResult = MethodOutput<'documents.export'>;

export interface DocsExport {
  runId: string;
  kind: DocumentKind;
  status: 'running' | 'done' | 'failed' | 'cancelled';
  done: number;
  label: string;
  result?: ExportResult;
  error?: ErrorValue;
  opened?: boolean;
}

export interface DocsPreview {
  kind: DocumentKind;
  lang: 'de' | 'en';
  status: 'running' | 'done' | 'failed';
  pdf?: Uint8Array;
  pages?: number;
}

/** UI state of the Dokumentation step: chosen document and language, the running export, the preview. */
export interface DocsStepSlice {
  docsKind: DocumentKind;
  docsLang: 'de' | 'en' | null;
  docsApproved: boolean;
  docsReadCluster: boolean;
  docsExport: DocsExport | null;
  docsPreview: DocsPreview | null;
  setDocsKind(kind: DocumentKind): void;
  setDocsLang(lang: 'de' | 'en'): void;
  setDocsApproved(v: boolean): void;
  setDocsReadCluster(v: boolean): void;
  exportDocument(): Promise<void>;
  cancelExport(): Promise<void>;
  openExported(): Promise<void>;
  makePreview(): Promise<void>;
}

let unsubscribe: (() => void) | null = null;

export const createDocsStepSlice: StateCreator<AppState, [], [], DocsStepSlice> = (set, get) => {
  const api = () => {
    const a = get().api;
    if (!a) throw new Error('API not connected');
    return a;
  };
  const lang = () => get().docsLang ?? (get().language === 'de' ? 'de' : 'en');
  const patch = (runId: string, p: Partial<DocsExport>) => {
    const cur = get().docsExport;
    if (cur && cur.runId === runId) set({ docsExport: { ...cur, ...p } });
  };
  return {
    docsKind: 'report',
    docsLang: null,
    docsApproved: false,
    docsReadCluster: true,
    docsExport: null,
    docsPreview: null,
    setDocsKind: (docsKind) => set({ docsKind, docsApproved: false }),
    setDocsLang: (docsLang) => set({ docsLang }),
    setDocsApproved: (docsApproved) => set({ docsApproved }),
    setDocsReadCluster: (docsReadCluster) => set({ docsReadCluster }),

    async exportDocument() {
      const project = get().project;
      if (!project || get().docsExport?.status === 'running') return;
      const kind = get().docsKind;
      const l = lang();
      const path = await askPdfPath(kind, l, project.meta.title);
      if (!path) return;
      const runId = crypto.randomUUID();
      set({ docsExport: { runId, kind, status: 'running', done: 0, label: 'docs:step.stage.gather' } });
      unsubscribe?.();
      unsubscribe = api().on('run.progress', (p) => {
        if (p.runId === runId) patch(runId, { done: p.done, ...(p.label ? { label: p.label } : {}) });
      });
      try {
        const result = await call(api(), 'documents.export', {
          runId, projectId: project.id, project, kind, lang: l, path,
          approved: kind === 'proposal' && get().docsApproved, readCluster: get().docsReadCluster,
        });
        patch(runId, { status: 'done', done: 100, label: 'docs:step.stage.done', result });
        // The export goes into the project: when and where (the step's status), the approved proposal if asked.
        get().updateProject((p) => ({
          ...p,
          documents: {
            ...p.documents,
            lastExports: { ...p.documents.lastExports, [kind]: { at: result.exportedAt, lang: l, path: result.path, pages: result.pages, ...(result.pageLimit ? { mainPages: result.pageLimit.pages } : {}) } },
            ...(result.approvedProposal ? { approvedProposal: result.approvedProposal } : {}),
          },
        }));
      } catch (e) {
        const error = e instanceof ApiCallError ? e.error : toErrorValue(e);
        patch(runId, error.code === 'docs:errors.cancelled' ? { status: 'cancelled' } : { status: 'failed', error });
      } finally {
        unsubscribe?.();
        unsubscribe = null;
      }
    },

    async cancelExport() {
      const r = get().docsExport;
      if (r?.status === 'running') await call(api(), 'documents.cancel', { runId: r.runId }).catch(() => undefined);
    },

    async openExported() {
      const r = get().docsExport;
      if (!r?.result) return;
      try {
        const { opened } = await call(api(), 'documents.open', { path: r.result.path });
        patch(r.runId, { opened });
      } catch (e) {
        get().showError(e instanceof ApiCallError ? e.error : toErrorValue(e));
      }
    },

    async makePreview() {
      const project = get().project;
      if (!project) return;
      const kind = get().docsKind;
      const l = lang();
      set({ docsPreview: { kind, lang: l, status: 'running' } });
      try {
        const r = await call(api(), 'documents.preview', { project, kind, lang: l });
        const bin = atob(r.pdfBase64);
        const pdf = new Uint8Array(bin.length);
        for (let i = 0; i < bin.length; i++) pdf[i] = bin.charCodeAt(i);
        set({ docsPreview: { kind, lang: l, status: 'done', pdf, pages: r.pages } });
      } catch (e) {
        set({ docsPreview: { kind, lang: l, status: 'failed' } });
        get().showError(e instanceof ApiCallError ? e.error : toErrorValue(e));
      }
    },
  };
};
