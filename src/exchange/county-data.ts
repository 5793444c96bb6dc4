// county.json (issue 15): what a filing package tells the county bureau about its township as data — the roll of
// the package's villages at export time (households, covered persons, classes, amounts), this round's decisions
// (approvals, refusals, exits) with the persons they concern, and every case's clock and 近亲属 facts. Written by
// the township (src/services/county-data.ts), listed in the signed manifest like every file, read by the county
// (src/services/county/receive.ts) with this schema: a package is data from outside, so every field is checked.
import { z } from 'zod';

export const COUNTY_DATA_FILE = 'county.json';
export const COUNTY_DATA_FORMAT = 'dibao-county-data';

const text = (max: number) => z.string().max(max);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const money = z.number().finite().min(0).max(1e9);
const ref = z.number().int().positive();
const idNumber = z.string().regex(/^[0-9]{17}[0-9X]$|^[0-9]{15}$/);

const person = z.strictObject({ name: text(40), idNumber, class: text(2), amount: money });

export const countyDataSchema = z.strictObject({
  format: z.literal(COUNTY_DATA_FORMAT),
  version: z.literal(1),
  township: text(80).min(1),
  round: z.strictObject({ campaignName: text(200).min(1), year: z.number().int().min(2000).max(2200) }),
  /** The roll of the scope's villages when the package was made. */
  roster: z.array(
    z.strictObject({
      householdRef: ref,
      village: text(80),
      headName: text(40),
      category: text(40),
      classes: text(3),
      monthlyTotal: money,
      size: z.number().int().min(1).max(99),
      members: z.array(person).min(1).max(99),
    }),
  ),
  /** This round's decisions; `persons`: the covered persons of an approval, the members of a stopped household, the head of a refused one. */
  outcomes: z.array(
    z.strictObject({
      kind: z.enum(['approve', 'deny', 'exit']),
      caseRef: ref,
      village: text(80),
      headName: text(40),
      decidedOn: day.nullable(),
      monthlyTotal: money,
      persons: z.array(z.strictObject({ name: text(40), idNumber })).max(99),
    }),
  ),
  cases: z.array(
    z.strictObject({
      caseRef: ref,
      village: text(80),
      headName: text(40),
      kind: text(40),
      state: text(40),
      staffRelative: z.boolean(),
      staffRelativeOf: text(200).nullable(),
      /** Every member seen on the home visit (null: no home visit recorded). */
      fullVisit: z.boolean().nullable(),
      startedOn: day,
      dueOn: day,
      concludedOn: day.nullable(),
      overdue: z.boolean(),
    }),
  ),
});

export type CountyData = z.infer<typeof countyDataSchema>;

/** Parses county.json bytes; a Chinese message naming the first problems when it does not fit. */
export function parseCountyData(bytes: Buffer | undefined): { ok: true; data: CountyData } | { ok: false; message: string } {
  if (!bytes) return { ok: false, message: `备案包中没有 ${COUNTY_DATA_FILE}（由旧版程序生成），县级汇总无法读取，请乡镇用新版程序重新导出` };
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8'));
  } catch {
    return { ok: false, message: `${COUNTY_DATA_FILE} 不是有效的 JSON` };
  }
  const parsed = countyDataSchema.safeParse(raw);
  if (!parsed.success) {
    const where = parsed.error.issues
      .slice(0, 3)
      .map((i) => i.path.join('.'))
      .join('、');
    return { ok: false, message: `${COUNTY_DATA_FILE} 格式不符（${where}），不是本程序生成的数据` };
  }
  return { ok: true, data: parsed.data };
}
