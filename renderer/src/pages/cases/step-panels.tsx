import type { ComponentType } from 'react';
import type { CaseDetail } from '../../../../src/contract';
import type { CaseState } from '../../../../src/domain/workflow';
import { ApplicationPanel } from './application-panel';
import { ConcludedPanel, NotQualifiedPanel } from './confirm-panels';
import { ApprovalPanel, ApprovedPanel, ReviewPanel } from './decision-panels';
import { PreliminaryPanel } from './preliminary-panel';
import { HearingPassedPanel, ProposedInclusionPanel, PublicityPanel } from './hearing-panels';
import { ScreeningPanel } from './screening-panel';
import { HomeVisitPanel } from './home-visit-panel';
import { VerificationPanel } from './verification-panel';
import { ExitOrGradualPanel, GradualExitPanel, withChangeSummary } from '../roster/change-panels';

export type StepPanelProps = { detail: CaseDetail; onChanged: (next?: CaseDetail) => void };

/**
 * What the case page shows for the step a case is in. Each workflow step owns one panel file; adding a step
 * means adding its panel here, nothing else on the case page.
 */
export const STEP_PANELS: Partial<Record<CaseState, ComponentType<StepPanelProps>>> = {
  screening: ScreeningPanel,
  application: ApplicationPanel,
  // A change case (动态调整) shows its reason and 增发/减发 against the roster above the step's own panel.
  verification: withChangeSummary(VerificationPanel),
  'home-visit': HomeVisitPanel,
  'preliminary-review': PreliminaryPanel,
  'proposed-inclusion': ProposedInclusionPanel,
  'hearing-passed': HearingPassedPanel,
  publicity: PublicityPanel,
  'proposed-exit': ExitOrGradualPanel,
  'not-qualified': NotQualifiedPanel,
  review: withChangeSummary(ReviewPanel),
  'township-approval': withChangeSummary(ApprovalPanel),
  approved: withChangeSummary(ApprovedPanel),
  'gradual-exit': GradualExitPanel,
  stopped: ConcludedPanel,
  denied: ConcludedPanel,
};
