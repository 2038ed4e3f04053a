// Writes the failover lab project for the running lab (LAB_TIER, MHS_LAB_INSTANCE) to the file given:
//   MHS_LAB_INSTANCE=3 LAB_TIER=ct npx tsx test/lab/failover/writeLabProject.ts /tmp/lab.mhs.json
import { writeFileSync } from 'node:fs';
import { serializeProject } from '../../../shared/project/parse';
import { failoverLabProject } from './labProject';
import { lab } from './labContext';

const file = process.argv[2];
if (!file) throw new Error('usage: writeLabProject.ts FILE');
writeFileSync(file, serializeProject(failoverLabProject(lab())));
process.stderr.write(`${file}\n`);
