import type { Protocol } from '../../../shared/failover/protocols';
import { probeImap } from './imap';
import { probePop3 } from './pop3';
import { probeSmtp, probeSubmission } from './smtp';
import { probeSql } from './sql';
import type { ProbeDef } from './types';

export const probeDefs: Record<Protocol, ProbeDef> = {
  smtp: { protocol: 'smtp', needsCredentials: false, run: probeSmtp },
  submission: { protocol: 'submission', needsCredentials: true, run: probeSubmission },
  imap: { protocol: 'imap', needsCredentials: true, run: probeImap },
  pop3: { protocol: 'pop3', needsCredentials: true, run: probePop3 },
  sql: { protocol: 'sql', needsCredentials: true, run: probeSql },
};

export type { Credentials, Endpoint, ProbeContext, ProbeResult } from './types';
