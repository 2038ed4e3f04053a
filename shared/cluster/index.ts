/** Cluster status: pure parsers of the cluster tools' output, and the one command that collects it. */
export { CLUSTER_STATUS_COMMAND, CLUSTER_UNITS, parseClusterStatusOutput, splitMarkedSections, summarizeCluster } from './collect';
export { emptyPacemakerStatus, parseCrmMonXml, vipResource } from './crmMon';
export { drbdHealthy, parseDrbdadmStatus, parseDrbdStatus, parseProcDrbd } from './drbdStatus';
export { parseQuorumTool } from './quorumTool';
export * from './statusSchema';
