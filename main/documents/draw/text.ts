import type { BulletList, Heading, Paragraph, RichText, Span, TitleBlock } from '../../../shared/documents/model';
import type { FontName } from '../fonts';
import { ink, type } from '../theme';
import type { PdfWriter } from '../writer';

const spans = (t: RichText): Span[] => (typeof t === 'string' ? [{ text: t }] : t.filter((s) => s.text !== ''));
const fontOf = (s: Span, base: FontName): FontName => (s.mono ? 'mono' : s.bold ? 'sansBold' : base);

/** Flowing rich text at the writer's cursor; pdfkit wraps it and continues on new pages by itself. */
export function drawRich(w: PdfWriter, text: RichText, x: number, width: number, opts: { size: number; color: string; font?: FontName; gap?: number }): void {
  const parts = spans(text);
  if (!parts.length) return;
  const d = w.doc;
  const base = opts.font ?? 'sans';
  parts.forEach((s, i) => {
    d.font(fontOf(s, base)).fontSize(s.mono ? opts.size * 0.92 : opts.size).fillColor(opts.color);
    const o = { width, lineGap: opts.gap ?? type.lineGap, continued: i < parts.length - 1 };
    if (i === 0) d.text(s.text, x, w.y, o);
    else d.text(s.text, o);
  });
  w.y = d.y;
}

export function heightOfRich(w: PdfWriter, text: RichText, width: number, size: number, font: FontName = 'sans'): number {
  // Measuring spans one by one would over-count line breaks; the plain string in the widest font is a safe bound.
  const plain = spans(text).map((s) => s.text).join('');
  const bold = spans(text).some((s) => s.bold || s.mono);
  return w.doc.font(bold ? 'sansBold' : font).fontSize(size).heightOfString(plain, { width, lineGap: type.lineGap });
}

const headingSize = { 1: type.h1, 2: type.h2, 3: type.h3 } as const;

/**
 * A heading kept together with at least a few lines of what follows; level-1 chapters may start a page.
 * `lead` is the room the block below needs where it starts (a table's header and first rows).
 */
export function drawHeading(w: PdfWriter, h: Heading, next?: Heading, lead = 0): number {
  const size = headingSize[h.level];
  if (h.pageBreak && !w.atTop) w.addPage();
  const text = h.number ? `${h.number}  ${h.text}` : h.text;
  const before = w.atTop ? 0 : h.level === 1 ? 16 : 10;
  const height = w.doc.font('sansBold').fontSize(size).heightOfString(text, { width: w.width }) + before + 6;
  // Keep the heading with what follows: a few lines of text, and a sub-heading directly below it as well.
  const below = next ? w.doc.font('sansBold').fontSize(headingSize[next.level]).heightOfString(next.text, { width: w.width }) + 16 : 0;
  w.ensure(height + Math.max(below + 4 * w.lineHeight('sans', type.body, type.lineGap), h.keep ?? 0, lead));
  if (!w.atTop) w.y += before;
  const y = w.y;
  w.doc.font('sansBold').fontSize(size).fillColor(h.level === 1 ? ink.accent : ink.text);
  w.doc.text(text, w.left, w.y, { width: w.width });
  w.y = w.doc.y + (h.level === 1 ? 6 : 4);
  return y;
}

const boxed = { pending: [ink.pending, ink.pendingBg], note: [ink.accent, ink.noteBg], warning: [ink.warning, ink.warningBg] } as const;

export function drawParagraph(w: PdfWriter, p: Paragraph): void {
  const style = p.style ?? 'normal';
  if (style === 'pending' || style === 'note' || style === 'warning') {
    const [bar, bg] = boxed[style];
    const pad = 5;
    const inner = w.width - 2 * pad - 4;
    const h = heightOfRich(w, p.text, inner, type.body, style === 'pending' ? 'sansItalic' : 'sans') + 2 * pad;
    if (h < w.bottom - w.top) w.ensure(h + 2);
    const y0 = w.y;
    if (h <= w.room) {
      w.doc.save().rect(w.left, y0, w.width, h).fill(bg).rect(w.left, y0, 3, h).fill(bar).restore();
    }
    w.y = y0 + pad;
    drawRich(w, p.text, w.left + 4 + pad, inner, { size: type.body, color: style === 'pending' ? ink.pending : ink.text, font: style === 'pending' ? 'sansItalic' : 'sans' });
    w.y = Math.max(w.y, y0 + h) + 7;
    return;
  }
  const size = style === 'small' ? type.small : type.body;
  w.ensure(2 * w.lineHeight('sans', size, type.lineGap));
  drawRich(w, p.text, w.left, w.width, { size, color: style === 'small' ? ink.muted : ink.text });
  w.y += 6;
}

export function drawBullets(w: PdfWriter, l: BulletList): void {
  const indent = l.numbered ? 21 : 13;
  l.items.forEach((item, i) => {
    w.ensure(2 * w.lineHeight('sans', type.body, type.lineGap));
    const mark = l.numbered ? `${i + 1}.` : '•';
    w.line(mark, w.left + 3, w.y, { font: 'sans', size: type.body, color: ink.text });
    drawRich(w, item, w.left + indent, w.width - indent, { size: type.body, color: ink.text });
    w.y += 2.5;
  });
  w.y += 4;
}

/** The title at the top of a document without a cover page. */
export function drawTitle(w: PdfWriter, t: TitleBlock): void {
  w.doc.save().rect(w.left, w.y, 50, 3.5).fill(ink.accent).restore();
  w.y += 10;
  w.doc.font('sansBold').fontSize(19).fillColor(ink.text).text(t.text, w.left, w.y, { width: w.width });
  w.y = w.doc.y + 3;
  if (t.subtitle) {
    w.doc.font('sans').fontSize(12).fillColor(ink.accent).text(t.subtitle, w.left, w.y, { width: w.width });
    w.y = w.doc.y;
  }
  w.y += 14;
}
