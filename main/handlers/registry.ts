import { analysisExportScript, analysisImportBundle } from './analysis/offline';
import { knownHostsImportUser, knownHostsReplace } from './analysis/knownHosts';
import { analysisCancel, analysisCollectors, analysisRun } from './analysis/run';
import { secretsSet, secretsStatus } from './analysis/secrets';
import { appInfo } from './app/info';
import { auditExport, auditList } from './audit/audit';
import { settingsGet, settingsSetLanguage } from './app/settings';
import { dialogOpenFile, dialogOpenProject, dialogSaveFile, dialogSaveProject } from './dialog/projectDialogs';
import { failoverClusterCheck } from './failover/clusterCheck';
import { failoverInterrupted, failoverUndoInterrupted } from './failover/interrupted';
import { failoverPreview } from './failover/preview';
import { failoverAnswer, failoverCancel, failoverRun } from './failover/run';
import { failoverSecretsStatus, failoverSetSecret } from './failover/secrets';
import { projectNew } from './project/newProject';
import { projectOpen, projectValidate } from './project/openProject';
import { projectDiscardRecovery, projectRecover, projectRecoverable } from './project/recovery';
import { projectAutosave, projectSave } from './project/saveProject';
import { clusterStatus } from './commission/cluster';
import { commissionAnswer, commissionCancel, commissionPause, commissionRecord } from './commission/control';
import { commissionInventory } from './commission/inventory';
import { commissionPlan } from './commission/plan';
import { commissionDryRun, commissionRollback, commissionRun } from './commission/run';
import { commissionGenerateSecret, commissionSecretsStatus, commissionSetSecret } from './commission/secrets';
import { commissionCleanup, commissionConfigSync, commissionDrift } from './commission/sync';
import { commissionVerifyHost } from './commission/verifyHost';
import { documentsCancel, documentsExport } from './documents/export';
import { documentsOpen, documentsPreview, documentsSuggestPath } from './documents/preview';
import type { Handlers } from './types';

/** Every contract method has exactly one handler; the type makes a missing one a compile error. */
export const handlers: Handlers = {
  'app.info': appInfo,
  'settings.get': settingsGet,
  'settings.setLanguage': settingsSetLanguage,
  'project.new': projectNew,
  'project.open': projectOpen,
  'project.save': projectSave,
  'project.autosave': projectAutosave,
  'project.recoverable': projectRecoverable,
  'project.recover': projectRecover,
  'project.discardRecovery': projectDiscardRecovery,
  'project.validate': projectValidate,
  'dialog.openProject': dialogOpenProject,
  'dialog.saveProject': dialogSaveProject,
  'dialog.openFile': dialogOpenFile,
  'dialog.saveFile': dialogSaveFile,
  'secrets.set': secretsSet,
  'secrets.status': secretsStatus,
  'knownHosts.replace': knownHostsReplace,
  'knownHosts.importUser': knownHostsImportUser,
  'analysis.run': analysisRun,
  'analysis.cancel': analysisCancel,
  'analysis.collectors': analysisCollectors,
  'analysis.exportScript': analysisExportScript,
  'analysis.importBundle': analysisImportBundle,
  'audit.list': auditList,
  'audit.export': auditExport,
  'failover.preview': failoverPreview,
  'failover.run': failoverRun,
  'failover.cancel': failoverCancel,
  'failover.answer': failoverAnswer,
  'failover.setSecret': failoverSetSecret,
  'failover.secretsStatus': failoverSecretsStatus,
  'failover.interrupted': failoverInterrupted,
  'failover.undoInterrupted': failoverUndoInterrupted,
  'failover.clusterCheck': failoverClusterCheck,
  'commission.verifyHost': commissionVerifyHost,
  'commission.inventory': commissionInventory,
  'commission.plan': commissionPlan,
  'commission.dryRun': commissionDryRun,
  'commission.run': commissionRun,
  'commission.rollback': commissionRollback,
  'commission.answer': commissionAnswer,
  'commission.pause': commissionPause,
  'commission.cancel': commissionCancel,
  'commission.record': commissionRecord,
  'commission.secretsStatus': commissionSecretsStatus,
  'commission.setSecret': commissionSetSecret,
  'commission.generateSecret': commissionGenerateSecret,
  'commission.configSync': commissionConfigSync,
  'commission.drift': commissionDrift,
  'commission.cleanup': commissionCleanup,
  'cluster.status': clusterStatus,
  'documents.export': documentsExport,
  'documents.cancel': documentsCancel,
  'documents.preview': documentsPreview,
  'documents.suggestPath': documentsSuggestPath,
  'documents.open': documentsOpen,
};
