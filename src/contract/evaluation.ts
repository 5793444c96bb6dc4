// The evaluation file (spec §10): what `dibao evaluate` reads and the tests use. Validates form and
// cross-field facts (ID numbers against the evaluation date, indexes that exist), then maps to the domain's
// DeterminationInput and a complete Policy (partial policy over the §1 defaults). Every object is strict: a key
// the format does not name (a misspelt `seriousIlness`, a top-level `polciy`) is an input error with its path,
// never silently dropped (spec §10 settled points).
import { z } from 'zod';
import { moneySchema, numberError } from './schemas'; // also runs z.config(zhCN): built-in messages in Chinese
import { DISABILITY_TYPES, LABOR_CAPACITIES, type DisabilityType } from './labels';
import { issueFields } from './result';
import { parseIdNumber } from '../domain/id-number';
import { isIsoDate } from '../domain/iso-date';
import { DEFAULT_POLICY, type Policy } from '../domain/policy';
import {
  MENTAL_HOSPITALIZED_NEEDS_MENTAL,
  isMentalHospitalizedConsistent,
  type DeterminationInput,
  type InputIssue,
} from '../domain/determination-types';


/** Run a refinement even when other fields failed (zod skips refinements of an object with issues). */
const always = { when: () => true };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const dateSchema = (label: string) =>
  z.string({ error: `请填写${label}` }).refine(isIsoDate, `${label}无效（应为YYYY-MM-DD格式的真实日期）`);

const positiveFigure = (label: string) =>
  z
    .number({ error: numberError(`请填写${label}`, `${label}过大`, `${label}应大于0`) })
    .positive(`${label}应大于0`)
    .max(10_000_000, `${label}过大`)
    .refine((v) => Math.abs(Math.round(v * 10_000) - v * 10_000) < 1e-6, `${label}最多保留四位小数`);

export const upliftSchema = z
  .strictObject({
    mode: z.enum(['percentOfOwn', 'percentOfStandard', 'fixed', 'none'], { error: '上浮方式无效' }),
    value: z
      .number({ error: numberError('上浮值应为数字', '上浮值过大', '上浮值不能为负数') })
      .min(0, '上浮值不能为负数')
      .max(100_000, '上浮值过大')
      .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, '上浮值最多保留两位小数')
      .optional(),
  })
  .superRefine((u, ctx) => {
    if (u.mode !== 'none' && u.value === undefined) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: '请填写上浮值' });
    }
  });

const policyFields = {
  version: z.string().trim().min(1, '请填写政策版本').max(60, '政策版本不能超过60个字'),
  label: z.string().trim().max(80, '政策名称不能超过80个字'),
  effectiveFrom: dateSchema('生效日期'),
  standard: positiveFigure('低保标准'),
  lowIncomeMultiplier: positiveFigure('低收入家庭倍数'),
  localDisposableIncome: positiveFigure('本地上年度城乡居民人均可支配收入'),
  singleCoverAmount: moneySchema.nullable(),
  rounding: z.enum(['yuan-half-up', 'jiao-half-up', 'fen'], { error: '取整方式无效' }),
  note: z.string().max(500, '说明不能超过500个字'),
};

/** A complete policy version, e.g. a row of the dated policy table in Settings. */
export const policySchema = z.strictObject({
  ...policyFields,
  classUplift: z.strictObject({ A: upliftSchema, B: upliftSchema, C: upliftSchema }),
});

/**
 * The optional `policy` of an evaluation file: any subset, the rest from §1 defaults. A partial `classUplift`
 * replaces only the classes it names (spec §10 settled points); see resolvePolicy.
 */
export const policyPatchSchema = z
  .strictObject({
    ...policyFields,
    classUplift: z.strictObject({ A: upliftSchema, B: upliftSchema, C: upliftSchema }).partial(),
  })
  .partial();
export type PolicyPatch = z.output<typeof policyPatchSchema>;

const flag = z.boolean({ error: '应为 true 或 false' }).nullish().transform((v) => v ?? false);

export const evaluationMemberSchema = z
  .strictObject({
    name: z.string({ error: '请填写姓名' }).trim().min(1, '请填写姓名').max(30, '姓名不能超过30个字'),
    idNumber: z
      .string({ error: '身份证号码应为字符串' })
      .trim()
      .nullish()
      .transform((v) => (v ? v : null)),
    birthDate: dateSchema('出生日期').nullish().transform((v) => v ?? null),
    monthlyIncome: moneySchema,
    disabilityType: z.enum(DISABILITY_TYPES, { error: '残疾类别无效' }).nullish().transform((v) => v ?? null),
    disabilityLevel: z
      .number({ error: '残疾等级应为1至4' })
      .int('残疾等级为1至4级')
      .min(1, '残疾等级为1至4级')
      .max(4, '残疾等级为1至4级')
      .nullish()
      .transform((v) => v ?? null),
    seriousIllness: flag,
    severeDisabilityNoSelfCare: flag,
    mentalHospitalized: flag,
    laborCapacity: z
      .enum(LABOR_CAPACITIES, { error: '劳动能力无效（full、partial 或 none）' })
      .nullish()
      .transform((v) => v ?? 'full'),
    threeNo: flag,
    hiv: flag,
    collegeStudent: flag,
    priorityCare: flag,
  })
  // `when: always` runs the cross-field checks even when another field of the member failed, so a file with
  // several problems gets every line at once (spec §10: one line per problem).
  .superRefine((raw, ctx) => {
    const m = raw as unknown as Record<string, unknown>;
    const type = m['disabilityType'] ?? null;
    const level = m['disabilityLevel'] ?? null;
    if ((type === null) !== (level === null)) {
      ctx.addIssue({
        code: 'custom',
        path: [type === null ? 'disabilityType' : 'disabilityLevel'],
        message: '残疾类别和残疾等级须同时填写',
      });
    }
    if (!m['idNumber'] && (m['birthDate'] ?? null) === null) {
      ctx.addIssue({ code: 'custom', path: ['birthDate'], message: '无法确定年龄：出生日期和身份证号码至少填写一项' });
    }
    // Only against a valid type: a misspelt type already has its own line.
    const knownType = type === null || (DISABILITY_TYPES as readonly unknown[]).includes(type);
    if (knownType && !isMentalHospitalizedConsistent({ mentalHospitalized: m['mentalHospitalized'] === true, disabilityType: type as DisabilityType | null })) {
      ctx.addIssue({ code: 'custom', path: ['mentalHospitalized'], message: MENTAL_HOSPITALIZED_NEEDS_MENTAL });
    }
  }, always);

const indexSchema = z
  .number({ error: '成员序号应为整数' })
  .int('成员序号应为整数')
  .min(0, '成员序号不能为负数')
  .nullish()
  .transform((v) => v ?? null);

export const evaluationFileSchema = z
  .strictObject({
    evaluationDate: dateSchema('测算日期'),
    policy: policyPatchSchema.nullish().transform((v) => v ?? null),
    household: z.strictObject(
      {
        assetsCompliant: z.boolean({ error: '请填写家庭财产状况核对结论（true 或 false）' }),
        otherMonthlyIncome: moneySchema.nullish().transform((v) => v ?? 0),
        singleCoverIndex: indexSchema,
        medical: z
          .strictObject({
            selfPaidLast12Months: moneySchema.nullish().transform((v) => v ?? 0),
            disposableIncomeLast12Months: moneySchema.nullish().transform((v) => v ?? null),
            patientIndex: indexSchema,
          })
          .nullish()
          .transform((v) => v ?? null),
        members: z
          .array(evaluationMemberSchema, { error: '请填写家庭成员' })
          .min(1, '家庭成员至少1人')
          .max(100, '家庭成员不能超过100人'),
      },
      { error: '请填写家庭情况（household）' },
    ),
  })
  .superRefine((raw, ctx) => {
    // Runs on partially invalid data too (see `always`), so every access is guarded.
    const file = raw as unknown as { evaluationDate?: unknown; household?: unknown };
    const h = (isRecord(file.household) ? file.household : {}) as Record<string, unknown>;
    const members = Array.isArray(h['members']) ? (h['members'] as unknown[]) : null;
    const n = members?.length ?? 0;
    const indexExists = (v: unknown, path: PropertyKey[]) => {
      if (members !== null && typeof v === 'number' && Number.isInteger(v) && v >= n) {
        ctx.addIssue({ code: 'custom', path, message: `成员序号 ${v} 不存在（共 ${n} 人，序号从0开始）` });
      }
    };
    indexExists(h['singleCoverIndex'], ['household', 'singleCoverIndex']);
    const medical = h['medical'];
    if (isRecord(medical)) {
      indexExists(medical['patientIndex'], ['household', 'medical', 'patientIndex']);
      const m = medical['selfPaidLast12Months'];
      if (typeof m === 'number' && m > 0) {
        if ((medical['patientIndex'] ?? null) === null) {
          ctx.addIssue({
            code: 'custom',
            path: ['household', 'medical', 'patientIndex'],
            message: '有自负医疗费用时须指定患病成员',
          });
        }
        if ((medical['disposableIncomeLast12Months'] ?? null) === null) {
          ctx.addIssue({
            code: 'custom',
            path: ['household', 'medical', 'disposableIncomeLast12Months'],
            message: '有自负医疗费用时须填写前12个月家庭可支配收入',
          });
        }
      }
    }
    // ID numbers are checked here, against the evaluation date: a birth date, typed or inside the ID number,
    // cannot follow it. Without a valid evaluation date the far future bounds it, so the form is still checked.
    const today = typeof file.evaluationDate === 'string' && isIsoDate(file.evaluationDate) ? file.evaluationDate : null;
    (members ?? []).forEach((m, i) => {
      if (!isRecord(m)) return;
      const id = m['idNumber'];
      if (typeof id === 'string' && id.trim() !== '') {
        const parsed = parseIdNumber(id, today ?? '9999-12-31');
        if (!parsed.ok) {
          ctx.addIssue({
            code: 'custom',
            path: ['household', 'members', i, 'idNumber'],
            message: parsed.error === '出生日期晚于今天' ? '出生日期晚于测算日期' : parsed.error,
          });
        }
      }
      const birth = m['birthDate'];
      if (today !== null && typeof birth === 'string' && isIsoDate(birth) && birth > today) {
        ctx.addIssue({ code: 'custom', path: ['household', 'members', i, 'birthDate'], message: '出生日期晚于测算日期' });
      }
    });
  }, always);

export type EvaluationFileInput = z.input<typeof evaluationFileSchema>;

export type EvaluationRequest = {
  evaluationDate: string;
  policy: Policy;
  household: DeterminationInput;
  /** E.g. a 15-digit ID number converted to 18 digits. */
  warnings: string[];
};

/**
 * The complete policy of an evaluation: the file's fields over the §1 defaults. A file-given policy is
 * labelled `custom@<evaluationDate>` unless it names its own version, so a determination never claims the
 * plan's version for figures the plan does not contain. `singleCoverAmount` stays null (= S) unless given,
 * so overriding `standard` alone moves the single-cover amount with it (方案二(三) 按照标准施保).
 */
export function resolvePolicy(patch: PolicyPatch | null, evaluationDate: string): Policy {
  if (patch === null) return DEFAULT_POLICY;
  return {
    ...DEFAULT_POLICY,
    ...patch,
    version: patch.version ?? `custom@${evaluationDate}`,
    label: patch.label ?? '测算文件给定的政策参数',
    effectiveFrom: patch.effectiveFrom ?? evaluationDate,
    note: patch.note ?? '',
    classUplift: { ...DEFAULT_POLICY.classUplift, ...patch.classUplift },
  };
}

export type ParseEvaluationResult = { ok: true; value: EvaluationRequest } | { ok: false; issues: InputIssue[] };

/** Parse an already JSON-decoded evaluation file. Issues carry paths like `household.members[1].idNumber`. */
export function parseEvaluationFile(raw: unknown): ParseEvaluationResult {
  const parsed = evaluationFileSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      issues: issueFields(parsed.error.issues).map((i) => ({ path: i.path || '(root)', message: i.message })),
    };
  }
  const file = parsed.data;
  const warnings: string[] = [];
  const members = file.household.members.map((m, i) => {
    if (m.idNumber === null) return m;
    const id = parseIdNumber(m.idNumber, file.evaluationDate);
    if (!id.ok) return m; // unreachable: refined above
    if (id.value.warning) warnings.push(`household.members[${i}].idNumber: ${id.value.warning}`);
    return { ...m, idNumber: id.value.idNumber };
  });
  return {
    ok: true,
    value: {
      evaluationDate: file.evaluationDate,
      policy: resolvePolicy(file.policy, file.evaluationDate),
      household: { ...file.household, members },
      warnings,
    },
  };
}
