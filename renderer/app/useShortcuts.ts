import { useEffect } from 'react';
import { stepIds } from '../../shared/project/steps';
import { useStore } from '../store';
import { openWithDialog, saveWithDialog } from './fileActions';

/** Ctrl+S save, Ctrl+O open, Alt+1..8 jump to a step, Alt+PageDown/PageUp next/previous step. */
export function useShortcuts() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const s = useStore.getState();
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void saveWithDialog(e.shiftKey);
      } else if (mod && e.key.toLowerCase() === 'o') {
        e.preventDefault();
        void openWithDialog();
      } else if (e.altKey && s.project) {
        const idx = stepIds.indexOf(s.currentStep);
        let next = -1;
        if (/^Digit[1-8]$/.test(e.code)) next = Number(e.code.slice(5)) - 1;
        else if (e.key === 'PageDown') next = idx + 1;
        else if (e.key === 'PageUp') next = idx - 1;
        const id = stepIds[next];
        if (id) {
          e.preventDefault();
          s.goTo(id);
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
