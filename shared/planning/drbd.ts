import { figure, type Figure } from './trace';

/** Bytes per decimal GB (disk vendors) and per MiB/GiB/TiB (DRBD, RAM). */
export const GB = 1e9;
export const MB = 1e6;
export const MiB = 2 ** 20;
export const GiB = 2 ** 30;
export const SECTOR = 512;

/**
 * DRBD internal meta-data size (LINBIT user guide): ceil(Cs / 2^18) * 8 * N + 72 sectors,
 * Cs = data device size in 512-byte sectors, N = number of peers.
 */
export function drbdMetadataSectors(capacityBytes: number, peers: number): Figure {
  const Cs = Math.ceil(capacityBytes / SECTOR);
  const value = Math.ceil(Cs / 2 ** 18) * 8 * peers + 72;
  return figure(value, 'sectors', 'ceil(Cs/2^18)*8*N+72', { Cs, N: peers });
}

export function drbdMetadataGb(capacityBytes: number, peers: number): Figure {
  const sectors = drbdMetadataSectors(capacityBytes, peers).value;
  return figure((sectors * SECTOR) / GB, 'GB', '(ceil(Cs/2^18)*8*N+72)*512/10^9', {
    Cs: Math.ceil(capacityBytes / SECTOR),
    N: peers,
    sectors,
  });
}

/** Bitmap: 1 bit per 4 KiB block per peer, held in RAM too (32 MiB per TiB per peer). */
export function drbdBitmapMiB(capacityBytes: number, peers: number): Figure {
  const value = ((Math.ceil(capacityBytes / 4096) / 8) * peers) / MiB;
  return figure(value, 'MiB', 'ceil(C/4096)/8*N/2^20', { C: capacityBytes, N: peers });
}

/** Effective replication throughput: min(disk, network) less the DRBD overhead (< 3 %). */
export function syncThroughput(diskMBps: number, linkGbps: number, mbpsPerGbps: number, overheadPct: number): Figure {
  const net = linkGbps * mbpsPerGbps;
  const value = Math.min(diskMBps, net) * (1 - overheadPct / 100);
  return figure(value, 'MB/s', 'min(Tdisk, L*k)*(1-o)', { Tdisk: diskMBps, L: linkGbps, k: mbpsPerGbps, o: overheadPct / 100 });
}

/** Initial full sync copies every block of the device, used or not. */
export function initialSyncHours(capacityBytes: number, throughputMBps: number): Figure {
  const value = capacityBytes / MB / throughputMBps / 3600;
  return figure(value, 'h', 'C/10^6/T/3600', { C: capacityBytes, T: throughputMBps });
}

/** A fixed resync rate of about 30 % of the link leaves room for the replication of live writes. */
export function resyncRate(linkGbps: number, mbpsPerGbps: number, sharePct: number): Figure {
  const value = linkGbps * mbpsPerGbps * (sharePct / 100);
  return figure(value, 'MB/s', 'L*k*s', { L: linkGbps, k: mbpsPerGbps, s: sharePct / 100 });
}
