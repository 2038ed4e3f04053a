import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The fonts every document embeds: Liberation Sans (metric-compatible with Arial, the usual face of IHK
 * reports) and Liberation Mono for commands, both SIL OFL 1.1 from Debian's fonts-liberation2, shipped in
 * assets/fonts so a PDF looks the same on every machine and covers German characters.
 */
export const fontFiles = {
  sans: 'LiberationSans-Regular.ttf',
  sansBold: 'LiberationSans-Bold.ttf',
  sansItalic: 'LiberationSans-Italic.ttf',
  sansBoldItalic: 'LiberationSans-BoldItalic.ttf',
  mono: 'LiberationMono-Regular.ttf',
  monoBold: 'LiberationMono-Bold.ttf',
} as const;
export type FontName = keyof typeof fontFiles;

/** assets/fonts in the source tree, or fonts/ beside a bundle (scripts/build-main.mjs copies them there). */
export function fontsDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.resolve(here, '../../assets/fonts'), path.resolve(here, 'fonts'), path.resolve(here, '../fonts')];
  const found = candidates.find((c) => existsSync(path.join(c, fontFiles.sans)));
  if (!found) throw new Error(`document fonts not found in ${candidates.join(', ')}`);
  return found;
}

export function fontPaths(dir = fontsDir()): Record<FontName, string> {
  return Object.fromEntries(Object.entries(fontFiles).map(([k, f]) => [k, path.join(dir, f)])) as Record<FontName, string>;
}
