// The case workflow of a 专项治理 campaign (plan 三(二)): who may move a case from which state to which, defined
// once here and enforced by src/services. Pure: no I/O.

export type Role = 'cadre' | 'clerk' | 'leader' | 'admin';

export const ROLE_LABELS: Record<Role, string> = {
  cadre: '村干部',
  clerk: '民政所经办',
  leader: '审批领导',
  admin: '管理员',
};

/**
 * `change` (动态调整, plan 二(二) "加强低保户动态管理"): a recipient's circumstances changed after the campaign; it
 * starts at the investigation (核对) and, when still eligible, goes straight from 初审 to the review meeting.
 */
export type CaseKind = 'new-application' | 'recipient-review' | 'change';

export const CASE_KIND_LABELS: Record<CaseKind, string> = {
  'new-application': '新申请',
  'recipient-review': '在保户复核',
  change: '动态调整',
};

/** Whether a case of this kind concerns a household already on the roll. */
export const isRecipientKind = (kind: CaseKind): boolean => kind !== 'new-application';

export type CaseState =
  | 'screening'
  | 'application'
  | 'verification'
  | 'home-visit'
  | 'preliminary-review'
  | 'proposed-inclusion'
  | 'proposed-exit'
  | 'not-qualified'
  | 'hearing-passed'
  | 'publicity'
  | 'review'
  | 'township-approval'
  | 'approved'
  | 'gradual-exit'
  | 'stopped'
  | 'denied'
  | 'closed';

export const CASE_STATE_LABELS: Record<CaseState, string> = {
  screening: '摸排',
  application: '申请',
  verification: '经济状况核对',
  'home-visit': '入户调查',
  'preliminary-review': '初审',
  'proposed-inclusion': '拟纳入',
  'proposed-exit': '拟清退',
  'not-qualified': '不符合条件',
  'hearing-passed': '评议通过',
  publicity: '公示中',
  review: '审核',
  'township-approval': '审批',
  approved: '已批准',
  'gradual-exit': '渐退期',
  stopped: '已停发',
  denied: '不予批准',
  closed: '已结案',
};

/** The order of the working states, for progress displays (plan 三(二) 第一步…第五步). */
export const CASE_STATE_ORDER: readonly CaseState[] = [
  'screening',
  'application',
  'verification',
  'home-visit',
  'preliminary-review',
  'proposed-inclusion',
  'proposed-exit',
  'not-qualified',
  'hearing-passed',
  'publicity',
  'review',
  'township-approval',
  'approved',
  'gradual-exit',
  'stopped',
  'denied',
  'closed',
];

/** States in which a case is finished: nothing more is decided in it. */
export const CONCLUDED_STATES: readonly CaseState[] = ['approved', 'stopped', 'denied', 'closed'];

export type ScreeningResult = 'apply' | 'exit' | 'maintain' | 'none';

export const SCREENING_RESULT_LABELS: Record<ScreeningResult, string> = {
  apply: '拟申请',
  exit: '拟退出',
  maintain: '维持',
  none: '无需',
};

export type CaseAction =
  | 'screen'
  | 'submit-application'
  | 'record-verification'
  | 'record-home-visit'
  | 'preliminary-decide'
  | 'confirm-exit'
  | 'confirm-denial'
  | 'return'
  | 'record-hearing'
  | 'post-publicity'
  | 'clear-publicity'
  | 'uphold-objection'
  | 'review-decide'
  | 'approve'
  | 'deny'
  | 'grant-gradual-exit'
  | 'end-gradual-exit';

type Transition = {
  label: string;
  from: readonly CaseState[];
  roles: readonly Role[];
  /** A village cadre may act only on cases of their own village (role scoping). */
  villageScoped: boolean;
};

/** The plan's steps: 第一步摸排, 第二步申请, 第三步核对, 第四步入户调查, 第五步初审, then the township's confirmation. */
export const TRANSITIONS: Record<CaseAction, Transition> = {
  screen: { label: '登记摸排结果', from: ['screening'], roles: ['cadre', 'clerk', 'admin'], villageScoped: true },
  'submit-application': {
    label: '提交申请材料',
    from: ['application'],
    roles: ['cadre', 'clerk', 'admin'],
    villageScoped: true,
  },
  'record-verification': {
    label: '录入核对结果',
    from: ['verification'],
    roles: ['clerk', 'admin'],
    villageScoped: false,
  },
  'record-home-visit': {
    label: '录入入户调查',
    from: ['home-visit'],
    roles: ['cadre', 'clerk', 'admin'],
    villageScoped: true,
  },
  'preliminary-decide': {
    label: '村两委初审',
    from: ['preliminary-review'],
    roles: ['cadre', 'clerk', 'admin'],
    villageScoped: true,
  },
  'confirm-exit': { label: '镇核实清退', from: ['proposed-exit'], roles: ['clerk', 'leader', 'admin'], villageScoped: false },
  'confirm-denial': {
    label: '镇核实不予批准',
    from: ['not-qualified'],
    roles: ['clerk', 'leader', 'admin'],
    villageScoped: false,
  },
  // 三(三) 听证审核: village-group hearing, then 公示 with the supervision numbers, then the review meeting.
  'record-hearing': { label: '登记评议结果', from: ['proposed-inclusion'], roles: ['cadre', 'clerk', 'admin'], villageScoped: true },
  'post-publicity': { label: '张贴公示', from: ['hearing-passed'], roles: ['cadre', 'clerk', 'admin'], villageScoped: true },
  'clear-publicity': { label: '公示期满', from: ['publicity'], roles: ['clerk', 'admin'], villageScoped: false },
  // An objection sends the case back to investigation (plan 三(三) "公示有异议的，应当重新组织调查核实").
  'uphold-objection': { label: '异议成立，重新调查', from: ['publicity'], roles: ['clerk', 'admin'], villageScoped: false },
  'review-decide': { label: '审核会议确定保障金', from: ['review'], roles: ['cadre', 'clerk', 'admin'], villageScoped: true },
  // 三(四) 审批: the township review panel decides.
  approve: { label: '审批通过', from: ['township-approval'], roles: ['leader', 'admin'], villageScoped: false },
  deny: { label: '审批不予批准', from: ['township-approval'], roles: ['leader', 'admin'], villageScoped: false },
  // 渐退期: instead of an immediate stop, payments continue for the configured months, then stop with a notice.
  'grant-gradual-exit': { label: '给予渐退期', from: ['proposed-exit'], roles: ['clerk', 'leader', 'admin'], villageScoped: false },
  'end-gradual-exit': { label: '渐退期满停发', from: ['gradual-exit'], roles: ['clerk', 'leader', 'admin'], villageScoped: false },
  return: {
    label: '退回上一步',
    from: [
      'application',
      'verification',
      'home-visit',
      'preliminary-review',
      'proposed-inclusion',
      'proposed-exit',
      'not-qualified',
      'hearing-passed',
      'review',
      'township-approval',
    ],
    roles: ['clerk', 'admin'],
    villageScoped: false,
  },
};

export type ActorScope = { role: Role; villageId: number | null };

export type Verdict = { ok: true } | { ok: false; message: string };

/** Whether `actor` may take `action` on a case in `state` of village `villageId`; the message says why not. */
export function mayTransition(action: CaseAction, state: CaseState, villageId: number, actor: ActorScope): Verdict {
  const t = TRANSITIONS[action];
  if (!t.roles.includes(actor.role)) {
    return { ok: false, message: `「${t.label}」须由${t.roles.map((r) => ROLE_LABELS[r]).join('、')}办理，当前用户为${ROLE_LABELS[actor.role]}` };
  }
  if (t.villageScoped && actor.role === 'cadre' && actor.villageId !== villageId) {
    return { ok: false, message: '村干部只能办理本村（社区）的案件' };
  }
  if (!t.from.includes(state)) {
    return {
      ok: false,
      message: `案件当前处于「${CASE_STATE_LABELS[state]}」阶段，不能「${t.label}」（须在${t.from.map((s) => `「${CASE_STATE_LABELS[s]}」`).join('、')}阶段）`,
    };
  }
  return { ok: true };
}

/** Where screening sends a case: 无需 closes it, anything else goes on to the application step. */
export function afterScreening(result: ScreeningResult): CaseState {
  return result === 'none' ? 'closed' : 'application';
}

/** The state a case goes back to with `return`. A change case starts at 核对 and skips 评议/公示. */
export function previousState(state: CaseState, kind?: CaseKind): CaseState | null {
  if (kind === 'change') {
    if (state === 'verification') return null;
    if (state === 'review') return 'preliminary-review';
  }
  switch (state) {
    case 'application':
      return 'screening';
    case 'verification':
      return 'application';
    case 'home-visit':
      return 'verification';
    case 'preliminary-review':
      return 'home-visit';
    case 'proposed-inclusion':
    case 'proposed-exit':
    case 'not-qualified':
      return 'preliminary-review';
    case 'hearing-passed':
      return 'proposed-inclusion';
    case 'review':
      return 'hearing-passed';
    case 'township-approval':
      return 'review';
    default:
      return null;
  }
}

/**
 * 评议 outcome (plan 三(三)): a case that fails the village hearing is treated like an ineligible finding — an
 * applicant is not qualified, a recipient is proposed for exit.
 */
export function hearingOutcome(kind: CaseKind, passed: boolean): CaseState {
  if (passed) return 'hearing-passed';
  return isRecipientKind(kind) ? 'proposed-exit' : 'not-qualified';
}

/**
 * 初审 outcome (plan 三(二)第五步): the engine's eligibility, unless the village committee differs (which needs a
 * written reason). An eligible case is proposed for inclusion; an ineligible recipient is proposed for exit and
 * an ineligible applicant is not qualified.
 */
export function preliminaryOutcome(kind: CaseKind, committeeFindsEligible: boolean): CaseState {
  // A change of an existing recipient's amount (增发/减发) is decided by the review meeting and the township.
  if (committeeFindsEligible) return kind === 'change' ? 'review' : 'proposed-inclusion';
  return isRecipientKind(kind) ? 'proposed-exit' : 'not-qualified';
}

/** Home-visit record requirements: at least two investigators sign, and the family member present signs. */
export function homeVisitProblems(v: { investigators: readonly string[]; familyMemberPresent: string | null; visitDate: string | null }): string[] {
  const out: string[] = [];
  const names = v.investigators.map((s) => s.trim()).filter(Boolean);
  if (new Set(names).size < 2) out.push('入户调查须至少两名调查人员签字');
  if (!v.familyMemberPresent?.trim()) out.push('须由在场的家庭成员签字确认');
  if (!v.visitDate) out.push('请填写调查日期');
  return out;
}

/** Campaign phases with the plan's default dates (三、工作步骤), editable per campaign. */
export type Phase = { key: 'publicity' | 'application' | 'hearing' | 'approval'; label: string; start: string; end: string };

export function defaultPhases(year: number): Phase[] {
  return [
    { key: 'publicity', label: '宣传发动', start: `${year}-03-03`, end: `${year}-03-04` },
    { key: 'application', label: '申请核对', start: `${year}-03-05`, end: `${year}-03-16` },
    { key: 'hearing', label: '听证审核', start: `${year}-03-17`, end: `${year}-03-28` },
    { key: 'approval', label: '审批公示', start: `${year}-03-29`, end: `${year}-04-11` },
  ];
}

const shiftDays = (iso: string, days: number): string => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
const daysFromTo = (a: string, b: string): number => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

/**
 * The plan's phases with their lengths (2, 12, 12 and 14 days, taken from the plan's dates) laid end to end from
 * `start`: a campaign set up today is proposed dates from today, not the plan's March of a past year.
 */
export function phasesFrom(start: string): Phase[] {
  let next = start;
  return defaultPhases(Number(start.slice(0, 4))).map((p) => {
    const from = next;
    const to = shiftDays(from, daysFromTo(p.start, p.end));
    next = shiftDays(to, 1);
    return { ...p, start: from, end: to };
  });
}

/** The phase a case state belongs to, for the workbench's done / pending / overdue view. */
export function phaseOfState(state: CaseState): Phase['key'] | null {
  switch (state) {
    case 'screening':
    case 'application':
    case 'verification':
    case 'home-visit':
    case 'preliminary-review':
      return 'application';
    case 'proposed-inclusion':
    case 'hearing-passed':
    case 'publicity':
    case 'review':
      return 'hearing';
    case 'township-approval':
      return 'approval';
    default:
      return null;
  }
}
