/**
 * Certificate pinning for one test run. Mail servers often have self-signed certificates and the probes
 * connect to an address that is not the certificate's name (a VIP, a lab relay), so system CA checks would
 * refuse most clusters. Instead the first certificate each endpoint shows is trusted for the run (like an SSH
 * host key on first contact) and every later handshake must show the same one before a password is sent.
 * A different certificate after a failover is a finding of its own: the nodes do not share their TLS material.
 */
import type tls from 'node:tls';
import { ConnError } from './lineConn';

export interface Pin {
  fingerprint256: string;
  subject: string;
  selfSigned: boolean;
  pem: string;
}

function toPem(der: Buffer): string {
  const b64 = der.toString('base64').replace(/(.{64})/g, '$1\n');
  return `-----BEGIN CERTIFICATE-----\n${b64}${b64.endsWith('\n') ? '' : '\n'}-----END CERTIFICATE-----\n`;
}

export class TlsPins {
  private readonly pins = new Map<string, Pin>();
  /** The newest TLS session per endpoint: resuming it spares a full handshake five times a second per probe. */
  private readonly sessions = new Map<string, Buffer>();
  /** Endpoints whose certificate changed during the run, with the new fingerprint. */
  readonly changed = new Map<string, { expected: string; seen: string; at: number }>();

  get(key: string): Pin | undefined {
    return this.pins.get(key);
  }

  session(key: string): Buffer | undefined {
    return this.sessions.get(key);
  }

  /** Keeps the sessions the server hands out (TLS 1.3 sends its tickets after the handshake). */
  watch(key: string, s: tls.TLSSocket): void {
    s.on('session', (session: Buffer) => this.sessions.set(key, session));
  }

  /** Pins on first contact, refuses a different certificate afterwards (throws certChanged). */
  check(key: string, s: tls.TLSSocket): void {
    // A resumed session was made with a server that showed the pinned certificate (it holds its key).
    if (s.isSessionReused() && this.pins.has(key)) return;
    const cert = s.getPeerCertificate(true);
    if (!cert || !cert.fingerprint256) throw new ConnError('tls', 'no server certificate');
    const pin = this.pins.get(key);
    if (!pin) {
      const issuer = cert.issuer ? JSON.stringify(cert.issuer) : '';
      const subject = cert.subject ? JSON.stringify(cert.subject) : '';
      this.pins.set(key, { fingerprint256: cert.fingerprint256, subject: String(cert.subject?.CN ?? subject), selfSigned: issuer === subject, pem: toPem(cert.raw) });
      return;
    }
    if (pin.fingerprint256 !== cert.fingerprint256) {
      if (!this.changed.has(key)) this.changed.set(key, { expected: pin.fingerprint256, seen: cert.fingerprint256, at: Date.now() });
      throw new ConnError('certChanged', `${key}: ${cert.fingerprint256}`);
    }
  }

  /** Options for a TLS client we do not drive ourselves (imapflow): trust exactly the pinned certificate. */
  nodeOptions(key: string): tls.ConnectionOptions {
    const pin = this.pins.get(key);
    if (!pin) throw new ConnError('tls', `no certificate pinned for ${key}`);
    const checkServerIdentity = (_host: string, cert: tls.PeerCertificate) =>
      cert.fingerprint256 === pin.fingerprint256 ? undefined : new ConnError('certChanged', `${key}: ${cert.fingerprint256}`);
    // A self-signed certificate is its own trust anchor; a CA-signed one is checked by the system CAs and the pin.
    return pin.selfSigned ? { ca: [pin.pem], checkServerIdentity, rejectUnauthorized: true } : { checkServerIdentity, rejectUnauthorized: true };
  }
}
