import PDFDocument from 'pdfkit';
import type { FontName } from './fonts';
import { page } from './theme';

/**
 * A pdfkit document with the content box of the current page and a cursor. Drawing helpers ask it for
 * room (`ensure`) before they draw, so nothing runs over the bottom margin; page furniture (header,
 * footer, page numbers) is drawn at the end over the buffered pages.
 */
export class PdfWriter {
  readonly doc: PDFKit.PDFDocument;
  readonly left = page.marginLeft;
  readonly width = page.width - page.marginLeft - page.marginRight;
  readonly top = page.marginTop;
  readonly bottom = page.height - page.marginBottom;
  y = page.marginTop;

  constructor(doc: PDFKit.PDFDocument) {
    this.doc = doc;
  }

  /** 0-based index of the page being drawn. */
  get pageIndex(): number {
    const r = this.doc.bufferedPageRange();
    return r.start + r.count - 1;
  }

  get room(): number {
    return this.bottom - this.y;
  }

  get atTop(): boolean {
    return this.y <= this.top + 0.5;
  }

  addPage(): void {
    this.doc.addPage();
    this.y = this.top;
  }

  /** Starts a new page unless `height` still fits (or the page is empty: then nothing would fit better). */
  ensure(height: number): void {
    if (height > this.room && !this.atTop) this.addPage();
  }

  font(name: FontName, size: number): this {
    this.doc.font(name).fontSize(size);
    return this;
  }

  private widths = new Map<string, number>();

  /** Width in points; cached per font and text at unit size, since fontkit's layout is the slow part. */
  widthOf(text: string, name: FontName, size: number): number {
    const key = `${name}\u0000${text}`;
    let unit = this.widths.get(key);
    if (unit === undefined) {
      unit = this.doc.font(name).fontSize(100).widthOfString(text) / 100;
      this.widths.set(key, unit);
    }
    return unit * size;
  }

  lineHeight(name: FontName, size: number, gap = 0): number {
    return this.doc.font(name).fontSize(size).currentLineHeight(true) + gap;
  }

  /**
   * A single line at (x, y) that never wraps and never triggers pdfkit's own page flow. Alignment is computed
   * here from the cached width, so pdfkit takes its fast path (no line wrapper) for every table cell and label.
   */
  line(text: string, x: number, y: number, opts: { font: FontName; size: number; color: string; width?: number; align?: 'left' | 'right' | 'center' }): void {
    if (!text) return;
    let dx = 0;
    if (opts.width !== undefined && opts.align && opts.align !== 'left') {
      const free = opts.width - this.widthOf(text, opts.font, opts.size);
      dx = opts.align === 'right' ? free : free / 2;
    }
    this.doc.font(opts.font).fontSize(opts.size).fillColor(opts.color).text(text, x + dx, y, { lineBreak: false });
  }
}

export function createPdf(fonts: Record<FontName, string>, info: PDFKit.DocumentInfo, lang: string): PDFKit.PDFDocument {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: page.marginTop, bottom: page.marginBottom, left: page.marginLeft, right: page.marginRight },
    bufferPages: true,
    autoFirstPage: false,
    // No default font: pdfkit would load Helvetica, and passing our file here defeats its font cache
    // (the same face registered twice is re-parsed on every font switch).
    font: null as unknown as string,
    info,
    lang,
    displayTitle: true,
    pdfVersion: '1.7',
  });
  for (const [name, file] of Object.entries(fonts)) doc.registerFont(name, file);
  doc.font('sans');
  return doc;
}
