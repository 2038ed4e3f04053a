/**
 * SQL probe: log in to MariaDB on the service address and run one query. mysql2 instead of a hand-written
 * client: the MySQL handshake and its auth plugins (mysql_native_password, caching_sha2, ed25519 ...) are
 * not worth re-implementing. The query reads the server's UTC clock, which the runner uses to put the node's
 * journal and IMAP delivery times on the host's time line.
 */
import mysql from 'mysql2/promise';
import { failure } from './smtp';
import type { ProbeContext, ProbeResult } from './types';

export async function probeSql(ctx: ProbeContext): Promise<ProbeResult> {
  const started = Date.now();
  let conn: mysql.Connection | undefined;
  const timer = setTimeout(() => conn?.destroy(), ctx.timeoutMs);
  try {
    conn = await mysql.createConnection({
      host: ctx.endpoint.host,
      port: ctx.endpoint.port,
      user: ctx.credentials?.user ?? '',
      password: ctx.credentials?.password ?? '',
      ...(ctx.database ? { database: ctx.database } : {}),
      connectTimeout: ctx.timeoutMs,
      // The UTC timestamp as text: no driver time-zone conversion in the way.
      dateStrings: true,
    });
    const [rows] = await conn.query({ sql: 'SELECT DATE_FORMAT(UTC_TIMESTAMP(6), "%Y-%m-%dT%H:%i:%s.%fZ") AS now', timeout: ctx.timeoutMs });
    const at = Date.now();
    const now = (rows as { now?: string }[])[0]?.now;
    const serverTimeMs = now ? Date.parse(now) : NaN;
    void conn.end().catch(() => undefined);
    return { ok: true, at, latencyMs: at - started, ...(Number.isFinite(serverTimeMs) ? { serverTimeMs } : {}) };
  } catch (e) {
    conn?.destroy();
    const code = (e as { code?: string }).code;
    const r = failure(started, e);
    if (code === 'ECONNREFUSED' || code === 'ETIMEDOUT' || code === 'EHOSTUNREACH') return { ...r, error: 'connect' };
    if (code === 'ER_ACCESS_DENIED_ERROR' || code === 'ER_DBACCESS_DENIED_ERROR') return { ...r, error: 'auth' };
    if (code === 'PROTOCOL_CONNECTION_LOST' || code === 'ECONNRESET') return { ...r, error: 'closed' };
    return { ...r, error: code ? `sql:${code}`.slice(0, 40) : 'query' };
  } finally {
    clearTimeout(timer);
  }
}
