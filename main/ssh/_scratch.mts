import { Client } from 'ssh2';
const [port, user, pw] = process.argv.slice(2);
const c = new Client();
c.on('ready', () => { c.exec('echo start; sleep 30; echo end', (e, s) => {
  const t0 = Date.now();
  s.on('data', (d: Buffer) => process.stdout.write(d));
  s.on('exit', (...a: unknown[]) => console.log('exit', a, Date.now() - t0));
  s.on('close', () => { console.log('close', Date.now() - t0); c.exec('pgrep -u mhs-pw -a sleep; echo rc=$?', (e2, s2) => { s2.on('data', (d: Buffer) => process.stdout.write(d)); s2.on('close', () => c.end()); }); });
  setTimeout(() => { console.log('signal ->', s.signal('KILL')); }, 500);
}); });
c.on('error', (e) => console.log('error', e.message));
c.connect({ host: '127.0.0.1', port: +port, username: user, hostVerifier: () => true, authHandler: [{ type: 'password', username: user, password: pw }] as any });
