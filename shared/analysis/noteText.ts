/**
 * A note as a sentence, the same in the app and the CLI: the collector named by its title, parameters that
 * are themselves message codes (the error a collector failed with) translated with the note's parameters,
 * and the note's own key translated. Pure; takes the caller's translate function.
 */
import type { Note } from './facts';

export type Translate = (key: string, options?: Record<string, unknown>) => string;

const CODE = /^(ssh|errors|analysis|project|common):[\w.]+$/;

export function noteText(t: Translate, n: Note): string {
  const raw = n.params ?? {};
  const params: Record<string, string | number> = { ...raw };
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v !== 'string') continue;
    if (k === 'collector') params.collector = t(`analysis:collectors.${v}`, { defaultValue: v });
    else if (CODE.test(v)) params[k] = t(v, { ...raw, defaultValue: v });
  }
  return t(n.key, { ...params, defaultValue: n.key });
}
