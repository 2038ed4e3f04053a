import { dryRunCommission, runCommission } from '../../commission/commissionRuns';
import type { Handler } from '../types';
import { planFor } from './planSource';

export const commissionDryRun: Handler<'commission.dryRun'> = async ({ mode, withChecks, ...req }, ctx) =>
  dryRunCommission(ctx, { ...req, plan: planFor(req.project) }, mode, withChecks);

export const commissionRun: Handler<'commission.run'> = async (req, ctx) => runCommission(ctx, { ...req, plan: planFor(req.project) }, 'run');

export const commissionRollback: Handler<'commission.rollback'> = async (req, ctx) => runCommission(ctx, { ...req, plan: planFor(req.project) }, 'rollback');
