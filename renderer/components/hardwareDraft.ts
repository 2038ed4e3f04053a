import type { DiskType, RaidLevel } from '../../shared/planning/hardwareSchema';

/** A server's hardware as typed so far in a form; numbers stay undefined until entered. */
export interface HardwareDraft {
  cpuModel: string;
  cores?: number;
  threads?: number;
  ramGb?: number;
  diskCount?: number;
  diskSizeGb?: number;
  diskType: DiskType;
  raidLevel: RaidLevel;
  nicCount?: number;
  nicGbps?: number;
}
