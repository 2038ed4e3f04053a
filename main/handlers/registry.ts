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
};
