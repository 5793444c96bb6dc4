import { z } from 'zod';
import { MAX_AMOUNT, MENTAL_HOSPITALIZED_NEEDS_MENTAL, isMentalHospitalizedConsistent } from '../domain/determination-types';
import { parseIdNumber } from '../domain/id-number';
import { hasPlaceholder, PLACEHOLDER_MESSAGE } from '../domain/issuing-authority';
import { DISABILITY_TYPES, LABOR_CAPACITIES, RELATIONS, VILLAGE_KINDS } from './labels';

// Chinese messages for zod's built-in checks.
z.config(z.locales.zhCN());

export const idSchema = z.number({ error: '缺少编号' }).int().positive();

/**
 * Characters a clerk cannot see: C0/C1 control characters (NUL …; tab and line breaks allowed), DEL, and the
 * bidirectional embeddings, overrides and isolates U+202A–U+202E, U+2066–U+2069, which can make a printed name or
 * reason read differently from what is stored.
 */
// eslint-disable-next-line no-control-regex
const HIDDEN_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
export const HIDDEN_CHARACTERS_MESSAGE = '含有不可见的控制字符或文字方向控制符（常见于从网页、微信复制的文字），请删除后重新输入';
export const hasHiddenCharacters = (v: string): boolean => HIDDEN_CHARACTERS.test(v);

/** THE text schema: every text field of the contract starts here, so no field can carry hidden characters. */
export const textString = (params?: Parameters<typeof z.string>[0]) => z.string(params).refine((v) => !hasHiddenCharacters(v), HIDDEN_CHARACTERS_MESSAGE);

const trimmed = (label: string, max: number) =>
  textString({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}不能超过${max}个字`);

/**
 * Pictographs (emoji, flags, their joiners and variation selectors): the documents' fonts print them as □ and no
 * clerk can type them into a search, so a name holding one could neither be printed nor found.
 */
const PICTOGRAPHS = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\p{Emoji_Modifier}|\uFE0F|\u200D|\u20E3/u;
export const hasPictographs = (v: string): boolean => PICTOGRAPHS.test(v);

/** A name (of a person, a village, a group): the shared text rules, and no emoji. */
export const nameText = (label: string, max: number) =>
  trimmed(label, max).refine((v) => !hasPictographs(v), `${label}不能含有表情符号（打印时会显示为□，也无法检索），请删除`);

const optionalText = (label: string, max: number) =>
  textString()
    .trim()
    .max(max, `${label}不能超过${max}个字`)
    .nullish()
    .transform((v) => (v ? v : null));

/**
 * The message for a value z.number() refuses: JSON's `1e400` parses to Infinity, which is a number too large,
 * not a missing one (spec §10 settled points).
 */
export const numberError =
  (missing: string, tooLarge: string, negative: string = tooLarge) =>
  (iss: { input?: unknown }): string =>
    typeof iss.input === 'number' && !Number.isNaN(iss.input) ? (iss.input < 0 ? negative : tooLarge) : missing;

/** Money in yuan, ≥ 0, at most 2 decimals, at most MAX_AMOUNT (spec §10). */
export const moneySchema = z
  .number({ error: numberError('请填写金额（元）', '金额过大', '金额不能为负数') })
  .min(0, '金额不能为负数')
  .max(MAX_AMOUNT, '金额过大')
  .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, '金额最多保留两位小数');

const phoneSchema = textString()
  .trim()
  .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|\d{7,8})$/, '电话号码格式不正确（手机11位，或区号-座机号）')
  .nullish()
  .or(z.literal('').transform(() => null))
  .transform((v) => v ?? null);

/**
 * ID numbers are checked here for form (checksum, date); the service checks the birth date against its own
 * clock. 15-digit legacy numbers pass and are converted by the service with a warning.
 */
export const idNumberSchema = textString({ error: '请填写身份证号码' })
  .trim()
  .superRefine((v, ctx) => {
    const parsed = parseIdNumber(v, '9999-12-31');
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.error });
  });

// Strict: the member's facts feed the determination engine, so a misspelt flag is refused, not dropped
// (spec §10 settled points: "the same holds for the office's own forms").
export const personFieldsSchema = z.strictObject({
  name: nameText('姓名', 30),
  idNumber: idNumberSchema,
  relation: z.enum(RELATIONS, { error: '请选择与户主关系' }),
  monthlyIncome: moneySchema.default(0),
  disabilityType: z.enum(DISABILITY_TYPES, { error: '残疾类别无效' }).nullish().transform((v) => v ?? null),
  disabilityLevel: z
    .number()
    .int()
    .min(1, '残疾等级为1至4级')
    .max(4, '残疾等级为1至4级')
    .nullish()
    .transform((v) => v ?? null),
  seriousIllness: z.boolean().default(false),
  severeDisabilityNoSelfCare: z.boolean().default(false),
  mentalHospitalized: z.boolean().default(false),
  laborCapacity: z.enum(LABOR_CAPACITIES, { error: '劳动能力无效' }).default('full'),
  threeNo: z.boolean().default(false),
  hiv: z.boolean().default(false),
  collegeStudent: z.boolean().default(false),
  priorityCare: z.boolean().default(false),
  note: optionalText('备注', 200),
});

function checkDisability(v: z.output<typeof personFieldsSchema>, ctx: z.RefinementCtx): void {
  if ((v.disabilityType === null) !== (v.disabilityLevel === null)) {
    ctx.addIssue({
      code: 'custom',
      path: [v.disabilityType === null ? 'disabilityType' : 'disabilityLevel'],
      message: '残疾类别和残疾等级须同时填写',
    });
  }
  if (!isMentalHospitalizedConsistent(v)) {
    ctx.addIssue({ code: 'custom', path: ['mentalHospitalized'], message: MENTAL_HOSPITALIZED_NEEDS_MENTAL });
  }
}

export const personInputSchema = personFieldsSchema.superRefine(checkDisability);
export type PersonInput = z.input<typeof personInputSchema>;
export type PersonFields = z.output<typeof personInputSchema>;

const PERSON_FIELD_KEYS = Object.keys(personFieldsSchema.shape) as (keyof PersonFields)[];

/**
 * The editable fields of a stored person (a `Person` view carries id, sex, birth date…), for a `person-update`
 * built from what was read: the strict schema refuses the view itself.
 */
export function personFieldsOf(p: PersonFields): PersonFields {
  return Object.fromEntries(PERSON_FIELD_KEYS.map((k) => [k, p[k]])) as PersonFields;
}

/** A member's facts when nothing is recorded beyond who they are: the same defaults the schema gives. */
export const NO_RECORDED_FACTS = {
  monthlyIncome: 0,
  disabilityType: null,
  disabilityLevel: null,
  seriousIllness: false,
  severeDisabilityNoSelfCare: false,
  mentalHospitalized: false,
  laborCapacity: 'full',
  threeNo: false,
  hiv: false,
  collegeStudent: false,
  priorityCare: false,
  note: null,
} as const satisfies Omit<PersonFields, 'name' | 'idNumber' | 'relation'>;

export const groupNamesSchema = z
  .array(nameText('村民小组名称', 20))
  .max(100, '村民小组不能超过100个')
  .refine((a) => new Set(a).size === a.length, '村民小组名称不能重复');

export const villageFieldsSchema = z.object({
  name: nameText('村（社区）名称', 30),
  code: textString({ error: '请填写村（社区）代码' })
    .trim()
    .regex(/^\d{3,12}$/, '村（社区）代码应为3至12位数字'),
  kind: z.enum(VILLAGE_KINDS).default('village'),
  groups: groupNamesSchema.default([]),
});

export const householdFieldsSchema = z.strictObject({
  villageId: idSchema,
  groupName: optionalText('村民小组', 20),
  address: trimmed('家庭住址', 100),
  phone: phoneSchema,
  note: optionalText('备注', 200),
});

/** A name printed on documents as the authority: never a template's 「××」 (issue 12). */
const authorityName = (label: string) => trimmed(label, 40).refine((v) => !hasPlaceholder(v), `${label}${PLACEHOLDER_MESSAGE}`);
const authorityPhone = (label: string) =>
  trimmed(label, 20).regex(/^[\d-]{7,20}$/, `${label}格式不正确`);

export const settingsSchema = z.object({
  townshipName: authorityName('乡镇人民政府名称'),
  divisionCode: textString({ error: '请填写行政区划代码' })
    .trim()
    .regex(/^\d{6}(\d{3})?$/, '行政区划代码应为6位或9位数字'),
  officeName: authorityName('民政所名称'),
  officePhone: authorityPhone('镇民政所监督电话'),
  countyCentrePhone: authorityPhone('县低保中心监督电话'),
  /** The township government's own number: the notices it issues name it as the contact. */
  townshipPhone: authorityPhone('乡镇人民政府电话'),
  /** 县人民政府: the body a family applies to for 行政复议 against a refusal or a stop. */
  countyGovernmentName: authorityName('县人民政府名称'),
  countyGovernmentPhone: authorityPhone('县人民政府电话'),
  /** 县民政局: the body authorised to check the family's economic situation (授权书, plan 三(二)第三步). */
  countyBureauName: authorityName('县民政局名称'),
  countyBureauPhone: authorityPhone('县民政局电话'),
  /** Minutes without activity before the screen locks (personal data must not stay on an unattended screen). */
  idleLockMinutes: z.number().int().min(1, '锁屏时间为1至240分钟').max(240, '锁屏时间为1至240分钟').default(15),
});
export type Settings = z.output<typeof settingsSchema>;
/** Fields added after offices were set up (issue 12): absent from the JSON an older office stored. */
export type AddedSettingsKey = 'townshipPhone' | 'countyGovernmentName' | 'countyGovernmentPhone' | 'countyBureauName' | 'countyBureauPhone';
/** The office settings as stored: an office set up before issue 12 lacks the added fields until it saves again. */
export type StoredSettings = Omit<Settings, AddedSettingsKey> & Partial<Pick<Settings, AddedSettingsKey>>;

export const pageSchema = z.object({
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(200).default(20),
});

export const searchSchema = pageSchema.extend({
  query: textString().trim().max(40, '检索词过长').default(''),
  villageId: idSchema.nullish().transform((v) => v ?? null),
});
