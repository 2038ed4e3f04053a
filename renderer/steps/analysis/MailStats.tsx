import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MailParty, MailVolume } from '../../../shared/analysis/facts';
import { fmtNumber } from '../../components/format';
import { fmtBytes } from './format';
import './mailStats.css';

/** pflogsumm's Grand Totals in its order, so an engineer can compare them line by line with its report. */
const TOTALS = [
  ['received', (v: MailVolume) => v.totals?.received],
  ['delivered', (v: MailVolume) => v.totals?.delivered],
  ['forwarded', (v: MailVolume) => v.totals?.forwarded],
  ['deferred', (v: MailVolume) => v.totals?.deferred],
  ['deferrals', (v: MailVolume) => v.totals?.deferrals],
  ['bounced', (v: MailVolume) => v.totals?.bounced],
  ['rejected', (v: MailVolume) => v.totals?.rejected],
  ['rejectWarnings', (v: MailVolume) => v.totals?.rejectWarnings],
  ['held', (v: MailVolume) => v.totals?.held],
  ['discarded', (v: MailVolume) => v.totals?.discarded],
  ['senders', (v: MailVolume) => v.summary?.senders],
  ['sendingDomains', (v: MailVolume) => v.summary?.sendingDomains],
  ['recipients', (v: MailVolume) => v.summary?.recipients],
  ['recipientDomains', (v: MailVolume) => v.summary?.recipientDomains],
  ['saslAuthFailures', (v: MailVolume) => v.summary?.saslAuthFailures],
] as const;

function Parties({ title, list, by }: { title: string; list: MailParty[]; by: 'count' | 'size' }) {
  const { t } = useTranslation('analysis');
  if (!list.length) return null;
  return (
    <table className="ana-table ana-mail-top">
      <caption>{title}</caption>
      <thead>
        <tr>
          <th>{t('mailStats.address')}</th>
          <th className="num">{t('mailStats.messages')}</th>
          <th className="num">{t('mailStats.bytes')}</th>
        </tr>
      </thead>
      <tbody>
        {list.map((p) => (
          <tr key={p.address}>
            <td><code>{p.address}</code></td>
            <td className={`num${by === 'count' ? ' ana-sorted' : ''}`}>{fmtNumber(p.messages, 0)}</td>
            <td className={`num${by === 'size' ? ' ana-sorted' : ''}`}>{fmtBytes(p.bytes)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The rest of pflogsumm's summary: every Grand Total, bytes, and the busiest senders and recipients. */
export function MailStats({ volume }: { volume: MailVolume }) {
  const { t } = useTranslation('analysis');
  const [by, setBy] = useState<'count' | 'size'>('count');
  if (!volume.totals) return null;
  const pick = (top: MailVolume['topSenders']) => (by === 'count' ? top?.byCount : top?.bySize) ?? [];
  const hasTop = !!(volume.topSenders?.byCount.length || volume.topRecipients?.byCount.length);
  return (
    <details className="ana-mail-stats" data-testid="mail-stats">
      <summary>{t('mailStats.title')}</summary>
      <p className="hint">{t('mailStats.intro')}</p>
      <div className="ana-mail-grid">
        <table className="ana-table ana-mail-totals">
          <caption>{t('mailStats.totals')}</caption>
          <tbody>
            {TOTALS.map(([key, get]) => {
              const v = get(volume);
              return v === undefined ? null : (
                <tr key={key} data-total={key}>
                  <th scope="row">{t(`mailStats.total.${key}`)}</th>
                  <td className="num">{fmtNumber(v, 0)}</td>
                </tr>
              );
            })}
            <tr data-total="bytesReceived"><th scope="row">{t('mailStats.total.bytesReceived')}</th><td className="num">{fmtBytes(volume.totals.bytesReceived)}</td></tr>
            <tr data-total="bytesDelivered"><th scope="row">{t('mailStats.total.bytesDelivered')}</th><td className="num">{fmtBytes(volume.totals.bytesDelivered)}</td></tr>
          </tbody>
        </table>
        {hasTop ? (
          <div className="ana-mail-parties">
            <div className="row-actions" role="group" aria-label={t('mailStats.sortBy')}>
              <button type="button" aria-pressed={by === 'count'} onClick={() => setBy('count')}>{t('mailStats.byCount')}</button>
              <button type="button" aria-pressed={by === 'size'} onClick={() => setBy('size')}>{t('mailStats.bySize')}</button>
            </div>
            <Parties title={t('mailStats.topSenders')} list={pick(volume.topSenders)} by={by} />
            <Parties title={t('mailStats.topRecipients')} list={pick(volume.topRecipients)} by={by} />
          </div>
        ) : null}
      </div>
    </details>
  );
}
