/**
 * The project's audit log as the commissioning sessions see it: everything goes through, except that the
 * content of files the executor reads (for diffs, transfers, backups) is replaced by its size, so the log
 * never holds a copy of an authkey, a certificate key or a config with a password.
 */
import type { AuditEntry, AuditSink } from '../audit/types';
import { FILE_READ_MARKER } from './remoteFiles';

export class CommissionAuditSink implements AuditSink {
  constructor(private readonly inner: AuditSink & { addSecret?: (s: string) => void }) {}

  addSecret(secret: string): void {
    this.inner.addSecret?.(secret);
  }

  record(entry: AuditEntry): void | Promise<void> {
    if (!entry.command.startsWith(FILE_READ_MARKER)) return this.inner.record(entry);
    const [head = ''] = entry.stdout.split('\n');
    const bytes = Math.max(0, entry.stdout.length - head.length - 1);
    return this.inner.record({ ...entry, stdout: bytes > 0 ? `${head}\n[file content not logged: ${bytes} base64 characters]\n` : entry.stdout });
  }
}
