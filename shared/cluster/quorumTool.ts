/**
 * `corosync-quorumtool -s` (corosync 3) -> QuorumStatus. Pure, never throws; reads the "Key: value" lines
 * and the membership table (with or without the Qdevice column).
 */
import type { QuorumStatus } from './statusSchema';

function intOf(s: string | undefined): number | undefined {
  const m = /^\s*(\d+)/.exec(s ?? '');
  return m ? Number(m[1]) : undefined;
}

export function parseQuorumTool(text: string): QuorumStatus {
  const out: QuorumStatus = { flags: [], members: [], problems: [] };
  if (typeof text !== 'string' || !text.trim()) return { ...out, problems: ['corosync-quorumtool gave no output'] };
  const kv = new Map<string, string>();
  let inMembers = false;
  let hasQdeviceColumn = false;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (/^\s*Nodeid\s+Votes\b/.test(line)) {
      inMembers = true;
      hasQdeviceColumn = /\bQdevice\b/.test(line);
      continue;
    }
    if (inMembers) {
      // "         1          1    A,V,NMW node1 (local)" / "         0          1            Qdevice"
      const m = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line);
      if (!m) {
        if (line.trim() === '') continue;
        inMembers = false;
      } else {
        let rest = m[3]!.trim();
        let qdeviceFlags: string | undefined;
        if (hasQdeviceColumn) {
          const f = /^([A-Z]+(?:,[A-Z]+)*)\s+(.*)$/.exec(rest);
          if (f && f[2]) {
            qdeviceFlags = f[1];
            rest = f[2];
          }
        }
        const local = /\(local\)\s*$/.test(rest);
        let name = rest.replace(/\s*\(local\)\s*$/, '').trim();
        const nodeId = Number(m[1]);
        // The qdevice's row: "Qdevice", or "Qdevice (votes 1)" while it gives fewer votes than configured.
        const qd = nodeId === 0 ? /^Qdevice(?:\s*\(votes (\d+)\))?$/i.exec(name) : null;
        if (qd) name = 'Qdevice';
        out.members.push({ nodeId, votes: Number(m[2]), name, local, qdevice: !!qd, ...(qd?.[1] ? { configuredVotes: Number(qd[1]) } : {}), ...(qdeviceFlags ? { qdeviceFlags } : {}) });
        continue;
      }
    }
    const m = /^([A-Za-z][A-Za-z ]*?):\s*(.*?)\s*$/.exec(line);
    if (m) kv.set(m[1]!.toLowerCase(), m[2]!);
  }
  const quorate = kv.get('quorate');
  if (quorate !== undefined) out.quorate = /^yes$/i.test(quorate);
  const set = <K extends 'nodes' | 'nodeId' | 'expectedVotes' | 'totalVotes' | 'quorum'>(k: K, key: string) => {
    const v = intOf(kv.get(key));
    if (v !== undefined) out[k] = v;
  };
  set('nodes', 'nodes');
  set('nodeId', 'node id');
  set('expectedVotes', 'expected votes');
  set('totalVotes', 'total votes');
  set('quorum', 'quorum');
  const ring = kv.get('ring id');
  if (ring) out.ringId = ring;
  out.flags = (kv.get('flags') ?? '').split(/\s+/).filter(Boolean);
  if (out.quorate === undefined && out.flags.includes('Quorate')) out.quorate = true;
  if (!kv.size && !out.members.length) out.problems.push('not corosync-quorumtool output');
  return out;
}
