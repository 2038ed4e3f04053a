import type { TFunction } from 'i18next';

/**
 * A check's or reason's text as a reader wants it: figures in their way of writing numbers (23,8 s), protocols
 * and log finding kinds by their names, and no empty "( – )" after a count of zero. Used by the UI and the CLI.
 */
export function checkText(t: TFunction, lang: string, key: string, params: Record<string, string | number> = {}): string {
  const p: Record<string, string | number> = { ...params };
  if (typeof p.protocol === 'string') p.protocol = t(`failover:protocols.${p.protocol}`);
  for (const k of ['seconds', 'limit']) if (typeof p[k] === 'number') p[k] = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(p[k] as number);
  if (typeof p.kinds === 'string') {
    const kinds = p.kinds.split(',').map((x) => x.trim()).filter((x) => x && x !== '–');
    if (!kinds.length && t(`${key}None`, { defaultValue: '' })) return t(`${key}None`, p);
    p.kinds = kinds.map((k) => t(`failover:findings.${k}`, { defaultValue: k })).join(', ');
  }
  return t(key, { ...p, defaultValue: key });
}
