import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import type { HostKeyPrompt } from './slice';

/** ssh-ed25519 -> /etc/ssh/ssh_host_ed25519_key.pub: the file on the server to compare with. */
export function hostKeyFile(keyType: string): string {
  const t = keyType.replace(/^ssh-/, '').replace(/^ecdsa-sha2-.*/, 'ecdsa').replace(/^rsa-sha2-.*/, 'rsa');
  const known = ['ed25519', 'rsa', 'ecdsa', 'dsa'].includes(t) ? t : 'ed25519';
  return `/etc/ssh/ssh_host_${known}_key.pub`;
}

/** The Ist-Analyse's host-key dialog, bound to its slice. */
export function HostKeyDialog() {
  const prompt = useStore((s) => s.anaHostKey);
  const accept = useStore((s) => s.acceptHostKey);
  const replace = useStore((s) => s.replaceHostKey);
  const dismiss = useStore((s) => s.dismissHostKey);
  return <HostKeyDialogView prompt={prompt} accept={accept} replace={replace} dismiss={dismiss} isOpen={() => !!useStore.getState().anaHostKey} />;
}

interface ViewProps {
  prompt: HostKeyPrompt | null;
  accept(): Promise<void>;
  replace(): Promise<void>;
  dismiss(): void;
  /** Whether the prompt is still pending when the dialog closes (Escape): then closing means dismiss. */
  isOpen(): boolean;
}

/**
 * An unknown host key: shows the fingerprint and how to check it on the server. A changed key: blocks,
 * and only replaces the old key when the user types the server's name and chooses "replace". Used by every
 * step that connects to a server.
 */
export function HostKeyDialogView({ prompt, accept, replace, dismiss, isOpen }: ViewProps) {
  const { t } = useTranslation('anaui');
  const [typed, setTyped] = useState('');
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (prompt) {
      setTyped('');
      if (!d.open) d.showModal();
    } else if (d.open) d.close();
  }, [prompt]);
  const file = prompt ? hostKeyFile(prompt.keyType) : '';
  const changed = prompt?.kind === 'changed';

  return (
    <dialog ref={ref} className={`dialog ana-hostkey${changed ? ' ana-hostkey-changed' : ''}`} onClose={() => { if (isOpen()) dismiss(); }} aria-labelledby="ana-hk-title">
      {prompt && !changed ? (
        <>
          <h2 id="ana-hk-title">{t('hostKey.unknownTitle')}</h2>
          <p>{t('hostKey.unknownIntro', { host: prompt.host, port: prompt.port })}</p>
          <dl className="ana-fp-list">
            <dt>{t('hostKey.keyType')}</dt>
            <dd>{prompt.keyType}</dd>
            <dt>{t('hostKey.fingerprint')}</dt>
            <dd><code className="ana-fp" data-testid="hostkey-fingerprint">{prompt.fingerprint}</code></dd>
          </dl>
          <h3>{t('hostKey.howTitle')}</h3>
          <ol className="ana-how">
            <li>{t('hostKey.how1')}</li>
            <li>{t('hostKey.how2')} <code className="ana-cmd">ssh-keygen -lf {file}</code></li>
            <li>{t('hostKey.how3')}</li>
          </ol>
          <p className="hint">{t('hostKey.why')}</p>
          <div className="dialog-actions">
            <button type="button" autoFocus onClick={dismiss}>{t('hostKey.notSame')}</button>
            <button type="button" className="primary" onClick={() => void accept()}>{t('hostKey.accept')}</button>
          </div>
        </>
      ) : prompt ? (
        <form onSubmit={(e) => { e.preventDefault(); if (typed.trim() === prompt.host) void replace(); }}>
          <h2 id="ana-hk-title">{t('hostKey.changedTitle')}</h2>
          <p className="ana-danger" role="alert">{t('hostKey.changedIntro', { host: prompt.host, port: prompt.port })}</p>
          <dl className="ana-fp-list">
            <dt>{t('hostKey.oldFingerprint')}</dt>
            <dd><code className="ana-fp" data-testid="hostkey-old">{prompt.oldFingerprint}</code></dd>
            <dt>{t('hostKey.newFingerprint')}</dt>
            <dd><code className="ana-fp" data-testid="hostkey-new">{prompt.fingerprint}</code></dd>
          </dl>
          <p>{t('hostKey.changedWhat', { file })}</p>
          <label htmlFor="ana-hk-confirm">{t('hostKey.typeHost', { host: prompt.host })}</label>
          <input id="ana-hk-confirm" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" spellCheck={false} />
          <div className="dialog-actions">
            <button type="button" className="primary" autoFocus onClick={dismiss}>{t('hostKey.keepBlocked')}</button>
            <button type="submit" className="ana-danger-btn" disabled={typed.trim() !== prompt.host}>{t('hostKey.replace')}</button>
          </div>
        </form>
      ) : null}
    </dialog>
  );
}
