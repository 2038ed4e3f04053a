/**
 * A connection target as stored in project files. Secrets (passwords, passphrases) are NEVER part of a target;
 * they are handed to connect() separately (see ConnectSecrets) and live only in memory.
 */
import { z } from 'zod';

export const authMethods = ['key', 'agent', 'password', 'keyboard-interactive'] as const;
export type AuthMethod = (typeof authMethods)[number];

export const authSchema = z
  .object({
    method: z.enum(authMethods),
    /** Private key file for method 'key' ('~/' is expanded). */
    keyPath: z.string().min(1).optional(),
  })
  .strict()
  .refine((a) => a.method !== 'key' || !!a.keyPath, { message: 'keyPath is required for key authentication', path: ['keyPath'] });

export interface Target {
  host: string;
  port: number;
  user: string;
  auth: z.infer<typeof authSchema>;
  /** Jump host (ProxyJump); may itself have a jump host. */
  jump?: Target;
}

// Host names / IPv4 / IPv6 literals; no spaces, no leading '-' (never to be mistaken for an option).
const hostSchema = z.string().min(1).max(253).regex(/^[A-Za-z0-9_.:%[\]-]+$/).refine((h) => !h.startsWith('-'), 'host must not start with -');
const userSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_.][A-Za-z0-9_.@-]*\$?$/);

export const targetSchema: z.ZodType<Target> = z.lazy(() =>
  z
    .object({
      host: hostSchema,
      port: z.number().int().min(1).max(65535).default(22),
      user: userSchema,
      auth: authSchema,
      jump: targetSchema.optional(),
    })
    .strict(),
) as unknown as z.ZodType<Target>;

/** Secrets for one hop (and its jump host), kept in memory only. */
export interface ConnectSecrets {
  password?: string;
  passphrase?: string;
  jump?: ConnectSecrets;
}

export function parseTarget(input: unknown): Target {
  return targetSchema.parse(input);
}

export function describeTarget(t: Target): string {
  return `${t.user}@${t.host}${t.port === 22 ? '' : `:${t.port}`}${t.jump ? ` via ${describeTarget(t.jump)}` : ''}`;
}
