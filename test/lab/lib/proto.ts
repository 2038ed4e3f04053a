// Minimal real SMTP / IMAP / POP3 clients over node:net and node:tls for the lab (mail history while
// building, smoke tests). They speak the protocols on the wire; nothing is simulated.
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';

export class LineConn {
  private buf = '';
  private lines: string[] = [];
  private wake: (() => void) | undefined;
  private ended: Error | undefined;
  private readonly onData = (d: Buffer): void => {
    this.buf += d.toString('latin1');
    let i: number;
    while ((i = this.buf.indexOf('\n')) >= 0) {
      this.lines.push(this.buf.slice(0, i).replace(/\r$/, ''));
      this.buf = this.buf.slice(i + 1);
    }
    this.wake?.();
  };
  private readonly onEnd = (e?: Error): void => {
    this.ended = e ?? new Error('connection closed');
    this.wake?.();
  };
  private readonly onClose = (): void => this.onEnd();

  private constructor(public sock: Socket | TLSSocket, private readonly timeoutMs: number) {
    this.attach(sock);
  }

  private attach(s: Socket | TLSSocket): void {
    s.on('data', this.onData);
    s.on('error', this.onEnd);
    s.on('close', this.onClose);
  }

  private detach(s: Socket | TLSSocket): void {
    s.off('data', this.onData);
    s.off('error', this.onEnd);
    s.off('close', this.onClose);
  }

  static open(host: string, port: number, opts: { tls?: boolean; timeoutMs?: number; servername?: string } = {}): Promise<LineConn> {
    const timeoutMs = opts.timeoutMs ?? 30_000;
    return new Promise((resolve, reject) => {
      const s = opts.tls
        ? tlsConnect({ host, port, rejectUnauthorized: false, servername: opts.servername ?? 'mail.example-gmbh.test' })
        : netConnect({ host, port });
      const t = setTimeout(() => {
        s.destroy();
        reject(new Error(`connect ${host}:${port} timed out`));
      }, timeoutMs);
      s.once(opts.tls ? 'secureConnect' : 'connect', () => {
        clearTimeout(t);
        s.off('error', onErr);
        resolve(new LineConn(s, timeoutMs));
      });
      const onErr = (e: Error): void => {
        clearTimeout(t);
        reject(e);
      };
      s.once('error', onErr);
    });
  }

  async line(): Promise<string> {
    const end = Date.now() + this.timeoutMs;
    while (this.lines.length === 0) {
      if (this.ended) throw this.ended;
      const left = end - Date.now();
      if (left <= 0) throw new Error('timed out waiting for a reply line');
      await new Promise<void>((r) => {
        const t = setTimeout(r, left);
        this.wake = () => {
          clearTimeout(t);
          r();
        };
      });
      this.wake = undefined;
    }
    return this.lines.shift() as string;
  }

  write(s: string): void {
    this.sock.write(s, 'latin1');
  }

  /** Switch the connection to TLS after a STARTTLS/STLS exchange. */
  async startTls(servername = 'mail.example-gmbh.test'): Promise<{ protocol: string | null; cert: string }> {
    const plain = this.sock;
    this.detach(plain);
    const t = tlsConnect({ socket: plain as Socket, rejectUnauthorized: false, servername });
    await new Promise<void>((resolve, reject) => {
      t.once('secureConnect', () => resolve());
      t.once('error', reject);
    });
    this.sock = t;
    this.buf = '';
    this.lines = [];
    this.attach(t);
    const cn = t.getPeerCertificate().subject?.CN;
    return { protocol: t.getProtocol(), cert: Array.isArray(cn) ? cn.join(',') : (cn ?? '') };
  }

  get isTls(): boolean {
    return 'encrypted' in this.sock && (this.sock as TLSSocket).encrypted === true;
  }

  close(): void {
    this.sock.destroy();
  }
}

// ---------------------------------------------------------------- SMTP

export interface SmtpReply {
  code: number;
  lines: string[];
}

export class Smtp {
  constructor(readonly c: LineConn) {}

  static async open(host: string, port: number, opts: { tls?: boolean; timeoutMs?: number } = {}): Promise<{ smtp: Smtp; banner: SmtpReply }> {
    const smtp = new Smtp(await LineConn.open(host, port, opts));
    const banner = await smtp.reply();
    if (banner.code !== 220) throw new Error(`SMTP banner: ${banner.lines.join(' | ')}`);
    return { smtp, banner };
  }

  async reply(): Promise<SmtpReply> {
    const lines: string[] = [];
    for (;;) {
      const l = await this.c.line();
      lines.push(l);
      if (/^\d{3} /.test(l) || /^\d{3}$/.test(l)) return { code: Number(l.slice(0, 3)), lines };
      if (!/^\d{3}-/.test(l)) throw new Error(`bad SMTP reply line: ${l}`);
    }
  }

  async cmd(line: string, expect?: number | number[]): Promise<SmtpReply> {
    this.c.write(`${line}\r\n`);
    const r = await this.reply();
    const ok = expect === undefined ? true : Array.isArray(expect) ? expect.includes(r.code) : r.code === expect;
    if (!ok) throw new Error(`SMTP "${line.startsWith('AUTH') ? 'AUTH ...' : line}" -> ${r.lines.join(' | ')}`);
    return r;
  }

  async ehlo(name: string): Promise<string[]> {
    const r = await this.cmd(`EHLO ${name}`, 250);
    return r.lines.map((l) => l.slice(4));
  }

  async startTls(name: string): Promise<void> {
    await this.cmd('STARTTLS', 220);
    await this.c.startTls();
    await this.ehlo(name);
  }

  async authPlain(user: string, pass: string): Promise<void> {
    const tok = Buffer.from(`\0${user}\0${pass}`, 'utf8').toString('base64');
    await this.cmd(`AUTH PLAIN ${tok}`, 235);
  }

  /** Send one message; returns the server's reply to the end of DATA (contains the queue id) or the rejection. */
  async send(from: string, to: string[], data: string): Promise<{ accepted: string[]; rejected: string[]; reply?: SmtpReply }> {
    await this.cmd(`MAIL FROM:<${from}>`, 250);
    const accepted: string[] = [];
    const rejected: string[] = [];
    for (const r of to) {
      const rep = await this.cmd(`RCPT TO:<${r}>`);
      (rep.code === 250 || rep.code === 251 ? accepted : rejected).push(r);
    }
    if (accepted.length === 0) {
      await this.cmd('RSET', 250);
      return { accepted, rejected };
    }
    await this.cmd('DATA', 354);
    const body = data.replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..');
    this.c.write(body.endsWith('\r\n') ? body : `${body}\r\n`);
    const reply = await this.cmd('.', 250);
    return { accepted, rejected, reply };
  }

  async quit(): Promise<void> {
    try {
      await this.cmd('QUIT');
    } finally {
      this.c.close();
    }
  }
}

export const queueIdOf = (r: SmtpReply | undefined): string | undefined => r?.lines.join(' ').match(/queued as ([0-9A-Za-z]+)/)?.[1];

// ---------------------------------------------------------------- IMAP

export class Imap {
  private tag = 0;
  constructor(readonly c: LineConn) {}

  static async open(host: string, port: number, tls = true): Promise<{ imap: Imap; greeting: string }> {
    const imap = new Imap(await LineConn.open(host, port, { tls }));
    const greeting = await imap.c.line();
    if (!greeting.startsWith('* OK')) throw new Error(`IMAP greeting: ${greeting}`);
    return { imap, greeting };
  }

  /** Run a command; returns untagged lines (literals included inline) and throws unless the status is OK. */
  async cmd(command: string): Promise<string[]> {
    const t = `a${++this.tag}`;
    this.c.write(`${t} ${command}\r\n`);
    const out: string[] = [];
    for (;;) {
      const l = await this.c.line();
      if (l.startsWith(`${t} `)) {
        if (!l.startsWith(`${t} OK`)) throw new Error(`IMAP ${command.startsWith('LOGIN') ? 'LOGIN' : command}: ${l}`);
        return out;
      }
      out.push(l);
    }
  }

  login(user: string, pass: string): Promise<string[]> {
    const q = (s: string): string => `"${s.replace(/(["\\])/g, '\\$1')}"`;
    return this.cmd(`LOGIN ${q(user)} ${q(pass)}`);
  }

  async logout(): Promise<void> {
    try {
      await this.cmd('LOGOUT');
    } catch {
      /* server closes */
    } finally {
      this.c.close();
    }
  }
}

// ---------------------------------------------------------------- POP3

export class Pop3 {
  constructor(readonly c: LineConn) {}

  static async open(host: string, port: number, tls = true): Promise<{ pop: Pop3; greeting: string }> {
    const pop = new Pop3(await LineConn.open(host, port, { tls }));
    const greeting = await pop.c.line();
    if (!greeting.startsWith('+OK')) throw new Error(`POP3 greeting: ${greeting}`);
    return { pop, greeting };
  }

  async cmd(command: string): Promise<string> {
    this.c.write(`${command}\r\n`);
    const l = await this.c.line();
    if (!l.startsWith('+OK')) throw new Error(`POP3 ${command.startsWith('PASS') ? 'PASS' : command}: ${l}`);
    return l;
  }

  /** A multi-line response (after +OK) up to the terminating dot, un-dot-stuffed. */
  async multi(command: string): Promise<string[]> {
    await this.cmd(command);
    const out: string[] = [];
    for (;;) {
      const l = await this.c.line();
      if (l === '.') return out;
      out.push(l.startsWith('..') ? l.slice(1) : l);
    }
  }

  async quit(): Promise<void> {
    try {
      await this.cmd('QUIT');
    } finally {
      this.c.close();
    }
  }
}
