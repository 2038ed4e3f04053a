import { promises as fs } from 'node:fs';
import { AppError } from '../../../shared/errors';
import { generateOfflineScript, parseCollectorBundle } from '../../analysis/offlineScript';
import { writeFileAtomic } from '../../project/atomicWrite';
import { fileError } from '../../project/projectFiles';
import type { Handler } from '../types';

const MAX_BUNDLE_BYTES = 200 * 1024 * 1024;

export const analysisExportScript: Handler<'analysis.exportScript'> = async ({ path }) => {
  const script = generateOfflineScript();
  try {
    await writeFileAtomic(path, script);
    await fs.chmod(path, 0o755);
  } catch (e) {
    throw fileError(e, path);
  }
  return { path, bytes: Buffer.byteLength(script) };
};

export const analysisImportBundle: Handler<'analysis.importBundle'> = async ({ path }, { services }) => {
  let text: string;
  try {
    const st = await fs.stat(path);
    if (st.size > MAX_BUNDLE_BYTES) throw new AppError('analysis:errors.bundleTooLarge', { path, mb: Math.round(st.size / 1e6) });
    text = await fs.readFile(path, 'utf8');
  } catch (e) {
    throw fileError(e, path);
  }
  const facts = parseCollectorBundle(text);
  if (!facts.collectors || Object.keys(facts.collectors).length === 0) throw new AppError('analysis:errors.notABundle', { path });
  return { facts: { ...facts, source: 'offline', collectedAt: facts.collectedAt ?? services.now().toISOString() } };
};
