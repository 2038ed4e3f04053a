import { PlannedStep } from '../PlannedStep';

export function CostsStep() {
  return <PlannedStep id="costs" />;
}
