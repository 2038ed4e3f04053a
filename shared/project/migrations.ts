import { AppError } from '../errors';
import { FORMAT_VERSION } from './schema';

type Json = Record<string, unknown>;

/**
 * Each migration lifts a file from `from` to `from + 1`. They work on plain JSON (never on the typed
 * Project), because an old file does not match today's schema.
 * Format 1 was the prototype's: a single `meta.hourlyRate` and no per-step state.
 * Format 3 added the sections of the Installation, Failover-Tests and Dokumentation steps (commission, failover,
 * documents) and a fourth host (node3); an app that knows only format 2 would drop them on save, so it must refuse.
 */
export const migrations: { from: number; migrate(doc: Json): Json }[] = [
  {
    from: 1,
    migrate(doc) {
      const meta = { ...((doc.meta as Json | undefined) ?? {}) };
      const rate = typeof meta.hourlyRate === 'number' ? meta.hourlyRate : undefined;
      delete meta.hourlyRate;
      if (rate !== undefined) meta.rates = { engineer: rate };
      return { ...doc, meta, steps: doc.steps ?? {}, formatVersion: 2 };
    },
  },
  { from: 2, migrate: (doc) => ({ ...doc, formatVersion: 3 }) },
];

export interface MigrationResult {
  doc: Json;
  migratedFrom?: number;
}

/** Brings a parsed file up to FORMAT_VERSION; refuses files from a newer app. */
export function migrateToCurrent(doc: Json): MigrationResult {
  const version = doc.formatVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new AppError('project:errors.badVersion', { version: String(version) });
  }
  if (version > FORMAT_VERSION) {
    throw new AppError('project:errors.newerVersion', { version, supported: FORMAT_VERSION });
  }
  let current = doc;
  for (let v = version; v < FORMAT_VERSION; v++) {
    const step = migrations.find((m) => m.from === v);
    if (!step) throw new AppError('project:errors.badVersion', { version: v });
    current = step.migrate(current);
  }
  return version === FORMAT_VERSION ? { doc: current } : { doc: current, migratedFrom: version };
}
