// Input and output types of the determination engine (spec §2–§6, §10). Pure: no I/O.
import type { DisabilityType, LaborCapacity } from '../contract/labels';
import type { PersonClass } from './policy';

/** One member of the household, as the rules see them (spec §10 member fields). */
export type MemberFacts = {
  name: string;
  /** 18-digit number; the age source when birthDate is absent (spec §4). */
  idNumber: string | null;
  /** YYYY-MM-DD; takes precedence over the date inside idNumber. */
  birthDate: string | null;
  /** 元/月, ≥ 0. */
  monthlyIncome: number;
  disabilityType: DisabilityType | null;
  /** 1..4 */
  disabilityLevel: number | null;
  /** 重病: ill, under treatment, heavy personal medical cost (方案二(一)2). */
  seriousIllness: boolean;
  /** 重残: cannot look after themselves and has no income (方案二(一)2). */
  severeDisabilityNoSelfCare: boolean;
  /** Mental disability and currently hospitalised (方案二(三)A类2). */
  mentalHospitalized: boolean;
  laborCapacity: LaborCapacity;
  threeNo: boolean;
  hiv: boolean;
  collegeStudent: boolean;
  priorityCare: boolean;
};

/** 因病支出 figures of the 12 months before the application month (方案二(一)3). */
export type MedicalFacts = {
  /** M: self-paid hospital + special chronic-outpatient cost, 元. null = not yet entered. */
  selfPaidLast12Months: number | null;
  /** Y: household disposable income, 元. null = not yet entered. */
  disposableIncomeLast12Months: number | null;
  /** The patient, 0-based member index; required when M > 0. */
  patientIndex: number | null;
};

/** The household part of the evaluation file (spec §10). */
export type DeterminationInput = {
  /** The township's finding on 家庭财产状况; null = not yet recorded (an input error for determine()). */
  assetsCompliant: boolean | null;
  /** 元/月 not attributed to a member. */
  otherMonthlyIncome: number;
  /** The member to cover in a 低收入 household; must qualify (重病/重残). */
  singleCoverIndex: number | null;
  /** null = no 因病支出 declared (M = 0). */
  medical: MedicalFacts | null;
  members: MemberFacts[];
};

export type Category = 'poor' | 'low-income' | 'medical-expense' | 'ineligible';

export const CATEGORY_LABELS: Record<Category, string> = {
  poor: '困难家庭',
  'low-income': '低收入家庭',
  'medical-expense': '因病支出型家庭',
  ineligible: '不符合条件',
};

export type CoveredMember = { index: number; class: PersonClass; amount: number };

/** The spec §10 output document. */
export type Determination = {
  category: Category;
  /** Exact I = household income ÷ n as a JS number (yuan); not rounded. */
  perCapitaIncome: number;
  /** Covered members by 0-based input index, in input order. */
  covered: CoveredMember[];
  /** Σ covered amounts, 元/月. */
  monthlyTotal: number;
  policyVersion: string;
  /** Chinese rule trace, one line per test (spec §6). */
  reasons: string[];
};

/**
 * The largest amount any money field accepts, 元 (spec §10 settled points: a number too large to be an amount,
 * e.g. `1e400`, is refused with 「金额过大」). Far above any household's monthly income or a year's medical cost.
 */
export const MAX_AMOUNT = 10_000_000;

/** 方案二(三)A类2 "正在住院治疗的精神残疾": the flag is refused without a mental disability (spec §10 settled points). */
export const MENTAL_HOSPITALIZED_NEEDS_MENTAL = '只有残疾类别为精神残疾的成员才能填写「精神残疾正在住院治疗」';

/** The one cross-field rule of a member's flags, shared by the engine, the contract and the person form. */
export function isMentalHospitalizedConsistent(m: Pick<MemberFacts, 'mentalHospitalized' | 'disabilityType'>): boolean {
  return !m.mentalHospitalized || m.disabilityType === 'mental';
}

/** A problem with the input, named by its path in the evaluation file (e.g. `household.members[1].birthDate`). */
export type InputIssue = { path: string; message: string };

export class DeterminationInputError extends Error {
  readonly issues: InputIssue[];
  constructor(issues: InputIssue[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
    this.name = 'DeterminationInputError';
    this.issues = issues;
  }
}

export type DeterminationResult = { ok: true; value: Determination } | { ok: false; issues: InputIssue[] };
