/** The service protocols the probes measure on the service address (VIP), in the order the UI shows them. */
export const protocols = ['smtp', 'submission', 'imap', 'pop3', 'sql'] as const;
export type Protocol = (typeof protocols)[number];

/** Standard ports on a production VIP; the lab relays them to other loopback ports. */
export const defaultPorts: Record<Protocol, number> = { smtp: 25, submission: 587, imap: 143, pop3: 110, sql: 3306 };

/** How often every probe starts an attempt (the 200 ms). */
export const PROBE_INTERVAL_MS = 200;
/** How long one attempt may take by default: a busy server (or laptop) may take seconds for one TLS login; the
 *  interval, not the timeout, sets the resolution. */
export const PROBE_TIMEOUT_MS = 5000;
