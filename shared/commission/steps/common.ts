/** Small things every step file uses: texts in both languages, node names for them, the stamps. */
import type { L10n, NodeRole } from '../types';

export const t = (de: string, en: string): L10n => ({ de, en });

export const roleName: Record<NodeRole, L10n> = {
  primary: t('Primärsystem', 'primary'),
  secondary: t('Sekundärsystem', 'secondary'),
  witness: t('Witness', 'witness'),
  node3: t('dritter Knoten', 'third node'),
};
/** The same after "auf dem", "vom" (German dative; English unchanged). */
export const roleDative: Record<NodeRole, L10n> = { ...roleName, node3: t('dritten Knoten', 'third node') };

/** "Text auf dem Primärsystem" / "text on the primary". */
export const on = (role: NodeRole, x: L10n): L10n => ({ de: `${x.de} (${roleName[role].de})`, en: `${x.en} (${roleName[role].en})` });

export const id = (concern: string, node: NodeRole) => `${concern}@${node}`;

/** Names for the mhs-* helpers' "remember what was there" records; one per step and node. */
export const stamp = (concern: string) => concern.replace(/[^A-Za-z0-9_-]/g, '-');
