import type { ComponentType } from 'react';
import type { Project } from '../../shared/project/schema';
import type { StepId, StepStatus } from '../../shared/project/steps';
import { AnalysisStep } from './analysis';
import { ArchitectureStep } from './architecture';
import { CostsStep } from './costs';
import { DocsStep } from './docs';
import { FailoverStep } from './failover';
import { InstallStep } from './install';
import { ProjectStep } from './project';
import { projectStepStatus } from './project/status';
import { SizingStep } from './sizing';
import { sizingStepStatus } from './sizing/status';
import { architectureStepStatus } from './architecture/status';
import { costsStepStatus } from './costs/status';
import { analysisStepStatus } from './analysis/status';
import { failoverStepStatus } from './failover/status';
import { docsStepStatus } from './docs/status';
import { installStepStatus } from './install/status';

export interface StepModule {
  id: StepId;
  View: ComponentType;
  /** Derived where the step can judge itself, else what the step last recorded in the project. */
  status(project: Project): StepStatus;
}

export const stepModules: StepModule[] = [
  { id: 'project', View: ProjectStep, status: projectStepStatus },
  { id: 'analysis', View: AnalysisStep, status: analysisStepStatus },
  { id: 'sizing', View: SizingStep, status: sizingStepStatus },
  { id: 'architecture', View: ArchitectureStep, status: architectureStepStatus },
  { id: 'costs', View: CostsStep, status: costsStepStatus },
  { id: 'install', View: InstallStep, status: installStepStatus },
  { id: 'failover', View: FailoverStep, status: failoverStepStatus },
  { id: 'docs', View: DocsStep, status: docsStepStatus },
];
