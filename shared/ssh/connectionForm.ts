import { targetSchema, type AuthMethod, type Target } from './target';

/** One SSH hop as typed: everything is text until it validates. */
export interface HopForm {
  host: string;
  port: string;
  user: string;
  method: AuthMethod;
  keyPath: string;
}

export const secretKinds = ['password', 'passphrase', 'sudo', 'jumpPassword', 'jumpPassphrase'] as const;
export type SecretKind = (typeof secretKinds)[number];

export interface ConnForm {
  hop: HopForm;
  useJump: boolean;
  jump: HopForm;
  /** Typed secrets; sent to main with secrets.set and then cleared, never part of the project. */
  secrets: Record<SecretKind, string>;
  remember: boolean;
}

const emptyHop = (): HopForm => ({ host: '', port: '22', user: '', method: 'key', keyPath: '~/.ssh/id_ed25519' });

export function emptyConnForm(): ConnForm {
  return { hop: emptyHop(), useJump: false, jump: emptyHop(), secrets: { password: '', passphrase: '', sudo: '', jumpPassword: '', jumpPassphrase: '' }, remember: false };
}

function hopFrom(t: Target): HopForm {
  return { host: t.host, port: String(t.port), user: t.user, method: t.auth.method, keyPath: t.auth.keyPath ?? '' };
}

export function formFromTarget(t: Target | undefined): ConnForm {
  const f = emptyConnForm();
  if (!t) return f;
  return { ...f, hop: hopFrom(t), useJump: !!t.jump, jump: t.jump ? hopFrom(t.jump) : f.jump };
}

function hopToInput(h: HopForm): Record<string, unknown> {
  const port = h.port.trim() === '' ? NaN : Number(h.port.trim());
  return {
    host: h.host.trim(),
    port,
    user: h.user.trim(),
    auth: h.method === 'key' ? { method: 'key', ...(h.keyPath.trim() ? { keyPath: h.keyPath.trim() } : {}) } : { method: h.method },
  };
}

/** Field paths of the form ('host', 'jump.port', 'keyPath' ...) to anaui validation keys. */
export type ConnErrors = Record<string, string>;

/** Validates with the shared target schema; errors are i18n keys per form field. */
export function formToTarget(form: ConnForm): { target?: Target; errors: ConnErrors } {
  const input = { ...hopToInput(form.hop), ...(form.useJump ? { jump: hopToInput(form.jump) } : {}) };
  const r = targetSchema.safeParse(input);
  if (r.success) return { target: r.data, errors: {} };
  const errors: ConnErrors = {};
  for (const issue of r.error.issues) {
    const path = issue.path.map(String);
    const prefix = path[0] === 'jump' ? 'jump.' : '';
    const rest = path[0] === 'jump' ? path.slice(1) : path;
    const field = rest[0] === 'auth' ? 'keyPath' : (rest[0] ?? 'host');
    const raw = field === 'keyPath' ? '' : String((prefix ? form.jump : form.hop)[field as 'host' | 'port' | 'user'] ?? '').trim();
    const key = raw === '' ? 'anaui:validation.required' : `anaui:validation.${field}`;
    errors[prefix + field] ??= key;
  }
  return { errors };
}
