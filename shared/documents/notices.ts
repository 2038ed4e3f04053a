import type { DocModel, RichText } from './model';

export interface PendingNote {
  /** Section the note stands in (outline id). */
  chapterId: string;
  chapterTitle: string;
  text: string;
}

const plain = (t: RichText) => (typeof t === 'string' ? t : t.map((s) => s.text).join(''));

/**
 * The "pending" notes of a built document with the chapters they stand in: what the Dokumentation step lists
 * as missing. One note said in several chapters (the commissioning has not run) is listed once, with all of them.
 */
export function pendingNotes(m: DocModel): PendingNote[] {
  const out: PendingNote[] = [];
  let chapter = { id: '', title: '' };
  for (const b of m.blocks) {
    if (b.kind === 'heading') chapter = { id: b.id, title: b.number ? `${b.number} ${b.text}` : b.text };
    else if (b.kind === 'paragraph' && b.style === 'pending') {
      const text = plain(b.text);
      const same = out.find((n) => n.text === text);
      if (same) same.chapterTitle = `${same.chapterTitle}, ${chapter.title}`;
      else out.push({ chapterId: chapter.id, chapterTitle: chapter.title, text });
    }
  }
  return out;
}
