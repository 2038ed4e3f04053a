// A minimal QMP (qemu monitor protocol) client over the VM's unix socket: power button, NIC link state.
// It works whatever the guest's network or SSH is doing, which is the point for failure primitives.
import { connect } from 'node:net';

interface QmpReply {
  return?: unknown;
  error?: { class: string; desc: string };
  event?: string;
  QMP?: unknown;
}

/** Run one QMP command (after the capabilities handshake) and resolve with its return value. */
export function qmp(socket: string, execute: string, args?: Record<string, unknown>, timeoutMs = 10_000): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const s = connect(socket);
    let buf = '';
    let step = 0;
    const t = setTimeout(() => {
      s.destroy();
      reject(new Error(`QMP ${execute} on ${socket} timed out`));
    }, timeoutMs);
    const fail = (e: Error): void => {
      clearTimeout(t);
      s.destroy();
      reject(e);
    };
    s.on('error', (e) => fail(new Error(`QMP ${socket}: ${e.message}`)));
    s.on('data', (d) => {
      buf += d.toString('utf8');
      let i: number;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i).trim();
        buf = buf.slice(i + 1);
        if (!line) continue;
        const msg = JSON.parse(line) as QmpReply;
        if (msg.event) continue;
        if (msg.error) return fail(new Error(`QMP ${execute}: ${msg.error.class}: ${msg.error.desc}`));
        if (step === 0 && msg.QMP) {
          step = 1;
          s.write(JSON.stringify({ execute: 'qmp_capabilities' }) + '\n');
        } else if (step === 1) {
          step = 2;
          s.write(JSON.stringify(args ? { execute, arguments: args } : { execute }) + '\n');
        } else if (step === 2) {
          clearTimeout(t);
          s.end();
          resolve(msg.return);
        }
      }
    });
  });
}
