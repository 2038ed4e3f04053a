import { PlannedStep } from '../PlannedStep';

export function AnalysisStep() {
  return <PlannedStep id="analysis" />;
}
