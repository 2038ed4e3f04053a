import { PlannedStep } from '../PlannedStep';

export function ArchitectureStep() {
  return <PlannedStep id="architecture" />;
}
