/** All collectors in the order they run (cheap and unprivileged first, the mail log last). */
import type { Collector } from '../collector.js';
import { cluster } from './cluster.js';
import { data } from './data.js';
import { dovecot } from './dovecot.js';
import { hardware } from './hardware.js';
import { mariadb } from './mariadb.js';
import { maillog } from './maillog.js';
import { os } from './os.js';
import { postfix } from './postfix.js';
import { services } from './services.js';
import { storage } from './storage.js';

export const collectors: readonly Collector[] = [hardware, os, storage, services, postfix, dovecot, mariadb, cluster, data, maillog];

export function collectorById(id: string): Collector | undefined {
  return collectors.find((c) => c.id === id);
}
