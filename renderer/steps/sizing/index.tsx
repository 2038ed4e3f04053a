import { PlannedStep } from '../PlannedStep';

export function SizingStep() {
  return <PlannedStep id="sizing" />;
}
