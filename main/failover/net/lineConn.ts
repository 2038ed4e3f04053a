/**
 * A line-oriented TCP connection with deadlines and an in-place STARTTLS upgrade: the transport of the SMTP,
 * IMAP and POP3 probes and of the test-mail sender. Hand-written instead of a mail library because the
 * probes need the exact stage a conversation broke at, every reply code and precise timing, and nothing
 * else (no pooling, no retries of its own).
 */
import net from 'node:net';
import tls from 'node:tls';

export class ConnError extends Error {
  /** connect | timeout | closed | tls | certChanged | reset */
  constructor(readonly code: string, message?: string) {
    super(message ?? code);
  }
}

export interface OpenOptions {
  timeoutMs: number;
  signal?: AbortSignal;
}

export class LineConn {
  private buf = '';
  private waiters: (() => void)[] = [];
  private ended: ConnError | undefined;

  private constructor(private sock: net.Socket) {
    this.attach(sock);
  }

  private attach(sock: net.Socket) {
    sock.setEncoding('utf8');
    sock.setNoDelay(true);
    sock.on('data', (d: string) => {
      this.buf += d;
      this.wake();
    });
    sock.on('error', (e: NodeJS.ErrnoException) => {
      this.ended ??= new ConnError(e.code === 'ECONNRESET' ? 'reset' : 'closed', e.message);
      this.wake();
    });
    sock.on('close', () => {
      this.ended ??= new ConnError('closed');
      this.wake();
    });
  }

  private wake() {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  static open(host: string, port: number, opts: OpenOptions): Promise<LineConn> {
    return new Promise((resolve, reject) => {
      if (opts.signal?.aborted) return reject(new ConnError('cancelled'));
      const sock = net.connect({ host, port });
      const fail = (e: ConnError) => {
        clearTimeout(timer);
        opts.signal?.removeEventListener('abort', onAbort);
        sock.destroy();
        reject(e);
      };
      const onAbort = () => fail(new ConnError('cancelled'));
      const timer = setTimeout(() => fail(new ConnError('timeout', `connect ${host}:${port}`)), opts.timeoutMs);
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      sock.once('error', (e) => fail(new ConnError('connect', e.message)));
      sock.once('connect', () => {
        clearTimeout(timer);
        opts.signal?.removeEventListener('abort', onAbort);
        sock.removeAllListeners('error');
        resolve(new LineConn(sock));
      });
    });
  }

  /** Next CRLF-terminated line without its terminator. */
  async readLine(deadline: number): Promise<string> {
    for (;;) {
      const i = this.buf.indexOf('\n');
      if (i >= 0) {
        const line = this.buf.slice(0, i).replace(/\r$/, '');
        this.buf = this.buf.slice(i + 1);
        return line;
      }
      if (this.ended) throw this.ended;
      await this.waitData(deadline);
    }
  }

  /** Exactly n characters (IMAP literals; the probes speak ASCII). */
  async readChars(n: number, deadline: number): Promise<string> {
    while (this.buf.length < n) {
      if (this.ended) throw this.ended;
      await this.waitData(deadline);
    }
    const s = this.buf.slice(0, n);
    this.buf = this.buf.slice(n);
    return s;
  }

  private waitData(deadline: number): Promise<void> {
    const left = deadline - Date.now();
    if (left <= 0) return Promise.reject(new ConnError('timeout'));
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== done);
        reject(new ConnError('timeout'));
      }, left);
      const done = () => {
        clearTimeout(t);
        resolve();
      };
      this.waiters.push(done);
    });
  }

  /** An SMTP reply: one or more lines "250-..." ending with "250 ...". */
  async readSmtpReply(deadline: number): Promise<{ code: number; lines: string[] }> {
    const lines: string[] = [];
    for (;;) {
      const l = await this.readLine(deadline);
      lines.push(l);
      const m = /^(\d{3})([ -])/.exec(l) ?? /^(\d{3})$/.exec(l);
      if (!m) throw new ConnError('protocol', `not an SMTP reply: ${l.slice(0, 80)}`);
      if (m[2] !== '-') return { code: Number(m[1]), lines };
    }
  }

  write(text: string): void {
    if (this.ended) throw this.ended;
    this.sock.write(text);
  }

  /**
   * Upgrades the connection after the server agreed to STARTTLS/STLS. `verify` sees the server certificate
   * before anything else is sent (the caller's pin check); throwing there ends the connection.
   */
  async startTls(opts: { servername?: string; timeoutMs: number; verify: (s: tls.TLSSocket) => void; session?: Buffer; onSecure?: (s: tls.TLSSocket) => void }): Promise<void> {
    if (this.buf.length) throw new ConnError('protocol', 'data after STARTTLS reply');
    const plain = this.sock;
    plain.removeAllListeners('data');
    plain.removeAllListeners('error');
    plain.removeAllListeners('close');
    const secure = await new Promise<tls.TLSSocket>((resolve, reject) => {
      const s = tls.connect({ socket: plain, rejectUnauthorized: false, ...(opts.servername ? { servername: opts.servername } : {}), ...(opts.session ? { session: opts.session } : {}) });
      opts.onSecure?.(s);
      const t = setTimeout(() => {
        s.destroy();
        reject(new ConnError('timeout', 'TLS handshake'));
      }, opts.timeoutMs);
      s.once('secureConnect', () => {
        clearTimeout(t);
        s.removeAllListeners('error');
        resolve(s);
      });
      s.once('error', (e) => {
        clearTimeout(t);
        reject(new ConnError('tls', e.message));
      });
    });
    try {
      opts.verify(secure);
    } catch (e) {
      secure.destroy();
      throw e instanceof ConnError ? e : new ConnError('certChanged', String(e));
    }
    this.sock = secure;
    this.attach(secure);
  }

  close(): void {
    this.sock.destroy();
  }
}
