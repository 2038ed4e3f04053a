import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { renderPages } from './pdfPages';

const SHOWN = 3;

/** The first pages of the document as the PDF will print them, drawn by pdf.js from the real PDF bytes. */
export function Preview() {
  const { t } = useTranslation('docs');
  const kind = useStore((s) => s.docsKind);
  const preview = useStore((s) => s.docsPreview);
  const make = useStore((s) => s.makePreview);
  const box = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  const current = preview && preview.kind === kind ? preview : null;

  useEffect(() => {
    const el = box.current;
    if (!el || current?.status !== 'done' || !current.pdf) return;
    let stop = false;
    setFailed(false);
    el.replaceChildren();
    renderPages(current.pdf, SHOWN, 260, (canvas, n) => {
      if (stop) return;
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', t('step.preview.pageAlt', { n }));
      canvas.className = 'docs-page';
      el.appendChild(canvas);
    }).catch(() => !stop && setFailed(true));
    return () => {
      stop = true;
    };
  }, [current, t]);

  return (
    <div className="card docs-preview" aria-labelledby="docs-preview-title">
      <h2 id="docs-preview-title">{t('step.preview.title')}</h2>
      <button type="button" onClick={() => void make()} disabled={current?.status === 'running'}>
        {current?.status === 'running' ? t('step.preview.making') : t('step.preview.make')}
      </button>
      {current?.status === 'done' && current.pages ? <p className="hint">{t('step.preview.pages', { shown: Math.min(SHOWN, current.pages), pages: current.pages })}</p> : null}
      {failed ? <p className="error-text">{t('step.preview.failed')}</p> : null}
      <div ref={box} className="docs-pages" data-testid="docs-pages" />
    </div>
  );
}
