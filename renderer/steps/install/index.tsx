import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { StepHead } from '../../components/StepHead';
import { Tabs } from '../../components/Tabs';
import { useRecordStepStatus } from '../../components/useRecordStepStatus';
import { useStore } from '../../store';
import { HostKeyDialogView } from '../analysis/HostKeyDialog';
import { ConfirmDialog } from './ConfirmDialog';
import type { InsTab } from './hostsPart';
import { HostsTab } from './HostsTab';
import { NetworkTab } from './NetworkTab';
import { planInputs } from './planPart';
import { PlanTab } from './PlanTab';
import { ResumeBanner } from './ResumeBanner';
import { RunTab } from './RunTab';
import { installStepStatus } from './status';
import { StatusTab } from './StatusTab';
import './install.css';

const tabIds: InsTab[] = ['hosts', 'network', 'plan', 'run', 'status'];
const PLAN_DEBOUNCE_MS = 250;

function InstallHostKeyDialog() {
  const prompt = useStore((s) => s.insHostKey?.prompt ?? null);
  const { acceptInsHostKey, replaceInsHostKey, dismissInsHostKey } = useStore.getState();
  return <HostKeyDialogView prompt={prompt} accept={acceptInsHostKey} replace={replaceInsHostKey} dismiss={dismissInsHostKey} isOpen={() => !!useStore.getState().insHostKey} />;
}

/** Step 6: from the nodes and the plan to a running cluster, every command shown first; then its status. */
export function InstallStep() {
  const { t } = useTranslation('install');
  const projectId = useStore((s) => s.project?.id);
  const derived = useStore((s) => (s.project ? installStepStatus(s.project) : 'notStarted'));
  const tab = useStore((s) => s.insTab);
  const focus = useStore((s) => s.insFocus);
  const running = useStore((s) => s.insRun?.phase === 'running' && s.insRun.projectId === s.project?.id);
  const planReady = useStore((s) => !!s.insPlan?.result?.plan);
  const errorCount = useStore((s) => s.insPlan?.result?.errors.length ?? 0);
  const { setInsTab, clearInsFocus, loadRecord, refreshPlan } = useStore.getState();
  useRecordStepStatus('install', derived);

  // After a restart the record main holds may be newer than the file's (or say a run is still active).
  useEffect(() => void loadRecord(), [loadRecord, projectId]);
  // The plan follows its inputs (a short pause while typing); other changes of the project do not touch it.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last: readonly unknown[] = [];
    const check = () => {
      const p = useStore.getState().project;
      const inputs = p ? planInputs(p) : [];
      if (inputs.length === last.length && inputs.every((x, i) => x === last[i])) return;
      last = inputs;
      clearTimeout(timer);
      const first = useStore.getState().insPlan?.projectId !== p?.id;
      timer = setTimeout(() => void refreshPlan(), first ? 0 : PLAN_DEBOUNCE_MS);
    };
    check();
    const off = useStore.subscribe(check);
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [refreshPlan]);
  // A tab opens at its top, or at the card a "fix" button named.
  useEffect(() => {
    if (!useStore.getState().insFocus) document.getElementById('main')?.scrollTo?.({ top: 0 });
  }, [tab]);
  useEffect(() => {
    if (!focus) return;
    const id = setTimeout(() => {
      document.getElementById(focus)?.scrollIntoView?.({ block: 'start' });
      clearInsFocus();
    }, 0);
    return () => clearTimeout(id);
  }, [tab, focus, clearInsFocus]);
  if (!projectId) return null;

  const label = (id: InsTab) => {
    const base = t(`ui.tabs.${id}`);
    if (id === 'run' && running) return `${base} ●`;
    if (id === 'plan' && !planReady && errorCount) return `${base} (${errorCount})`;
    return base;
  };

  return (
    <section className="step ins-step" aria-labelledby="step-title">
      <StepHead title={t('wizard:steps.install.title')} lead={t('ui.lead')} />
      <ResumeBanner />
      <Tabs label={t('ui.tabsLabel')} tabs={tabIds.map((id) => ({ id, label: label(id) }))} current={tab} onSelect={(id) => setInsTab(id)} />
      <div role="tabpanel" aria-label={t(`ui.tabs.${tab}`)} className="ins-panel">
        {tab === 'hosts' ? <HostsTab /> : null}
        {tab === 'network' ? <NetworkTab /> : null}
        {tab === 'plan' ? <PlanTab /> : null}
        {tab === 'run' ? <RunTab /> : null}
        {tab === 'status' ? <StatusTab /> : null}
      </div>
      <InstallHostKeyDialog />
      <ConfirmDialog />
    </section>
  );
}
