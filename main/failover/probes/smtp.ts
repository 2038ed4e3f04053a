/**
 * SMTP probes. Port 25: banner + EHLO (what every sending MTA needs first). Submission (587): banner, EHLO,
 * STARTTLS, EHLO again and AUTH PLAIN (what a mail client needs). A reply other than the expected one is a
 * failure named by its stage and code, e.g. "reply:421" for a server that is shutting down.
 */
import { ConnError, LineConn } from '../net/lineConn';
import type { ProbeContext, ProbeResult } from './types';

export class StageError extends Error {
  constructor(readonly stage: string, readonly code?: number, detail?: string) {
    super(detail ?? stage);
  }
}

/** A failed attempt: its error code, and in the detail the stage the conversation had reached. */
export function failure(started: number, e: unknown, stage?: string): ProbeResult {
  const latencyMs = Date.now() - started;
  if (e instanceof StageError) return { ok: false, at: started, latencyMs, error: e.code ? `reply:${e.code}` : e.stage, detail: `${e.stage}: ${e.message}` };
  if (e instanceof ConnError) return { ok: false, at: started, latencyMs, error: e.code, detail: stage ? `${stage}: ${e.message}` : e.message };
  return { ok: false, at: started, latencyMs, error: 'failed', detail: e instanceof Error ? e.message : String(e) };
}

export async function expectReply(c: LineConn, deadline: number, stage: string, ok: (code: number) => boolean): Promise<{ code: number; lines: string[] }> {
  const r = await c.readSmtpReply(deadline);
  if (!ok(r.code)) throw new StageError(stage, r.code, r.lines.join(' | ').slice(0, 300));
  return r;
}

/** EHLO, and STARTTLS + EHLO again when `tls`; returns the EHLO keywords of the last EHLO. */
export async function smtpHello(c: LineConn, ctx: ProbeContext, deadline: number, tls: boolean): Promise<string[]> {
  await expectReply(c, deadline, 'banner', (x) => x === 220);
  c.write(`EHLO ${ctx.heloName}\r\n`);
  let ehlo = await expectReply(c, deadline, 'ehlo', (x) => x === 250);
  if (!tls) return ehlo.lines.map((l) => l.slice(4).toUpperCase());
  if (!ehlo.lines.some((l) => /^250[ -]STARTTLS\b/i.test(l))) throw new StageError('starttls', undefined, 'server does not offer STARTTLS');
  c.write('STARTTLS\r\n');
  await expectReply(c, deadline, 'starttls', (x) => x === 220);
  const key = `${ctx.endpoint.host}:${ctx.endpoint.port}`;
  await c.startTls({ timeoutMs: Math.max(1, deadline - Date.now()), verify: (s) => ctx.pins.check(key, s), ...(ctx.pins.session(key) ? { session: ctx.pins.session(key)! } : {}), onSecure: (s) => ctx.pins.watch(key, s) });
  c.write(`EHLO ${ctx.heloName}\r\n`);
  ehlo = await expectReply(c, deadline, 'ehlo', (x) => x === 250);
  return ehlo.lines.map((l) => l.slice(4).toUpperCase());
}

export async function smtpAuth(c: LineConn, ctx: ProbeContext, deadline: number): Promise<void> {
  if (!ctx.credentials) throw new StageError('auth', undefined, 'no credentials');
  const token = Buffer.from(`\0${ctx.credentials.user}\0${ctx.credentials.password}`, 'utf8').toString('base64');
  c.write(`AUTH PLAIN ${token}\r\n`);
  await expectReply(c, deadline, 'auth', (x) => x === 235);
}

/** Polite end: QUIT and a short wait for 221, so the server logs a normal disconnect. */
export async function smtpQuit(c: LineConn): Promise<void> {
  try {
    c.write('QUIT\r\n');
    await c.readSmtpReply(Date.now() + 500);
  } catch {
    // the probe already has its answer
  } finally {
    c.close();
  }
}

export async function probeSmtp(ctx: ProbeContext): Promise<ProbeResult> {
  const started = Date.now();
  const deadline = started + ctx.timeoutMs;
  let c: LineConn | undefined;
  try {
    c = await LineConn.open(ctx.endpoint.host, ctx.endpoint.port, { timeoutMs: Math.min(ctx.timeoutMs, ctx.connectTimeoutMs ?? 1500), ...(ctx.signal ? { signal: ctx.signal } : {}) });
    await smtpHello(c, ctx, deadline, false);
    const at = Date.now();
    void smtpQuit(c);
    return { ok: true, at, latencyMs: at - started };
  } catch (e) {
    c?.close();
    return failure(started, e);
  }
}

export async function probeSubmission(ctx: ProbeContext): Promise<ProbeResult> {
  const started = Date.now();
  const deadline = started + ctx.timeoutMs;
  let c: LineConn | undefined;
  try {
    c = await LineConn.open(ctx.endpoint.host, ctx.endpoint.port, { timeoutMs: Math.min(ctx.timeoutMs, ctx.connectTimeoutMs ?? 1500), ...(ctx.signal ? { signal: ctx.signal } : {}) });
    await smtpHello(c, ctx, deadline, true);
    await smtpAuth(c, ctx, deadline);
    const at = Date.now();
    void smtpQuit(c);
    return { ok: true, at, latencyMs: at - started };
  } catch (e) {
    c?.close();
    return failure(started, e);
  }
}
