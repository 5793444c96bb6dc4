import type { ComponentType } from 'react';
import type { CaseDetail } from '../../../../src/contract';
import type { CaseState } from '../../../../src/domain/workflow';
import { ConcludedPanel, NotQualifiedPanel, ProposedExitPanel } from './confirm-panels';
import { PreliminaryPanel } from './preliminary-panel';
import { ScreeningPanel } from './screening-panel';

export type StepPanelProps = { detail: CaseDetail; onChanged: (next?: CaseDetail) => void };

/**
 * What the case page shows for the step a case is in. Each workflow step owns one panel file; adding a step
 * means adding its panel here, nothing else on the case page.
 */
export const STEP_PANELS: Partial<Record<CaseState, ComponentType<StepPanelProps>>> = {
  screening: ScreeningPanel,
  'preliminary-review': PreliminaryPanel,
  'proposed-exit': ProposedExitPanel,
  'not-qualified': NotQualifiedPanel,
  stopped: ConcludedPanel,
  denied: ConcludedPanel,
};
