import { useTranslation } from 'react-i18next';
import type { NodeRole } from '../../../shared/commission/types';
import { useStore } from '../../store';
import { addressesOf, effectiveLinks, linkSubnet, vipSubnet, withAddress, withDrbdOn, withNewLink, withoutLink, type LinkContext } from './linkChoices';
import { clusterRoles, replicationOf } from './planNeeds';
import { useSettings } from './useSettings';

/** Per node its own interfaces and addresses as the inventory found them (not the SSH address). */
function Interfaces({ roles, ctx }: { roles: NodeRole[]; ctx: LinkContext }) {
  const { t } = useTranslation('install');
  const vipNet = vipSubnet(ctx.vip);
  return (
    <table className="plan-table ins-if-table" aria-label={t('ui.links.interfacesLabel')}>
      <thead>
        <tr><th>{t('ui.inventory.node')}</th><th>{t('ui.links.interface')}</th><th>{t('ui.links.addresses')}</th><th>{t('ui.links.state')}</th><th>{t('ui.links.network')}</th></tr>
      </thead>
      <tbody>
        {roles.flatMap((r) => {
          const inv = ctx.inventory.nodes[r];
          const ifs = (inv?.interfaces ?? []).filter((i) => i.name !== 'lo');
          if (!ifs.length) return [<tr key={r}><th scope="row">{t(`ui.roles.${r}`)}</th><td colSpan={4} className="muted">{t('ui.links.noInventory')}</td></tr>];
          const addrs = addressesOf(ctx.inventory, r, ctx.vip);
          return ifs.map((i, k) => {
            const nets = [...new Set(addrs.filter((a) => a.interface === i.name).map((a) => a.subnet))];
            return (
              <tr key={`${r}-${i.name}`} data-role={r} data-if={i.name}>
                {k === 0 ? <th scope="row" rowSpan={ifs.length}>{t(`ui.roles.${r}`)}</th> : null}
                <td><code>{i.name}</code></td>
                <td>{i.addresses.length ? i.addresses.join(', ') : <span className="muted">–</span>}</td>
                <td>{i.up === undefined ? '–' : i.up ? t('ui.links.up') : <span className="ins-warn-line">{t('ui.links.down')}</span>}</td>
                <td>{nets.map((n) => (n === vipNet ? t('ui.links.clientNet', { net: n }) : n)).join(', ') || '–'}</td>
              </tr>
            );
          });
        })}
      </tbody>
    </table>
  );
}

/** How the cluster talks: per corosync link (and the DRBD link) the address each node uses, from its own interfaces. */
export function LinksCard() {
  const { t } = useTranslation('install');
  const project = useStore((s) => s.project);
  const plan = useStore((s) => s.insPlan?.result?.plan);
  const [settings, update] = useSettings();
  if (!project || !settings) return null;
  const inventory = project.commission.inventory ?? { nodes: {} };
  const { members, witness } = clusterRoles(project, plan);
  const drbd = replicationOf(project, plan) === 'drbd';
  const ctx: LinkContext = { inventory, members, ...(witness ? { witness } : {}), count: Math.max(1, Math.min(project.planning.quorumFencing.corosyncLinks, 2)), ...(settings.vip ? { vip: settings.vip } : {}), drbd };
  const { links, proposed } = effectiveLinks(settings.links, ctx);
  const roles: NodeRole[] = [...members, ...(witness ? [witness] : [])];
  const setLinks = (next: typeof links) => update((s) => ({ ...s, links: next }));
  const vipNet = vipSubnet(settings.vip);
  const haveInventory = members.every((r) => inventory.nodes[r]);

  return (
    <section className="card" id="ins-links" aria-labelledby="ins-links-title">
      <div className="ins-card-head">
        <h2 id="ins-links-title">{t('ui.links.title')}</h2>
        {!proposed ? <button type="button" className="ins-small" onClick={() => update((s) => ({ ...s, links: [] }))}>{t('ui.links.reset')}</button> : null}
      </div>
      <p className="hint">{t('ui.links.intro')}</p>
      <Interfaces roles={roles} ctx={ctx} />
      {!haveInventory ? <p className="muted">{t('ui.links.needInventory')}</p> : null}
      {haveInventory && !links.length ? <p className="error-text">{t('ui.links.noCommon')}</p> : null}
      {links.length ? <p className="hint" role="status">{proposed ? t('ui.links.proposed') : t('ui.links.chosen')}</p> : null}
      <div className="ins-links">
        {links.map((l, i) => {
          const net = linkSubnet(l, inventory);
          const nets = new Set(roles.map((r) => addressesOf(inventory, r).find((a) => a.address === l.nodes[r]?.address)?.subnet).filter(Boolean));
          return (
            <fieldset key={i} className="ins-link" data-link={i}>
              <legend>
                {t('ui.links.link', { n: i })} · {l.purpose.includes('drbd') ? t('ui.links.corosyncDrbd') : t('ui.links.corosync')}
                {net ? <span className="ins-meta"> · {net === vipNet ? t('ui.links.clientNet', { net }) : t('ui.links.ownNet', { net })}</span> : null}
              </legend>
              {nets.size > 1 ? <p className="ins-warn-line">{t('ui.links.mixedNets')}</p> : null}
              <div className="ins-link-nodes">
                {roles.map((r) => {
                  const options = addressesOf(inventory, r, settings.vip);
                  const cur = l.nodes[r]?.address ?? '';
                  return (
                    <label key={r} className="ins-link-node">
                      <span>{t(`ui.roles.${r}`)}{r === witness ? <span className="hint"> {t('ui.links.witnessHint')}</span> : null}</span>
                      <select name={`link${i}-${r}`} aria-label={t('ui.links.selectLabel', { n: i, role: t(`ui.roles.${r}`) })} value={cur}
                        onChange={(e) => setLinks(withAddress(links, i, r, options.find((a) => a.address === e.target.value)))}>
                        {cur === '' ? <option value="">{t('ui.links.none')}</option> : null}
                        {cur && !options.some((a) => a.address === cur) ? <option value={cur}>{t('ui.links.gone', { address: cur })}</option> : null}
                        {options.map((a) => (
                          <option key={`${a.interface}-${a.address}`} value={a.address}>{`${a.interface} · ${a.address}/${a.prefix}${a.subnet === vipNet ? ` · ${t('ui.links.client')}` : ''}`}</option>
                        ))}
                        {r === witness && cur ? <option value="">{t('ui.links.none')}</option> : null}
                      </select>
                    </label>
                  );
                })}
              </div>
              <div className="row-actions">
                {drbd ? (
                  <label className="ins-check">
                    <input type="radio" name="drbd-link" checked={l.purpose.includes('drbd')} onChange={() => setLinks(withDrbdOn(links, i))} /> {t('ui.links.drbdHere')}
                  </label>
                ) : null}
                {links.length > 1 ? <button type="button" className="ins-small" onClick={() => setLinks(withoutLink(links, i))}>{t('ui.links.remove', { n: i })}</button> : null}
              </div>
            </fieldset>
          );
        })}
      </div>
      {haveInventory && links.length && links.length < 2 ? (
        <button type="button" className="ins-small" onClick={() => setLinks(withNewLink(links, ctx))}>{t('ui.links.add')}</button>
      ) : null}
      {links.length === 1 ? <p className="hint">{t('ui.links.oneLinkHint')}</p> : null}
    </section>
  );
}
