import type { BuildContext } from './context';
import type { Block, Cover, DocModel } from './model';
import { who } from './prose';

/** The exam period an end date belongs to: summer (March–August) or winter (the turn of the year). */
export function examSeason(c: BuildContext, endIso: string): string | null {
  const m = /^(\d{4})-(\d{2})/.exec(endIso);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (month >= 3 && month <= 8) return c.d('cover.summer', { year });
  const first = month >= 9 ? year : year - 1;
  return c.d('cover.winter', { years: `${first}/${String(first + 1).slice(2)}` });
}

/** Metadata, running header and footer of a document around its blocks. */
export function frame(c: BuildContext, blocks: Block[], opts: { cover: Cover | false }): DocModel {
  const w = who(c);
  const kind = c.d(`kinds.${c.kind}`);
  const title = w.title || c.d('pending.noTitleShort');
  const author = [w.trainee, w.company || w.customer].filter(Boolean).join(', ');
  return {
    kind: c.kind,
    lang: c.lang,
    meta: {
      title: `${kind}: ${title}`,
      author: author || c.d('common.unknownAuthor'),
      subject: c.d(`subjects.${c.kind}`, { customer: w.customer || c.d('prose.theCustomer') }),
      keywords: ['Mail HA Studio', 'Pacemaker', 'Corosync', 'DRBD', 'Postfix', 'Dovecot', 'MariaDB', kind],
      creator: `Mail HA Studio ${c.src.appVersion}`,
    },
    header: { left: w.customer ? `${title} – ${w.customer}` : title, right: kind },
    footer: { left: author || kind, pageLabel: c.d('common.pageLabel') },
    ...(opts.cover ? { cover: opts.cover } : {}),
    blocks,
  };
}
