import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { defaultPorts, protocols, type Protocol } from '../../../shared/failover/protocols';
import { resolveTargets } from '../../../shared/failover/targets';
import { Field } from '../../components/Field';
import { NumField } from '../../components/NumField';
import { useStore } from '../../store';
import { sec } from './format';

function SecretField({ kind, label }: { kind: 'mailbox' | 'sql'; label: string }) {
  const { t } = useTranslation('failover');
  const status = useStore((s) => s.foSecrets?.[kind]);
  const save = useStore((s) => s.setFoSecret);
  const [value, setValue] = useState('');
  const [remember, setRemember] = useState(false);
  return (
    <Field label={label} hint={status ? t('ui.prepare.secretSet') : t('ui.prepare.secretMissing')}>
      {(id, d) => (
        <div className="fo-secret">
          <input id={id} aria-describedby={d} type="password" autoComplete="off" value={value} onChange={(e) => setValue(e.target.value)} />
          <label className="fo-check"><input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} /> {t('ui.prepare.remember')}</label>
          <button type="button" disabled={!value} onClick={() => void save(kind, value, remember).then(() => setValue(''))}>{t('ui.prepare.saveSecret')}</button>
        </div>
      )}
    </Field>
  );
}

/** Where the probes connect, the test mailbox and SQL user, the mail rate, the targets and the hook. */
export function PrepareTab() {
  const { t } = useTranslation('failover');
  const p = useStore((s) => s.project);
  const update = useStore((s) => s.updateFoSettings);
  const refresh = useStore((s) => s.refreshFoSecrets);
  useEffect(() => void refresh(), [refresh, p?.id]);
  if (!p) return null;
  const f = p.failover.settings;
  const vip = p.commission.settings.vip?.replace(/\/\d+$/, '');
  const planned = resolveTargets({ ...f.targets, plannedRtoMs: undefined, unplannedRtoMs: undefined }, p.planning.quorumFencing);
  const str = (v: string) => (v.trim() ? v.trim() : undefined);
  const setPort = (proto: Protocol, v: number | undefined) =>
    update((s) => {
      const ports = { ...s.endpoint.ports };
      if (v === undefined) delete ports[proto];
      else ports[proto] = v;
      return { ...s, endpoint: { ...s.endpoint, ports } };
    });
  return (
    <div className="fo-prepare">
      <section className="card" aria-labelledby="fo-endpoint">
        <h2 id="fo-endpoint">{t('ui.prepare.endpoint')}</h2>
        <p className="hint">{vip ? t('ui.prepare.endpointHint', { vip }) : t('ui.prepare.noVip')}</p>
        <div className="grid3">
          <Field label={t('ui.prepare.host')} hint={t('ui.prepare.hostHint')}>
            {(id, d) => <input id={id} aria-describedby={d} value={f.endpoint.host ?? ''} placeholder={vip ?? ''} onChange={(e) => update((s) => { const h = str(e.target.value); const { host: _h, ...rest } = s.endpoint; return { ...s, endpoint: h ? { ...rest, host: h } : rest }; })} />}
          </Field>
        </div>
        <fieldset className="fo-protocols">
          <legend>{t('ui.prepare.protocols', { ms: f.probeIntervalMs })}</legend>
          {protocols.map((proto) => (
            <div key={proto} className="fo-proto">
              <label className="fo-check">
                <input type="checkbox" checked={f.protocols.includes(proto)} onChange={(e) => update((s) => ({ ...s, protocols: e.target.checked ? protocols.filter((x) => x === proto || s.protocols.includes(x)) : s.protocols.filter((x) => x !== proto) }))} />
                {t(`protocols.${proto}`)}
              </label>
              <NumField label={t('ui.prepare.port')} value={f.endpoint.ports[proto]} optional integer min={1} max={65535} onChange={(v) => setPort(proto, v)} hint={t('ui.prepare.portDefault', { port: defaultPorts[proto] })} />
            </div>
          ))}
        </fieldset>
      </section>
      <section className="card" aria-labelledby="fo-mailbox">
        <h2 id="fo-mailbox">{t('ui.prepare.mailbox')}</h2>
        <p className="hint">{t('ui.prepare.mailboxHint')}</p>
        <div className="grid2">
          <Field label={t('ui.prepare.mailboxUser')}>
            {(id) => <input id={id} value={f.mailbox.user ?? ''} autoComplete="off" onChange={(e) => update((s) => { const u = str(e.target.value); const { user: _u, ...rest } = s.mailbox; return { ...s, mailbox: u ? { ...rest, user: u } : rest }; })} />}
          </Field>
          <SecretField kind="mailbox" label={t('ui.prepare.mailboxPassword')} />
          <Field label={t('ui.prepare.sqlUser')} hint={t('ui.prepare.sqlHint')}>
            {(id, d) => <input id={id} aria-describedby={d} value={f.sql.user ?? ''} autoComplete="off" onChange={(e) => update((s) => { const u = str(e.target.value); const { user: _u, ...rest } = s.sql; return { ...s, sql: u ? { ...rest, user: u } : rest }; })} />}
          </Field>
          <SecretField kind="sql" label={t('ui.prepare.sqlPassword')} />
        </div>
        <div className="grid3">
          <NumField label={t('ui.prepare.rate')} value={f.mailRatePerS} min={0.1} max={20} unit={t('ui.prepare.rateUnit')} onChange={(v) => v !== undefined && update((s) => ({ ...s, mailRatePerS: v }))} />
          <NumField label={t('ui.prepare.probeInterval')} value={f.probeIntervalMs} integer min={100} max={5000} unit="ms" hint={t('ui.prepare.probeIntervalHint')} onChange={(v) => v !== undefined && update((s) => ({ ...s, probeIntervalMs: v }))} />
          <NumField label={t('ui.prepare.probeTimeout')} value={f.probeTimeoutMs / 1000} min={1} max={60} unit="s" hint={t('ui.prepare.probeTimeoutHint')} onChange={(v) => v !== undefined && update((s) => ({ ...s, probeTimeoutMs: Math.round(v * 1000) }))} />
        </div>
      </section>
      <section className="card" aria-labelledby="fo-targets">
        <h2 id="fo-targets">{t('ui.prepare.targets')}</h2>
        <p className="hint">{t('ui.prepare.targetsHint', { planned: sec(planned.plannedEstimateMs), unplanned: sec(planned.unplannedEstimateMs) })}</p>
        <div className="grid3">
          <NumField label={t('ui.prepare.plannedRto')} value={f.targets.plannedRtoMs !== undefined ? f.targets.plannedRtoMs / 1000 : undefined} optional min={0.1} max={3600} unit="s"
            hint={t('ui.prepare.fromPlanning', { value: sec(planned.plannedEstimateMs) })}
            onChange={(v) => update((s) => { const { plannedRtoMs: _x, ...rest } = s.targets; return { ...s, targets: v === undefined ? rest : { ...rest, plannedRtoMs: Math.round(v * 1000) } }; })} />
          <NumField label={t('ui.prepare.unplannedRto')} value={f.targets.unplannedRtoMs !== undefined ? f.targets.unplannedRtoMs / 1000 : undefined} optional min={0.1} max={3600} unit="s"
            hint={t('ui.prepare.fromPlanning', { value: sec(planned.unplannedEstimateMs) })}
            onChange={(v) => update((s) => { const { unplannedRtoMs: _x, ...rest } = s.targets; return { ...s, targets: v === undefined ? rest : { ...rest, unplannedRtoMs: Math.round(v * 1000) } }; })} />
          <NumField label={t('ui.prepare.delayed')} value={f.targets.delayedAfterMs / 1000} min={1} max={86400} unit="s" onChange={(v) => v !== undefined && update((s) => ({ ...s, targets: { ...s.targets, delayedAfterMs: Math.round(v * 1000) } }))} />
        </div>
      </section>
      <section className="card" aria-labelledby="fo-hook">
        <h2 id="fo-hook">{t('ui.prepare.hook')}</h2>
        <p className="hint">{t('ui.prepare.hookHint')}</p>
        <Field label={t('ui.prepare.hookPath')}>
          {(id) => <input id={id} value={f.hook?.path ?? ''} onChange={(e) => update((s) => { const path = str(e.target.value); const { hook: _h, ...rest } = s; return path ? { ...rest, hook: { path, actions: s.hook?.actions ?? ['start'] } } : rest; })} />}
        </Field>
        {f.hook ? (
          <div className="fo-hook-actions">
            {(['crash', 'poweroff', 'start', 'linkDown', 'linkUp'] as const).map((a) => (
              <label key={a} className="fo-check">
                <input type="checkbox" checked={f.hook!.actions.includes(a)} onChange={(e) => update((s) => ({ ...s, hook: { path: s.hook!.path, actions: e.target.checked ? [...new Set([...s.hook!.actions, a])] : s.hook!.actions.filter((x) => x !== a) } }))} />
                {t(`ui.prepare.hookAction.${a}`)}
              </label>
            ))}
          </div>
        ) : null}
      </section>
    </div>
  );
}
