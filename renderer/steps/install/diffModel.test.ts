import { createTwoFilesPatch } from 'diff';
import { describe, expect, it } from 'vitest';
import { diffModel } from './diffModel';

describe('diffModel', () => {
  it('numbers added, removed and context lines as in the old and new file', () => {
    const before = 'a\nb\nc\nd\ne\nf\ng\n';
    const after = 'a\nb\nc\nD\ne\nf\ng\nh\n';
    const m = diffModel(createTwoFilesPatch('/etc/x.conf', '/etc/x.conf', before, after, 'current', 'planned', { context: 3 }));
    expect(m.added).toBe(2);
    expect(m.removed).toBe(1);
    expect(m.created).toBe(false);
    expect(m.rows[0]).toEqual({ kind: 'hunk', text: '@@ -1,7 +1,8 @@' });
    expect(m.rows.find((r) => r.kind === 'del')).toEqual({ kind: 'del', oldNo: 4, text: 'd' });
    expect(m.rows.find((r) => r.kind === 'add')).toEqual({ kind: 'add', newNo: 4, text: 'D' });
    expect(m.rows.filter((r) => r.kind === 'add').map((r) => r.newNo)).toEqual([4, 8]);
    expect(m.rows.find((r) => r.text === 'g')).toEqual({ kind: 'ctx', oldNo: 7, newNo: 7, text: 'g' });
  });

  it('a new file is all additions and says so', () => {
    const m = diffModel(createTwoFilesPatch('/dev/null', '/etc/corosync/corosync.conf', '', 'totem {\n  version: 2\n}\n', '', 'planned'));
    expect(m.created).toBe(true);
    expect(m.rows.filter((r) => r.kind === 'add').map((r) => r.text)).toEqual(['totem {', '  version: 2', '}']);
    expect(m.removed).toBe(0);
  });

  it('keeps the "no newline at end of file" note apart from the content', () => {
    const m = diffModel(createTwoFilesPatch('f', 'f', 'x\n', 'x\ny', 'current', 'planned'));
    expect(m.rows.some((r) => r.kind === 'note' && /No newline/.test(r.text))).toBe(true);
    expect(m.added).toBe(1);
  });

  it('shows escape sequences and control characters instead of passing them on', () => {
    const m = diffModel(createTwoFilesPatch('f', 'f', 'a\n', 'a\n\u001b[31mred\u0007\u202e\n', 'current', 'planned'));
    const add = m.rows.find((r) => r.kind === 'add')!;
    expect(add.text).toBe('␛[31mred␇<U+202E>');
    // eslint-disable-next-line no-control-regex
    expect(add.text).not.toMatch(/[\u0000-\u001f\u202e]/);
  });

  it('bounds the rows but still counts every change', () => {
    const after = Array.from({ length: 50 }, (_, i) => `line ${i}`).join('\n') + '\n';
    const m = diffModel(createTwoFilesPatch('f', 'f', '', after, 'current', 'planned'), 10);
    expect(m.rows).toHaveLength(10);
    expect(m.truncated).toBe(true);
    expect(m.added).toBe(50);
  });
});
