import type { ClusterSettings } from '../../../shared/commission/settingsSchema';
import { useStore } from '../../store';

/** The commissioning settings of the open project and a way to change them (autosaved like every edit). */
export function useSettings(): [ClusterSettings | undefined, (change: (s: ClusterSettings) => ClusterSettings) => void] {
  const settings = useStore((s) => s.project?.commission.settings);
  const update = useStore((s) => s.updateProject);
  return [settings, (change) => update((p) => ({ ...p, commission: { ...p.commission, settings: change(p.commission.settings) } }))];
}
