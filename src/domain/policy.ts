// Policy parameters of the determination engine (spec §1). Every figure a rule uses comes from a Policy
// value: the plan's numbers live only in DEFAULT_POLICY, so the office can date and edit them in Settings.
// Pure: no I/O.

export type PersonClass = 'A' | 'B' | 'C';

export type UpliftMode = 'percentOfOwn' | 'percentOfStandard' | 'fixed' | 'none';

/**
 * 分类施保 uplift applied to a poor-family member's own difference amount (spec §5):
 * percentOfOwn v → base × (1 + v/100); percentOfStandard v → base + S × v/100; fixed v → base + v 元; none → base.
 */
export type Uplift = { mode: UpliftMode; value?: number };

/**
 * How each member's monthly amount is rounded. The plan pays whole yuan; 'jiao-half-up' and 'fen' exist for
 * counties that pay to the jiao or fen. All are half up (x.5 → up).
 */
export type Rounding = 'yuan-half-up' | 'jiao-half-up' | 'fen';

export type Policy = {
  /** Stable identifier of this version, recorded in every determination (e.g. "plan-2020-03"). */
  version: string;
  /** Human label shown in the policy table. */
  label: string;
  /** YYYY-MM-DD; the version applies to evaluation dates on or after it. */
  effectiveFrom: string;
  /** 低保标准 S, 元/人·月. */
  standard: number;
  /** 低收入家庭 ceiling = multiplier × S (方案二(一)2 "低保标准2倍"). */
  lowIncomeMultiplier: number;
  /** 本地上年度城乡居民人均可支配收入 D, 元/人·月 (方案二(一)3). */
  localDisposableIncome: number;
  /**
   * Monthly amount of the one covered person of a 低收入 or 因病支出型 household. `null` means "equal to the
   * standard": the plan says 严格按照标准(602元/月)施保, so a change of S carries over unless the office
   * sets its own figure.
   */
  singleCoverAmount: number | null;
  classUplift: Record<PersonClass, Uplift>;
  rounding: Rounding;
  note: string;
};

export const DEFAULT_POLICY: Policy = {
  version: 'plan-2020-03',
  label: '进一步深化低保专项治理工作实施方案（2020年）',
  effectiveFrom: '2020-03-01',
  standard: 602,
  lowIncomeMultiplier: 2,
  localDisposableIncome: 1751,
  singleCoverAmount: null,
  // The uplift percentages are an Anhui county example (spec §1); the office must confirm its own.
  classUplift: {
    A: { mode: 'percentOfOwn', value: 30 },
    B: { mode: 'percentOfOwn', value: 20 },
    C: { mode: 'none' },
  },
  rounding: 'yuan-half-up',
  note: '方案数值：低保标准602元，低收入家庭上限为标准2倍（1204元），本地上年度城乡居民人均可支配收入1751元；A、B类上浮比例为示例值，须由民政所确认。',
};

/** The amount a single covered person receives under `policy` (spec §5). */
export function singleCoverAmountOf(policy: Policy): number {
  return policy.singleCoverAmount ?? policy.standard;
}

/**
 * The version in force on `date`: the one with the latest effectiveFrom that is not after `date`. Ties go to
 * the later entry in `versions`, so a correction appended to the table wins over the row it corrects.
 * Returns undefined when no version had yet taken effect.
 */
export function policyInForce(versions: readonly Policy[], date: string): Policy | undefined {
  let best: Policy | undefined;
  for (const v of versions) {
    if (v.effectiveFrom > date) continue;
    if (!best || v.effectiveFrom >= best.effectiveFrom) best = v;
  }
  return best;
}

export const UPLIFT_MODE_LABELS: Record<UpliftMode, string> = {
  percentOfOwn: '按本人差额上浮百分比',
  percentOfStandard: '按低保标准百分比增发',
  fixed: '固定金额增发',
  none: '不上浮',
};

export const ROUNDING_LABELS: Record<Rounding, string> = {
  'yuan-half-up': '四舍五入到元',
  'jiao-half-up': '四舍五入到角',
  fen: '四舍五入到分',
};
