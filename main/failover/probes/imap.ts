/**
 * IMAP probe: greeting, STARTTLS when offered (a password never travels in clear), LOGIN and SELECT INBOX:
 * the mailbox really opens, which needs Dovecot, its user database (MariaDB) and the mail store.
 */
import { LineConn } from '../net/lineConn';
import { failure, StageError } from './smtp';
import type { ProbeContext, ProbeResult } from './types';

/** IMAP quoted string; test credentials must not hold CR, LF or NUL (the settings refuse them). */
export function imapQuote(s: string): string {
  if (/[\r\n\0]/.test(s)) throw new StageError('auth', undefined, 'credential contains a line break');
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Reads until the tagged reply of `tag`; returns its status and the untagged lines before it. */
export async function imapTagged(c: LineConn, tag: string, deadline: number): Promise<{ status: string; text: string; untagged: string[] }> {
  const untagged: string[] = [];
  for (;;) {
    const l = await c.readLine(deadline);
    if (l.startsWith(`${tag} `)) {
      const m = /^\S+ (OK|NO|BAD)\b ?(.*)$/i.exec(l);
      return { status: (m?.[1] ?? 'BAD').toUpperCase(), text: m?.[2] ?? l, untagged };
    }
    untagged.push(l);
    // A literal inside an untagged reply: swallow its bytes so they are not read as lines.
    const lit = /\{(\d+)\}$/.exec(l);
    if (lit) untagged.push(await c.readChars(Number(lit[1]), deadline));
  }
}

export async function imapLogin(c: LineConn, ctx: ProbeContext, deadline: number, stage: { at: string } = { at: '' }): Promise<void> {
  stage.at = 'banner';
  const greeting = await c.readLine(deadline);
  if (!/^\* (OK|PREAUTH)\b/i.test(greeting)) throw new StageError('banner', undefined, greeting.slice(0, 200));
  let caps = /\[CAPABILITY ([^\]]*)\]/i.exec(greeting)?.[1];
  if (!caps) {
    c.write('c0 CAPABILITY\r\n');
    const r = await imapTagged(c, 'c0', deadline);
    caps = r.untagged.find((l) => /^\* CAPABILITY /i.test(l))?.slice(13) ?? '';
  }
  if (/\bSTARTTLS\b/i.test(caps)) {
    stage.at = 'starttls';
    c.write('t0 STARTTLS\r\n');
    const r = await imapTagged(c, 't0', deadline);
    if (r.status !== 'OK') throw new StageError('starttls', undefined, r.text);
    const key = `${ctx.endpoint.host}:${ctx.endpoint.port}`;
    await c.startTls({ timeoutMs: Math.max(1, deadline - Date.now()), verify: (s) => ctx.pins.check(key, s), ...(ctx.pins.session(key) ? { session: ctx.pins.session(key)! } : {}), onSecure: (s) => ctx.pins.watch(key, s) });
  }
  if (!ctx.credentials) throw new StageError('auth', undefined, 'no credentials');
  stage.at = 'auth';
  c.write(`l0 LOGIN ${imapQuote(ctx.credentials.user)} ${imapQuote(ctx.credentials.password)}\r\n`);
  const login = await imapTagged(c, 'l0', deadline);
  if (login.status !== 'OK') throw new StageError('auth', undefined, login.text.slice(0, 200));
}

export async function probeImap(ctx: ProbeContext): Promise<ProbeResult> {
  const started = Date.now();
  const deadline = started + ctx.timeoutMs;
  let c: LineConn | undefined;
  const stage = { at: 'connect' };
  try {
    c = await LineConn.open(ctx.endpoint.host, ctx.endpoint.port, { timeoutMs: Math.min(ctx.timeoutMs, ctx.connectTimeoutMs ?? 1500), ...(ctx.signal ? { signal: ctx.signal } : {}) });
    await imapLogin(c, ctx, deadline, stage);
    stage.at = 'select';
    c.write('s0 SELECT INBOX\r\n');
    const sel = await imapTagged(c, 's0', deadline);
    if (sel.status !== 'OK') throw new StageError('select', undefined, sel.text.slice(0, 200));
    const at = Date.now();
    const conn = c;
    void (async () => {
      try {
        conn.write('z0 LOGOUT\r\n');
        await imapTagged(conn, 'z0', Date.now() + 500);
      } catch {
        // answered already
      } finally {
        conn.close();
      }
    })();
    return { ok: true, at, latencyMs: at - started };
  } catch (e) {
    c?.close();
    return failure(started, e, stage.at);
  }
}
