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
  return figure(value, 'sectors', 'drbdMetadataSectors', { sectors: Cs, peers });
}

export function drbdMetadataGb(capacityBytes: number, peers: number): Figure {
  const sectors = drbdMetadataSectors(capacityBytes, peers).value;
  return figure((sectors * SECTOR) / GB, 'GB', 'drbdMetadataGb', { metadataSectors: sectors });
}

/** Bitmap: 1 bit per 4 KiB block per peer, held in RAM too (32 MiB per TiB per peer). */
export function drbdBitmapMiB(capacityBytes: number, peers: number): Figure {
  const value = ((Math.ceil(capacityBytes / 4096) / 8) * peers) / MiB;
  return figure(value, 'MiB', 'drbdBitmap', { volumeBytes: capacityBytes, peers });
}

/** Effective replication throughput: min(disk, network) less the DRBD overhead (< 3 %); says which of the two limits it. */
export function syncThroughput(diskMBps: number, linkGbps: number, mbpsPerGbps: number, overheadPct: number): Figure & { bound: 'disk' | 'network' } {
  const net = linkGbps * mbpsPerGbps;
  const value = Math.min(diskMBps, net) * (1 - overheadPct / 100);
  const f = figure(value, 'MB/s', 'drbdSyncThroughput', { arrayMBps: diskMBps, linkGbps, mbpsPerGbps, drbdOverheadPct: overheadPct });
  return { ...f, bound: diskMBps <= net ? 'disk' : 'network' };
}

/** Initial full sync copies every block of the device, used or not. */
export function initialSyncHours(capacityBytes: number, throughputMBps: number): Figure {
  const value = capacityBytes / MB / throughputMBps / 3600;
  return figure(value, 'h', 'drbdInitialSync', { volumeGb: capacityBytes / GB, syncMBps: throughputMBps });
}

/** A fixed resync rate of about 30 % of what replication can move leaves room for the live writes. */
export function resyncRate(syncMBps: number, sharePct: number): Figure {
  return figure(syncMBps * (sharePct / 100), 'MB/s', 'drbdResyncRate', { syncMBps, resyncSharePct: sharePct });
}
