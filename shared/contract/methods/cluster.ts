/** The cluster status view: nodes, quorum, resources and where they run, DRBD, fencing, failed actions. */
import { z } from 'zod';
import { ClusterStatusSchema } from '../../cluster/statusSchema';
import { ProjectSchema } from '../../project/schema';
import { method } from '../define';
import { AcceptHostKeySchema } from './analysis';

export const clusterMethods = {
  /** Read-only, over SSH to every cluster node and the witness of project.hosts; a node that does not answer is listed with its error. */
  'cluster.status': method(
    z.object({ runId: z.string().uuid(), projectId: z.string().uuid(), project: ProjectSchema, acceptHostKeys: z.array(AcceptHostKeySchema).max(64).default([]) }).strict(),
    ClusterStatusSchema,
  ),
};
