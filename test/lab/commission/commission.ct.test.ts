/**
 * Commissioning on the ct lab (nspawn containers): the analysed legacy server plus a bare secondary and the
 * witness become a cluster on the shared LUN, with qdevice and no fencing (a recorded risk acceptance: the
 * containers have no watchdog). The common suite (commissionSuite.ts): dry run, rollback before the cut-over,
 * full run, every mail over IMAP on the VIP, a new mail, standby. Its uninterrupted run's state dump goes to
 * MHS_COMMISSION_REFERENCE for the interrupt-and-resume hook. Leaves the commissioned cluster for the
 * failover and documents hooks. Needs a fresh lab (MHS_LAB_FRESH=1 takes it down and up first).
 */
import { describe } from 'vitest';
import { commissioningSuite } from './commissionSuite';

describe('commissioning the ct lab (shared LUN, qdevice, no fencing)', () => {
  commissioningSuite(
    'ct',
    ['legacy', 'secondary', 'witness'],
    (st) => ['replication=shared', 'quorum=qdevice', 'fencing=none', 'risk.by=Lea Auszubildende', 'risk.reason=Laborcluster in Containern ohne Watchdog', `shared.device=${st.sharedDisk!.nodeDevice}`],
    true,
    ['hardening.rootLogin@witness'],
  );
});
