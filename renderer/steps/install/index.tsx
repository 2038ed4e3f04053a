import { PlannedStep } from '../PlannedStep';

export function InstallStep() {
  return <PlannedStep id="install" />;
}
