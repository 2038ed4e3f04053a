import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Facts, Note } from '../../../shared/analysis/facts';
import { noteText, type Translate } from '../../../shared/analysis/noteText';
import { analyseWarnings } from '../../../shared/analysis/warnings';
import { analysisCoverage, type CoverageArea } from '../../../shared/wizard/analysisCoverage';
import { fmtNumber } from '../../components/format';
import { DataChart, DiskChart, MailChart } from './Charts';
import { MailStats } from './MailStats';
import { fmtBytes, fmtDateTime, fmtHour, fmtRam } from './format';

/** Packages whose versions matter for the cluster plan, in this order. */
const KEY_PACKAGES = ['postfix', 'dovecot-core', 'mariadb-server', 'drbd-utils', 'corosync', 'pacemaker', 'openssh-server', 'rsync', 'linux-image-amd64'];

function useNoteText() {
  const { t } = useTranslation('anaui');
  const tr = t as unknown as Translate;
  return (n: Note) => {
    if (n.key !== 'anaui:notes.manualFields') return noteText(tr, n);
    const fields = String(n.params?.fields ?? '').split(', ').map((f) => t(f.endsWith('Version') ? `manual.fields.${f}` : `planning:fields.${f}`)).join(', ');
    return noteText(tr, { ...n, params: { ...n.params, fields } });
  };
}

const cardOfArea: Record<CoverageArea, string> = { hardware: 'hardware', storage: 'storage', data: 'data', mailVolume: 'mail', postfix: 'postfix', dovecot: 'dovecot', mariadb: 'mariadb' };

/**
 * The senior engineer's warnings, most severe first, above everything else. "Nothing to clear" is said only
 * when the facts cover the services and every value the plan needs; otherwise what is missing is named.
 */
export function Warnings({ facts }: { facts: Facts }) {
  const { t } = useTranslation('anaui');
  const list = analyseWarnings(facts);
  const coverage = analysisCoverage(facts);
  const gaps = !coverage.complete ? (
    <div className="ana-gaps" role="status" data-testid="ana-gaps">
      <strong>{t('results.gapsTitle')}</strong>{' '}
      {coverage.missingAreas.length ? t('results.gaps', { areas: coverage.missingAreas.map((a) => t(`cards.${cardOfArea[a]}`)).join(', ') }) : null}
      {coverage.missingFields.length ? <> {t('results.gapFields', { fields: coverage.missingFields.map((id) => t(`planning:fields.${id}`)).join(', ') })}</> : null}
    </div>
  ) : null;
  if (!list.length) {
    return gaps ? <div className="card ana-nowarn ana-incomplete">{gaps}</div> : <div className="card ana-nowarn" role="status">✓ {t('results.noWarnings')}</div>;
  }
  return (
    <section className="card ana-warnings" aria-labelledby="ana-warn-title">
      <h2 id="ana-warn-title">{t('results.warningsTitle', { count: list.length })}</h2>
      <ul className="plain">
        {list.map((w, i) => (
          <li key={`${w.code}-${i}`} className={`ana-warn ana-sev-${w.severity}`} data-code={w.code.replace('analysis:warnings.', '')}>
            <span className="ana-sev">{t(`analysis:severity.${w.severity}`)}</span>
            <span>{t(w.code, w.params)}</span>
          </li>
        ))}
      </ul>
      {gaps}
    </section>
  );
}

/** Output sections of the collectors (main/analysis/collectors) whose names are unique to one collector. */
const SECTION_COLLECTOR: Record<string, string> = {
  hostname: 'hardware', lscpu: 'hardware', cpuinfo: 'hardware', meminfo: 'hardware', iplink: 'hardware', speed: 'hardware', virt: 'hardware',
  lsblk: 'storage', mdstat: 'storage', mdadm: 'storage', pvs: 'storage', vgs: 'storage', lvs: 'storage', df: 'storage',
  osrelease: 'os', uname: 'os', dpkg: 'os', units: 'services', ss: 'services', postconf: 'postfix', master: 'postfix', queue: 'postfix',
  doveconf: 'dovecot', vars: 'mariadb', databases: 'mariadb', engines: 'mariadb', du: 'data', maildirs: 'data',
  date: 'maillog', files: 'maillog', log: 'maillog', corosync: 'cluster', crm: 'cluster', procdrbd: 'cluster', drbddump: 'cluster',
};
const KEY_COLLECTOR = /^analysis:notes\.(hardware|storage|services|postfix|dovecot|mariadb|data|maillog)\./;

/** Which collector a note belongs to: its source, else its key or the output section it names. */
export function noteCollector(n: Note): string | undefined {
  if (n.source) return n.source;
  const byKey = KEY_COLLECTOR.exec(n.key)?.[1];
  if (byKey) return byKey;
  const section = n.params?.section;
  if (typeof section === 'string') return SECTION_COLLECTOR[section];
  const collector = n.params?.collector;
  return typeof collector === 'string' ? collector : undefined;
}

function Card({ id, collector, facts, children, wide, hasData }: { id: string; collector: string; facts: Facts; children: ReactNode; wide?: boolean; hasData: boolean }) {
  const { t } = useTranslation('anaui');
  const noteText = useNoteText();
  const st = facts.collectors?.[collector]?.status;
  const notes = (facts.notes ?? []).filter((n) => noteCollector(n) === collector);
  return (
    <section className={`card ana-card${wide ? ' ana-wide' : ''}`} aria-labelledby={`ana-card-${id}`} data-card={id}>
      <header className="ana-card-head">
        <h2 id={`ana-card-${id}`}>{t(`cards.${id}`)}</h2>
        {st ? <span className={`ana-badge ana-badge-${st}`}>{t(`analysis:status.${st}`)}</span>
          : hasData ? <span className="ana-badge ana-badge-manual">{t('results.manual')}</span>
          : <span className="ana-badge ana-badge-none">{t('results.notCollected')}</span>}
      </header>
      {children}
      {notes.length ? (
        <ul className="ana-notes">
          {notes.map((n, i) => <li key={i}>{noteText(n)}</li>)}
        </ul>
      ) : null}
    </section>
  );
}

/** Label/value pairs; with nothing to show it says so, unless the card shows its data another way (a chart). */
function Pairs({ items, quietWhenEmpty }: { items: [string, ReactNode][]; quietWhenEmpty?: boolean }) {
  const shown = items.filter(([, v]) => v !== undefined && v !== null && v !== '');
  const { t } = useTranslation('anaui');
  if (!shown.length) return quietWhenEmpty ? null : <p className="muted">{t('results.nothing')}</p>;
  return (
    <dl className="ana-pairs">
      {shown.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

const yesNo = (t: (k: string) => string, v: boolean | undefined) => (v === undefined ? undefined : v ? t('results.yes') : t('results.no'));
const num = (v: number | undefined, digits = 0) => (v === undefined ? undefined : fmtNumber(v, digits));

export function Results({ facts }: { facts: Facts }) {
  const { t } = useTranslation('anaui');
  const noteText = useNoteText();
  const hw = facts.hardware ?? {};
  const st = facts.storage ?? {};
  const os = facts.os ?? {};
  const sv = facts.services ?? {};
  const pf = facts.postfix;
  const dv = facts.dovecot;
  const db = facts.mariadb;
  const data = facts.data;
  const mv = facts.mailVolume;
  const cl = facts.cluster;
  const disks = (st.blockDevices ?? []).filter((b) => b.type === 'disk');
  const generalNotes = (facts.notes ?? []).filter((n) => !noteCollector(n));
  const has = (v: object | undefined) => v !== undefined && Object.values(v).some((x) => x !== undefined && (!Array.isArray(x) || x.length > 0));
  const pkgs = (os.packages ?? []).filter((p) => p.installed);
  const keyPkgs = KEY_PACKAGES.map((n) => pkgs.find((p) => p.name === n)).filter((p) => p !== undefined);

  return (
    <div className="ana-results">
      <p className="ana-source" data-source={facts.source}>
        {t(`results.source.${facts.source ?? 'manual'}`)}
        {facts.hostname ? ` · ${t('results.host')}: ${facts.hostname}` : ''}
        {facts.collectedAt ? ` · ${fmtDateTime(facts.collectedAt)}` : ''}
      </p>
      <Warnings facts={facts} />
      <div className="ana-grid">
        <Card id="hardware" collector="hardware" facts={facts} hasData={has(facts.hardware)}>
          <Pairs items={[
            [t('f.cpuModel'), hw.cpuModel],
            [t('f.cpu'), hw.cpuCores !== undefined || hw.cpuThreads !== undefined ? t('f.coresThreads', { cores: num(hw.cpuCores) ?? '?', threads: num(hw.cpuThreads) ?? '?' }) : undefined],
            [t('f.sockets'), num(hw.cpuSockets)],
            [t('f.ram'), hw.memTotalBytes !== undefined ? fmtRam(hw.memTotalBytes) : undefined],
            [t('f.swap'), hw.swapTotalBytes !== undefined ? fmtRam(hw.swapTotalBytes) : undefined],
            [t('f.virtualization'), hw.virtualization ? (hw.virtualization === 'none' ? t('f.bareMetal') : hw.virtualization) : undefined],
            [t('f.nics'), (hw.nics ?? []).filter((n) => n.name !== 'lo').map((n) => `${n.name}${n.speedMbps ? ` (${fmtNumber(n.speedMbps / 1000, 1)} Gbit/s)` : ''}`).join(', ') ||
              (hw.nicGroups ?? []).map((g) => t('f.nicGroup', { count: g.count, speed: fmtNumber(g.speedMbps / 1000, 1) })).join(', ') || undefined],
          ]} />
        </Card>
        <Card id="os" collector="os" facts={facts} hasData={has(facts.os)}>
          <Pairs items={[
            [t('f.os'), os.prettyName ?? ([os.id, os.versionId].filter(Boolean).join(' ') || undefined)],
            [t('f.kernel'), os.kernel],
            ...keyPkgs.map((p): [string, ReactNode] => [p.name, p.version ?? '?']),
          ]} />
          {pkgs.length ? <p className="hint">{t('f.packagesTotal', { count: pkgs.length })}</p> : null}
        </Card>
        <Card id="storage" collector="storage" facts={facts} hasData={has(facts.storage)} wide>
          {st.dataArray ? (
            <p className="ana-described" data-testid="data-array">
              <strong>{t('f.dataArray')}:</strong>{' '}
              {st.dataArray.diskCount ?? '?'} × {fmtBytes(st.dataArray.diskSizeBytes, 1)}
              {st.dataArray.diskType ? ` ${t(`planning:values.diskType.${st.dataArray.diskType}`)}` : ''}
              {st.dataArray.raidLevel ? `, ${t(`planning:values.raidLevel.${st.dataArray.raidLevel}`)}` : ''}
            </p>
          ) : null}
          {disks.length ? (
            <table className="ana-table">
              <caption>{t('f.disks')}</caption>
              <thead><tr><th>{t('f.name')}</th><th>{t('f.model')}</th><th className="num">{t('f.size')}</th><th>{t('f.kind')}</th></tr></thead>
              <tbody>
                {disks.map((d) => (
                  <tr key={d.name}><td>{d.name}</td><td>{d.model ?? ''}</td><td className="num">{fmtBytes(d.sizeBytes)}</td><td>{d.rotational === undefined ? '' : d.rotational ? t('f.hdd') : t('f.ssd')}</td></tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {st.raids?.length ? (
            <table className="ana-table">
              <caption>{t('f.raids')}</caption>
              <thead><tr><th>{t('f.name')}</th><th>{t('f.level')}</th><th>{t('f.state')}</th><th>{t('f.members')}</th><th className="num">{t('f.size')}</th></tr></thead>
              <tbody>
                {st.raids.map((r) => (
                  <tr key={r.name} className={r.degraded ? 'ana-row-bad' : ''}>
                    <td>{r.name}</td><td>{r.level ?? ''}</td>
                    <td>{r.degraded ? `⚠ ${t('f.degraded')}` : (r.state ?? '')}{r.sync ? ` (${r.sync})` : ''}</td>
                    <td>{r.activeDevices !== undefined ? `${r.activeDevices}/${r.raidDevices ?? '?'}` : (r.raidDevices ?? '')} {r.devices?.length ? `· ${r.devices.join(', ')}` : ''}</td>
                    <td className="num">{fmtBytes(r.sizeBytes)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {st.vgs?.length ? (
            <table className="ana-table">
              <caption>{t('f.vgs')}</caption>
              <thead><tr><th>{t('f.name')}</th><th className="num">{t('f.size')}</th><th className="num">{t('f.free')}</th><th className="num">{t('f.freeExtents')}</th><th>{t('f.lvs')}</th></tr></thead>
              <tbody>
                {st.vgs.map((v) => (
                  <tr key={v.name} className={v.freeExtents === 0 || v.freeBytes === 0 ? 'ana-row-warn' : ''}>
                    <td>{v.name}</td><td className="num">{fmtBytes(v.sizeBytes)}</td><td className="num">{fmtBytes(v.freeBytes)}</td>
                    <td className="num">{v.freeExtents ?? '–'}</td>
                    <td>{(st.lvs ?? []).filter((l) => l.vg === v.name).map((l) => `${l.name} (${fmtBytes(l.sizeBytes)})`).join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <DiskChart facts={facts} />
        </Card>
        <Card id="services" collector="services" facts={facts} hasData={has(facts.services)}>
          {sv.listeners?.length ? (
            <table className="ana-table">
              <caption>{t('f.listeners')}</caption>
              <thead><tr><th className="num">{t('f.port')}</th><th>{t('f.address')}</th><th>{t('f.process')}</th></tr></thead>
              <tbody>
                {[...sv.listeners].sort((a, b) => a.port - b.port).slice(0, 30).map((l, i) => (
                  <tr key={`${l.address}-${l.port}-${i}`} className={l.allInterfaces ? 'ana-row-warn' : ''}>
                    <td className="num">{l.port}</td><td>{l.address}{l.allInterfaces ? ` · ${t('f.allInterfaces')}` : ''}</td><td>{l.process ?? '?'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : <p className="muted">{t('results.nothing')}</p>}
          {sv.units?.length ? (
            <p className="ana-units">
              {sv.units.map((u) => <span key={u.name} className={`ana-unit ana-unit-${u.active === 'active' ? 'on' : 'off'}`}>{u.name}: {u.active ?? '?'}</span>)}
            </p>
          ) : null}
        </Card>
        <Card id="postfix" collector="postfix" facts={facts} hasData={has(facts.postfix)}>
          <Pairs items={pf ? [
            [t('f.version'), pf.version],
            ['myhostname', pf.myhostname],
            ['inet_interfaces', pf.inetInterfaces],
            [t('f.role'), pf.role ? t(`f.roles.${pf.role}`) : undefined],
            ['relayhost', pf.relayhost],
            ['virtual_mailbox_domains', pf.virtualMailboxDomains],
            [t('f.tlsIn'), yesNo(t, pf.tls?.inboundEnabled)],
            [t('f.tlsOut'), yesNo(t, pf.tls?.outboundEnabled)],
            [t('f.submission'), yesNo(t, pf.submissionEnabled)],
            [t('f.queue'), pf.queue?.total !== undefined ? t('f.queueValue', { total: pf.queue.total, deferred: pf.queue.deferred ?? 0 }) : undefined],
            [t('f.mysqlMaps'), pf.mysqlMaps?.length ? String(pf.mysqlMaps.length) : undefined],
          ] : []} />
        </Card>
        <Card id="dovecot" collector="dovecot" facts={facts} hasData={has(facts.dovecot)}>
          <Pairs items={dv ? [
            [t('f.version'), dv.version],
            [t('f.protocols'), dv.protocols?.join(', ')],
            ['mail_location', dv.mailLocation],
            [t('f.auth'), [...(dv.passdbDrivers ?? []), ...(dv.userdbDrivers ?? [])].filter((v, i, a) => a.indexOf(v) === i).join(', ') || undefined],
            [t('f.replicator'), yesNo(t, dv.replicatorConfigured)],
            ['TLS', yesNo(t, dv.sslEnabled)],
          ] : []} />
        </Card>
        <Card id="mariadb" collector="mariadb" facts={facts} hasData={has(facts.mariadb)}>
          <Pairs items={db ? [
            [t('f.version'), db.version],
            ['datadir', db.datadir],
            [t('f.bufferPool'), db.innodbBufferPoolSizeBytes !== undefined ? fmtRam(db.innodbBufferPoolSizeBytes) : undefined],
            [t('f.databases'), db.databases?.length ? db.databases.map((d) => `${d.name} (${fmtBytes(d.sizeBytes)})`).join(', ') : undefined],
            [t('f.engines'), db.engines?.map((e) => `${e.name}: ${e.tables ?? '?'}`).join(', ')],
          ] : []} />
        </Card>
        <Card id="cluster" collector="cluster" facts={facts} hasData={has(facts.cluster)}>
          <Pairs items={cl ? [
            ['Corosync', cl.corosync ? [yesNo(t, cl.corosync.installed) && `${t('f.installed')}: ${yesNo(t, cl.corosync.installed)}`, cl.corosync.active !== undefined && `${t('f.active')}: ${yesNo(t, cl.corosync.active)}`].filter(Boolean).join(', ') : undefined],
            ['Pacemaker', cl.pacemaker ? [cl.pacemaker.installed !== undefined && `${t('f.installed')}: ${yesNo(t, cl.pacemaker.installed)}`, cl.pacemaker.active !== undefined && `${t('f.active')}: ${yesNo(t, cl.pacemaker.active)}`].filter(Boolean).join(', ') : undefined],
            ['DRBD', cl.drbd ? [cl.drbd.installed !== undefined && `${t('f.installed')}: ${yesNo(t, cl.drbd.installed)}`, cl.drbd.resources?.length ? `${t('f.resources')}: ${cl.drbd.resources.map((r) => r.name).join(', ')}` : ''].filter(Boolean).join(', ') : undefined],
          ] : []} />
        </Card>
        <Card id="data" collector="data" facts={facts} hasData={has(facts.data)} wide>
          <Pairs quietWhenEmpty={data?.vmailBytes !== undefined || data?.datadirBytes !== undefined || data?.spoolBytes !== undefined} items={data ? [
            [t('f.mailboxes'), num(data.totalMailboxes)],
            [t('f.messages'), num(data.totalMessages)],
            [t('f.domains'), data.domains?.length ? String(data.domains.length) : undefined],
          ] : []} />
          <DataChart facts={facts} />
        </Card>
        <Card id="mail" collector="maillog" facts={facts} hasData={has(facts.mailVolume)} wide>
          {mv?.statedPerDay !== undefined ? <p className="ana-busiest" data-testid="mail-stated">{t('f.statedPerDay', { count: mv.statedPerDay, value: fmtNumber(mv.statedPerDay, 0) })}</p> : null}
          {mv?.busiestHour ? <p className="ana-busiest">{t('f.busiestHour', { start: fmtHour(mv.busiestHour.start), count: mv.busiestHour.received })}</p> : null}
          {mv?.totals ? (
            <p className="hint">{t('f.totals', { received: num(mv.totals.received) ?? 0, delivered: num(mv.totals.delivered) ?? 0, deferred: num(mv.totals.deferred) ?? 0, bounced: num(mv.totals.bounced) ?? 0, rejected: num(mv.totals.rejected) ?? 0 })}</p>
          ) : null}
          {mv?.days?.length || mv?.statedPerDay === undefined ? <MailChart facts={facts} /> : null}
          {mv?.totals ? <MailStats volume={mv} /> : null}
        </Card>
      </div>
      {generalNotes.length ? (
        <section className="card ana-wide" aria-labelledby="ana-notes-title">
          <h2 id="ana-notes-title">{t('results.notesTitle')}</h2>
          <ul className="ana-notes">{generalNotes.map((n, i) => <li key={i}>{noteText(n)}</li>)}</ul>
        </section>
      ) : null}
    </div>
  );
}
