export { analysisStatus as analysisStepStatus, hasFacts } from '../../../shared/wizard/stepStatus';
