import { describe, expect, it } from 'vitest';
import { keepRows, leadHeight, planBreaks, type BreakSpace } from './breaks';

const rows = (n: number, h = 10) => Array.from({ length: n }, () => h);
const space = (room: number, o: Partial<BreakSpace> = {}): BreakSpace => ({ room, page: 100, head: 10, tail: 0, atTop: false, ...o });
const sizes = (p: { parts: number[][] }) => p.parts.map((x) => x.length);

describe('planBreaks', () => {
  it('keeps a table that fits on the current page', () => {
    expect(planBreaks(rows(5), space(60))).toEqual({ newPage: false, parts: [[0, 1, 2, 3, 4]] });
  });

  it('moves the last row back so it does not stand alone on the next page', () => {
    // 7 of 8 rows would fit: the break comes one row earlier.
    expect(sizes(planBreaks(rows(8), space(80)))).toEqual([6, 2]);
  });

  it('starts on a new page rather than leave one row at the foot of this one', () => {
    expect(planBreaks(rows(8), space(25))).toEqual({ newPage: true, parts: [[0, 1, 2, 3, 4, 5, 6, 7]] });
    expect(sizes(planBreaks(rows(8), space(30)))).toEqual([2, 6]);
  });

  it('does not split a table of three rows or fewer', () => {
    expect(planBreaks(rows(3), space(35))).toEqual({ newPage: true, parts: [[0, 1, 2]] });
    expect(planBreaks(rows(3), space(40)).newPage).toBe(false);
  });

  it('keeps the tail (caption) with the last rows', () => {
    // Without the tail all 8 rows fit in 90; with it the last row would go over, and it takes one row along.
    expect(sizes(planBreaks(rows(8), space(90, { tail: 5 })))).toEqual([6, 2]);
    expect(sizes(planBreaks(rows(8), space(95, { tail: 5 })))).toEqual([8]);
  });

  it('repeats the head on every page when it breaks a long table', () => {
    // 9 rows per fresh page under the head; 20 rows: 5 here, then 9, then 6.
    expect(sizes(planBreaks(rows(20), space(60)))).toEqual([5, 9, 6]);
    // 5 + 9 + 9 would leave 1: the middle page gives one up.
    expect(sizes(planBreaks(rows(24), space(60)))).toEqual([5, 9, 8, 2]);
  });

  it('does not move a table off an empty page, and still ends when rows are taller than the rule allows', () => {
    expect(planBreaks(rows(8), space(25, { atTop: true })).newPage).toBe(false);
    expect(sizes(planBreaks(rows(3, 45), space(100, { atTop: true })))).toEqual([2, 1]);
    expect(sizes(planBreaks(rows(2, 200), space(100, { atTop: true })))).toEqual([1, 1]);
  });

  it('places an empty table (header only) on the next page when its header does not fit', () => {
    expect(planBreaks([], space(5))).toEqual({ newPage: true, parts: [[]] });
    expect(planBreaks([], space(50))).toEqual({ newPage: false, parts: [[]] });
  });

  it('measures the lead a heading must keep below it', () => {
    expect(keepRows(2)).toBe(2);
    expect(keepRows(9)).toBe(2);
    expect(leadHeight([10, 20, 30, 40], 5, 7)).toBe(35);
    expect(leadHeight([10, 20, 30], 5, 7)).toBe(72);
  });
});
