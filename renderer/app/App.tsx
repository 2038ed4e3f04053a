import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { stepModules } from '../steps/registry';
import { useStore } from '../store';
import { ErrorDialog } from './ErrorDialog';
import { Header } from './Header';
import { PathPrompt } from './PathPrompt';
import { Sidebar } from './Sidebar';
import { useShortcuts } from './useShortcuts';
import { Welcome } from './Welcome';

export function App() {
  const { t } = useTranslation('wizard');
  const project = useStore((s) => s.project);
  const current = useStore((s) => s.currentStep);
  const mainRef = useRef<HTMLElement>(null);
  useShortcuts();
  // Each step opens at its top, and keyboard users land on its heading.
  useEffect(() => {
    mainRef.current?.scrollTo?.({ top: 0 });
    mainRef.current?.querySelector<HTMLElement>('h1')?.focus({ preventScroll: true });
  }, [current]);
  const View = stepModules.find((m) => m.id === current)?.View;
  return (
    <div className="app">
      <a className="skip" href="#main">{t('skipToContent')}</a>
      <Header />
      <div className="body">
        <Sidebar />
        <main id="main" ref={mainRef} tabIndex={-1}>
          {project && View ? <View /> : <Welcome />}
        </main>
      </div>
      <ErrorDialog />
      <PathPrompt />
    </div>
  );
}
