import { describe, expect, it } from 'vitest';
import { emptyConnForm, formFromTarget, formToTarget, type ConnForm } from './connectionForm';

const form = (hop: Partial<ConnForm['hop']>, jump?: Partial<ConnForm['jump']>): ConnForm => {
  const f = emptyConnForm();
  return { ...f, hop: { ...f.hop, ...hop }, ...(jump ? { useJump: true, jump: { ...f.jump, ...jump } } : {}) };
};

describe('connection form', () => {
  it('a typed host with key login becomes a target; spaces around the values are trimmed', () => {
    const r = formToTarget(form({ host: ' mail.example.org ', user: ' root ', port: '2222', keyPath: '~/.ssh/id_ed25519' }));
    expect(r).toEqual({ target: { host: 'mail.example.org', port: 2222, user: 'root', auth: { method: 'key', keyPath: '~/.ssh/id_ed25519' } }, errors: {} });
  });

  it('empty fields say "required", bad ones name the field; jump host errors carry the jump. prefix', () => {
    expect(formToTarget(form({ host: '', user: '' })).errors).toEqual({ host: 'anaui:validation.required', user: 'anaui:validation.required' });
    expect(formToTarget(form({ host: '-oProxyCommand=x', user: 'root' })).errors).toEqual({ host: 'anaui:validation.host' });
    expect(formToTarget(form({ host: 'a', user: 'root', port: '70000' })).errors).toEqual({ port: 'anaui:validation.port' });
    expect(formToTarget(form({ host: 'a', user: 'root', keyPath: '' })).errors).toEqual({ keyPath: 'anaui:validation.required' });
    expect(formToTarget(form({ host: 'a', user: 'root' }, { host: 'bastion', user: 'bad user' })).errors).toEqual({ 'jump.user': 'anaui:validation.user' });
  });

  it('a stored target fills the form again, jump host included, and survives the round trip', () => {
    const target = { host: '10.0.0.5', port: 22, user: 'admin', auth: { method: 'password' as const }, jump: { host: 'bastion', port: 2200, user: 'hop', auth: { method: 'agent' as const } } };
    const f = formFromTarget(target);
    expect(f.useJump).toBe(true);
    expect(f.jump).toMatchObject({ host: 'bastion', port: '2200', method: 'agent' });
    expect(formToTarget(f).target).toEqual(target);
    expect(formFromTarget(undefined)).toEqual(emptyConnForm());
  });
});
