import { PlannedStep } from '../PlannedStep';

export function FailoverStep() {
  return <PlannedStep id="failover" />;
}
