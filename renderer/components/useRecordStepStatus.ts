import { useEffect } from 'react';
import type { StepId, StepStatus } from '../../shared/project/steps';
import { useStore } from '../store';

/** Records a step's derived state in the project, so the CLI and the report see what the sidebar shows. */
export function useRecordStepStatus(step: StepId, derived: StepStatus) {
  const setStepStatus = useStore((s) => s.setStepStatus);
  useEffect(() => setStepStatus(step, derived), [step, derived, setStepStatus]);
}
