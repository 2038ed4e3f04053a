/** POP3 probe: greeting, STLS when offered, USER/PASS (the mailbox is locked and opened), QUIT. */
import { LineConn } from '../net/lineConn';
import { failure, StageError } from './smtp';
import type { ProbeContext, ProbeResult } from './types';

async function ok(c: LineConn, deadline: number, stage: string): Promise<string> {
  const l = await c.readLine(deadline);
  if (!l.startsWith('+OK')) throw new StageError(stage, undefined, l.slice(0, 200));
  return l;
}

export async function probePop3(ctx: ProbeContext): Promise<ProbeResult> {
  const started = Date.now();
  const deadline = started + ctx.timeoutMs;
  let c: LineConn | undefined;
  try {
    c = await LineConn.open(ctx.endpoint.host, ctx.endpoint.port, { timeoutMs: Math.min(ctx.timeoutMs, ctx.connectTimeoutMs ?? 1500), ...(ctx.signal ? { signal: ctx.signal } : {}) });
    await ok(c, deadline, 'banner');
    c.write('CAPA\r\n');
    const caps: string[] = [];
    if ((await c.readLine(deadline)).startsWith('+OK')) {
      for (let l = await c.readLine(deadline); l !== '.'; l = await c.readLine(deadline)) caps.push(l.toUpperCase());
    }
    if (caps.includes('STLS')) {
      c.write('STLS\r\n');
      await ok(c, deadline, 'starttls');
      const key = `${ctx.endpoint.host}:${ctx.endpoint.port}`;
      await c.startTls({ timeoutMs: Math.max(1, deadline - Date.now()), verify: (s) => ctx.pins.check(key, s), ...(ctx.pins.session(key) ? { session: ctx.pins.session(key)! } : {}), onSecure: (s) => ctx.pins.watch(key, s) });
    }
    if (!ctx.credentials || /[\r\n\0]/.test(ctx.credentials.user + ctx.credentials.password)) throw new StageError('auth', undefined, 'no usable credentials');
    c.write(`USER ${ctx.credentials.user}\r\n`);
    await ok(c, deadline, 'auth');
    c.write(`PASS ${ctx.credentials.password}\r\n`);
    await ok(c, deadline, 'auth');
    const at = Date.now();
    const conn = c;
    void (async () => {
      try {
        conn.write('QUIT\r\n');
        await conn.readLine(Date.now() + 500);
      } catch {
        // answered already
      } finally {
        conn.close();
      }
    })();
    return { ok: true, at, latencyMs: at - started };
  } catch (e) {
    c?.close();
    return failure(started, e);
  }
}
