/** The chamber's page limit for the main text (chapters 1 to the conclusion; cover, contents and annex do not count). */
export const DEFAULT_PAGE_LIMIT = 15;

export interface PageLimitCheck {
  pages: number;
  limit: number;
  over: boolean;
  /** Pages beyond the limit (0 when within). */
  excess: number;
}

export function checkPageLimit(mainText: { pages: number } | null, limit = DEFAULT_PAGE_LIMIT): PageLimitCheck | null {
  if (!mainText) return null;
  const excess = Math.max(0, mainText.pages - limit);
  return { pages: mainText.pages, limit, over: excess > 0, excess };
}
