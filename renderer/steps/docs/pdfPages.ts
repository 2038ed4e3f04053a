/**
 * Draws the first pages of a PDF into canvases with pdf.js (Mozilla's renderer, loaded only when a preview is
 * asked for). Its worker is a file of the app's own origin, so the content security policy stays as it is;
 * WebAssembly and font faces are off for the same reason (glyphs are drawn as paths).
 */
export async function renderPages(pdf: Uint8Array, count: number, widthPx: number, onPage: (canvas: HTMLCanvasElement, n: number) => void): Promise<void> {
  const pdfjs = await import('pdfjs-dist');
  // Vite bundles the worker as a script of the app's own origin (served with a JavaScript MIME type).
  pdfjs.GlobalWorkerOptions.workerPort ??= new Worker(new URL('pdfjs-dist/build/pdf.worker.min.mjs', import.meta.url), { type: 'module' });
  const task = pdfjs.getDocument({ data: pdf.slice(), useWasm: false, disableFontFace: true, isOffscreenCanvasSupported: false });
  const doc = await task.promise;
  try {
    for (let n = 1; n <= Math.min(count, doc.numPages); n++) {
      const page = await doc.getPage(n);
      const base = page.getViewport({ scale: 1 });
      const ratio = window.devicePixelRatio || 1;
      const viewport = page.getViewport({ scale: (widthPx / base.width) * ratio });
      const canvas = document.createElement('canvas');
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      canvas.style.width = `${widthPx}px`;
      await page.render({ canvas, viewport }).promise;
      onPage(canvas, n);
    }
  } finally {
    await task.destroy();
  }
}
