import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toErrorValue } from '../../../shared/errors';
import { ApiCallError, call } from '../../api/client';
import { useStore } from '../../store';
import { pickFile } from './files';

/** For servers the laptop cannot reach: export the read-only collector script, import what it wrote. */
export function Offline() {
  const { t } = useTranslation('anaui');
  const api = useStore((s) => s.api);
  const showError = useStore((s) => s.showError);
  const applyFacts = useStore((s) => s.applyFacts);
  const setTab = useStore((s) => s.setAnaTab);
  const [exported, setExported] = useState<{ path: string; bytes: number } | null>(null);
  const [busy, setBusy] = useState(false);

  const guarded = async (fn: () => Promise<void>) => {
    setBusy(true);
    try {
      await fn();
    } catch (e) {
      showError(e instanceof ApiCallError ? e.error : toErrorValue(e));
    } finally {
      setBusy(false);
    }
  };
  const exportScript = () =>
    guarded(async () => {
      if (!api) return;
      const path = await pickFile('collectorScript', 'save', 'mhs-collect.sh');
      if (!path) return;
      setExported(await call(api, 'analysis.exportScript', { path }));
    });
  const importBundle = () =>
    guarded(async () => {
      if (!api) return;
      const path = await pickFile('collectorBundle', 'open');
      if (!path) return;
      const r = await call(api, 'analysis.importBundle', { path });
      applyFacts(r.facts);
      setTab('results');
    });

  return (
    <div className="ana-offline">
      <section className="card" aria-labelledby="ana-off-export">
        <h2 id="ana-off-export">{t('offline.exportTitle')}</h2>
        <p>{t('offline.exportIntro')}</p>
        <ol className="ana-how">
          <li>{t('offline.step1')}</li>
          <li>{t('offline.step2')} <code className="ana-cmd">scp mhs-collect.sh root@server:/root/</code></li>
          <li>{t('offline.step3')} <code className="ana-cmd">sh /root/mhs-collect.sh /root/mhs-collect.txt</code></li>
          <li>{t('offline.step4')} <code className="ana-cmd">scp root@server:/root/mhs-collect.txt .</code></li>
          <li>{t('offline.step5')}</li>
        </ol>
        <p className="hint">{t('offline.readOnly')}</p>
        <button type="button" className="primary" disabled={busy} onClick={() => void exportScript()}>{t('offline.export')}</button>
        {exported ? <p className="ana-saved" role="status">✓ {t('offline.exported', { path: exported.path, bytes: exported.bytes })}</p> : null}
      </section>
      <section className="card" aria-labelledby="ana-off-import">
        <h2 id="ana-off-import">{t('offline.importTitle')}</h2>
        <p>{t('offline.importIntro')}</p>
        <button type="button" className="primary" disabled={busy} onClick={() => void importBundle()}>{t('offline.import')}</button>
      </section>
    </div>
  );
}
