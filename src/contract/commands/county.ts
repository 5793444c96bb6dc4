import { z } from 'zod';
import { ADMIN, OFFICE, countyCommand } from '../command';
import { scope } from '../scope';
import { idSchema, textString } from '../schemas';

// The county bureau's desk (issue 15): receiving the townships' filing packages with key pinning, the townships,
// the county summary and the cross-township checks. Every command here exists only in a county office.

export type CountySource = { path: string; label: string; kind: 'default' | 'removable'; packages: { path: string; name: string; isZip: boolean }[] };

/** What receiving a package would do, shown before the clerk confirms. */
export type CountyInspection = {
  path: string;
  ok: boolean;
  /** Why it cannot be received (a bad hash or signature, a foreign key, no county data): Chinese lines. */
  problems: string[];
  township: string | null;
  packageName: string | null;
  createdAt: string | null;
  campaignName: string | null;
  villages: string[];
  counts: Record<string, number> | null;
  manifestSha256: string | null;
  /** The signing key (hex) and the same in 16 groups of four, as printed on the cover sheet. */
  fingerprint: string | null;
  fingerprintGroups: string[];
  /**
   * new-township: its first package, the key must be confirmed against the cover sheet; pinned: signed by the pinned
   * key; key-mismatch: signed by another key (refused until an administrator re-pins); invalid: not a sound package.
   */
  keyStatus: 'new-township' | 'pinned' | 'key-mismatch' | 'invalid';
  pinnedFingerprint: string | null;
  /** What receiving would do with the township's packages of the same scope. */
  effect: 'new' | 'supersedes' | 'identical' | 'older' | null;
};

export type CountyReceiveResult = {
  outcome: 'received' | 'supersedes' | 'identical' | 'older';
  message: string;
  packageId: number | null;
  township: string;
  counts: { households: number; persons: number; outcomes: number; cases: number } | null;
};

export type CountyPackageView = {
  id: number;
  name: string;
  createdAt: string;
  receivedAt: string;
  receivedBy: string;
  campaignName: string;
  villages: string[];
  dateFrom: string | null;
  dateTo: string | null;
  manifestSha256: string;
  fingerprint: string;
  counts: Record<string, number>;
  superseded: boolean;
};

export type CountyTownshipView = {
  id: number;
  name: string;
  firstReceivedAt: string;
  pinnedFingerprint: string | null;
  pins: { fingerprint: string; pinnedAt: string; pinnedBy: string; how: 'first' | 'repin'; reason: string | null }[];
  packages: CountyPackageView[];
};

export type CountyFigures = {
  households: number;
  persons: number;
  monthlyTotal: number;
  byCategory: Record<string, { households: number; persons: number; monthlyTotal: number }>;
  byClass: Record<string, number>;
  approvals: number;
  refusals: number;
  exits: number;
  cases: number;
  overdue: number;
  relatives: number;
  relativesFullVisit: number;
  /** Covered persons whose ID number is also covered elsewhere (another township or household): see 交叉比对. */
  duplicates: number;
};

export type CountyCaseLine = {
  township: string;
  packageName: string;
  caseRef: number;
  village: string;
  headName: string;
  state: string;
  staffRelativeOf: string | null;
  fullVisit: boolean | null;
  startedOn: string;
  dueOn: string;
  concludedOn: string | null;
};

export type CountySummary = {
  countyName: string;
  generatedAt: string;
  rows: (CountyFigures & { townshipId: number; township: string; packages: number; latestPackageAt: string | null })[];
  total: CountyFigures;
  relatives: CountyCaseLine[];
  overdue: CountyCaseLine[];
};

export type CrossCheckKind = 'two-townships' | 'two-households' | 'approved-and-exited' | 'too-old' | 'impossible-birth-date';

export type CrossCheckSource = {
  township: string;
  packageName: string;
  village: string;
  headName: string;
  /** The township's household (花名册) or case number, as in its own package. */
  householdRef: number | null;
  caseRef: number | null;
  role: string;
};

export type CrossCheckFinding = {
  kind: CrossCheckKind;
  idNumber: string;
  name: string;
  detail: string;
  sources: CrossCheckSource[];
};

export type CrossCheckResult = { generatedAt: string; counts: Record<CrossCheckKind, number>; findings: CrossCheckFinding[] };

export type CountyFile = { fileName: string; base64: string };

const pathSchema = textString({ error: '请选择备案包' }).trim().min(1, '请选择备案包').max(1000, '路径过长');
const fingerprintSchema = z
  .string()
  .max(200, '密钥指纹过长')
  .transform((v) => v.replace(/[\s:-]/g, '').toUpperCase())
  .refine((v) => /^[0-9A-F]{64}$/.test(v), '密钥指纹应为 64 位十六进制数字（16 组，每组 4 位，可含空格）');

export const countyCommands = {
  'county-sources': countyCommand<CountySource[]>()(z.object({}), OFFICE, scope.office),
  'county-package-inspect': countyCommand<CountyInspection>()(z.object({ path: pathSchema }), OFFICE, scope.office),
  /**
   * Receives a package. The first package of a township needs `confirmFingerprint`: the key as read on the stamped
   * 备案报送单 (typed, or confirmed group by group on screen); it must equal the package's signer.
   */
  'county-package-receive': countyCommand<CountyReceiveResult>()(
    z.object({ path: pathSchema, confirmFingerprint: fingerprintSchema.nullish().transform((v) => v ?? null) }),
    OFFICE,
    scope.office,
  ),
  'county-township-list': countyCommand<CountyTownshipView[]>()(z.object({}), OFFICE, scope.office),
  /** A township's new key, read from its new stamped cover sheet: administrators only, with the reason, audited. */
  'county-township-repin': countyCommand<CountyTownshipView>()(
    z.object({
      townshipId: idSchema,
      fingerprint: fingerprintSchema,
      reason: textString({ error: '请填写重新登记的原因' }).trim().min(2, '请填写重新登记的原因').max(200, '原因不能超过200个字'),
    }),
    ADMIN,
    scope.office,
  ),
  'county-summary': countyCommand<CountySummary>()(z.object({}), OFFICE, scope.office),
  'county-summary-export': countyCommand<CountyFile>()(z.object({ format: z.enum(['xlsx', 'pdf'], { error: '请选择导出格式' }) }), OFFICE, scope.office),
  'county-cross-check': countyCommand<CrossCheckResult>()(z.object({}), OFFICE, scope.office),
  'county-cross-check-export': countyCommand<CountyFile>()(z.object({}), OFFICE, scope.office),
} as const;
