import { describe, expect, it } from 'vitest';
import { describeTarget, parseTarget } from './target';

describe('target schema', () => {
  it('parses a target with a nested jump host and defaults the port', () => {
    const t = parseTarget({ host: 'mx1.example.com', user: 'root', auth: { method: 'agent' }, jump: { host: 'bastion', port: 2222, user: 'ops', auth: { method: 'key', keyPath: '~/.ssh/id_ed25519' } } });
    expect(t.port).toBe(22);
    expect(t.jump?.port).toBe(2222);
    expect(describeTarget(t)).toBe('root@mx1.example.com via ops@bastion:2222');
  });

  it('rejects secrets, missing keyPath, bad hosts and ports', () => {
    expect(() => parseTarget({ host: 'a', user: 'u', auth: { method: 'password' }, password: 'x' })).toThrow();
    expect(() => parseTarget({ host: 'a', user: 'u', auth: { method: 'password', password: 'x' } })).toThrow();
    expect(() => parseTarget({ host: 'a', user: 'u', auth: { method: 'key' } })).toThrow(/keyPath/);
    expect(() => parseTarget({ host: '-oProxyCommand=x', user: 'u', auth: { method: 'agent' } })).toThrow();
    expect(() => parseTarget({ host: 'a b', user: 'u', auth: { method: 'agent' } })).toThrow();
    expect(() => parseTarget({ host: 'a', port: 70000, user: 'u', auth: { method: 'agent' } })).toThrow();
    expect(() => parseTarget({ host: 'a', user: 'u', auth: { method: 'telnet' } })).toThrow();
    expect(() => parseTarget({ host: 'a', user: 'u', auth: { method: 'agent' }, jump: { host: 'b', user: 'v', auth: { method: 'key' } } })).toThrow();
  });
});
