import type { ComponentType } from 'react';
import type { CaseDetail } from '../../../../src/contract';
import type { CaseState } from '../../../../src/domain/workflow';
import { ApplicationPanel } from './application-panel';
import { ConcludedPanel, NotQualifiedPanel, ProposedExitPanel } from './confirm-panels';
import { ApprovalPanel, ApprovedPanel, ReviewPanel } from './decision-panels';
import { PreliminaryPanel } from './preliminary-panel';
import { HearingPassedPanel, ProposedInclusionPanel, PublicityPanel } from './hearing-panels';
import { ScreeningPanel } from './screening-panel';
import { HomeVisitPanel } from './home-visit-panel';
import { VerificationPanel } from './verification-panel';

export type StepPanelProps = { detail: CaseDetail; onChanged: (next?: CaseDetail) => void };

/**
 * What the case page shows for the step a case is in. Each workflow step owns one panel file; adding a step
 * means adding its panel here, nothing else on the case page.
 */
export const STEP_PANELS: Partial<Record<CaseState, ComponentType<StepPanelProps>>> = {
  screening: ScreeningPanel,
  application: ApplicationPanel,
  verification: VerificationPanel,
  'home-visit': HomeVisitPanel,
  'preliminary-review': PreliminaryPanel,
  'proposed-inclusion': ProposedInclusionPanel,
  'hearing-passed': HearingPassedPanel,
  publicity: PublicityPanel,
  'proposed-exit': ProposedExitPanel,
  'not-qualified': NotQualifiedPanel,
  review: ReviewPanel,
  'township-approval': ApprovalPanel,
  approved: ApprovedPanel,
  stopped: ConcludedPanel,
  denied: ConcludedPanel,
};
