import { PlannedStep } from '../PlannedStep';

export function DocsStep() {
  return <PlannedStep id="docs" />;
}
