import { z } from 'zod';
import { ADMIN, OFFICE, command, everyOffice, type OfficeMode } from '../command';
import { scope } from '../scope';
import { dateSchema } from '../evaluation';
import { idSchema, textString } from '../schemas';

// 备案包 (filing package for the county), its verification, and backup/restore (issue 7).

export type FilingDestination = { path: string; label: string; kind: 'default' | 'removable' };

/** One line of the approved list (审批通过名单) as written to the package's Excel, PDF and lists.json. */
export type ApprovedListRow = {
  village: string;
  headName: string;
  headIdNumber: string;
  householdSize: number;
  coveredCount: number;
  personClass: string;
  monthlyTotal: number;
  paymentStart: string;
  decidedOn: string;
  decidedBy: string;
};

/** One line of the 附件4 list (不符合低保对象登记表) of the package. */
export type IneligibleListRow = {
  village: string;
  headName: string;
  /** Full ID number of the head (附件4 is filed with the county, never posted). */
  headIdNumber: string;
  householdSize: number;
  applicationDate: string;
  /** 家庭月人均收入 of the determination the refusal rests on, 元; null without one. */
  perCapitaIncome: number | null;
  reason: string;
  noticeNumber: string | null;
  noticeDate: string | null;
};

export type PackageFileEntry = { path: string; size: number; sha256: string };

/** The audit log's hash chain at a moment: its last row and that row's hash (issue 11). */
export type AuditChainHead = { id: number; hash: string };

/**
 * manifest.json of a filing package. Version 2 (issue 11) adds the signing key's fingerprint and the audit chain
 * head and is signed (signature.json); version 1 packages have neither and no longer pass verification.
 */
export type PackageManifest = {
  format: 'dibao-filing-package';
  version: 1 | 2;
  name: string;
  office: { townshipName: string; officeName: string };
  creator: { name: string; role: string };
  createdAt: string;
  scope: { campaignId: number; campaignName: string; villages: string[]; from: string | null; to: string | null };
  counts: { cases: number; approved: number; ineligible: number; documents: number; auditEntries: number };
  /** Version 2: the office key that signs this manifest (hex SHA-256 of the raw Ed25519 public key). */
  signer?: { algorithm: 'Ed25519'; fingerprint: string };
  /** Version 2: the office's whole audit log at export time, as its chain head. */
  auditChain?: { rows: number; head: AuditChainHead };
  files: PackageFileEntry[];
};

/** The package's signature as checked (issue 11). */
export type PackageSignature = {
  status: 'valid' | 'missing' | 'invalid';
  /** Hex SHA-256 of the signing public key, recomputed from the key in signature.json (null when unreadable). */
  fingerprint: string | null;
  /** The same, upper case in groups of four, as on the cover sheet. */
  fingerprintGrouped: string | null;
  /** The office named in the signed manifest. */
  office: string | null;
  /** The fingerprint the checker demanded (`--key`), null when none was given. */
  expectedFingerprint: string | null;
  /** Whether the key is the one of the office running this check (in the app), null in the CLI. */
  isThisOffice: boolean | null;
};

export type PackageFileStatus = 'ok' | 'missing' | 'altered' | 'extra';

export type PackageReport = {
  path: string;
  container: 'folder' | 'zip';
  ok: boolean;
  /** One Chinese line per problem (missing, extra or altered file, bad manifest or checksum list). */
  problems: string[];
  manifest: PackageManifest | null;
  /** SHA-256 of the exact manifest.json bytes, as printed on the cover sheet (null without a manifest). */
  manifestSha256: string | null;
  signature: PackageSignature;
  files: { path: string; size: number; sha256: string | null; status: PackageFileStatus }[];
  /** The approved and 附件4 lists read from the package's own lists.json (null when unreadable). */
  lists: { approved: ApprovedListRow[]; ineligible: IneligibleListRow[] } | null;
};

/** A package made on this PC, from the audit log's `filing-export` rows; `present`: its zip or folder is still there. */
export type FilingExportRecord = {
  auditId: number;
  at: string;
  by: string;
  campaignId: number | null;
  campaignName: string | null;
  folder: string;
  zip: string;
  counts: PackageManifest['counts'] | null;
  manifestSha256: string | null;
  present: boolean;
};

export type FilingResult = {
  folder: string;
  zip: string;
  name: string;
  fileCount: number;
  totalBytes: number;
  counts: PackageManifest['counts'];
  /** SHA-256 of manifest.json and the signing key's fingerprint, as on the cover sheet. */
  manifestSha256: string;
  fingerprint: string;
};

export type BackupKind = 'auto' | 'manual' | 'pre-restore';
export const BACKUP_KIND_LABELS: Record<BackupKind, string> = { auto: '自动备份', manual: '手动备份', 'pre-restore': '恢复前备份' };

export type BackupItem = { path: string; fileName: string; kind: BackupKind; createdAt: string; size: number };

export type BackupCounts = { households: number; persons: number; cases: number; documents: number; attachments: number };

/**
 * How a backup is protected. 'encrypted': AES-256-GCM with the office backup key (issue 11). 'legacy-plain': made
 * before encryption: anyone holding the file can read it and nothing proves where it came from, so restoring it
 * shows a warning.
 */
export type BackupProtection = 'encrypted' | 'legacy-plain';

/** Shown (UI and CLI) before an old unencrypted backup is restored. */
export const LEGACY_BACKUP_WARNING =
  '这是旧版本程序制作的未加密备份：其中的身份证号、银行账号等信息没有加密保护，也无法证明它出自本单位。请确认该文件来源可靠后再恢复；恢复后请删除 U 盘上的这份旧备份，今后的备份都会加密。';

/** What a backup holds, shown before a restore replaces anything (after the whole file has been checked). */
export type BackupSummary = {
  path: string;
  createdAt: string;
  kind: BackupKind;
  appVersion: string;
  /** The kind of office whose data it holds (乡镇民政所 / 县民政局). */
  mode: OfficeMode;
  schemaVersion: number;
  currentSchemaVersion: number;
  officeName: string | null;
  counts: BackupCounts;
  fileCount: number;
  size: number;
  protection: BackupProtection;
  /** The id of the key that opened it (null for an old unencrypted backup). */
  keyId: string | null;
  /** Where that key came from: this PC's key file, or the 恢复密钥 typed in (restoring on another PC). */
  keySource: 'this-pc' | 'recovery-key' | null;
  /** The office key that signed backup.json ('unsigned': an old backup, restorable with a warning). */
  signature: { status: 'valid' | 'unsigned'; fingerprint: string | null; fingerprintGrouped: string | null; isThisOffice: boolean | null };
  /** The audit chain of the database inside, as walked. */
  auditChain: { ok: boolean; rows: number; headId: number; brokenAt: number | null } | null;
  /** What the administrator must read before restoring (unsigned backup, broken chain, another office's key). */
  warnings: string[];
};

/** What an encrypted backup says about itself before it can be decrypted: for recognising it, not yet checked. */
export type BackupHeaderView = {
  path: string;
  createdAt: string;
  kind: BackupKind;
  appVersion: string;
  schemaVersion: number;
  officeName: string | null;
  counts: BackupCounts;
  fileCount: number;
  size: number;
  keyId: string;
};

/** backup-inspect: checked completely, or waiting for the recovery key (this PC does not have the backup's key). */
export type BackupInspection =
  | { state: 'verified'; summary: BackupSummary }
  | { state: 'key-required'; header: BackupHeaderView; message: string };

/** The office backup key as the backup page shows it: its id and how it is kept; never the key. */
export type BackupKeyState = {
  keyId: string | null;
  createdAt: string | null;
  /** 'file': a file only this user may read; 'safe-storage': wrapped by the operating system (Electron). */
  protection: 'file' | 'safe-storage' | null;
  /** When the 恢复密钥 sheet of the current key was printed, and by whom (null: not yet). */
  sheetPrintedAt: string | null;
  sheetPrintedBy: string | null;
};

export type RecoveryKeySheet = { fileName: string; base64: string; keyId: string };

export type BackupSettings = { keepDaily: number; keepMonthly: number };

export type BackupState = { dir: string; settings: BackupSettings; items: BackupItem[]; key: BackupKeyState };

/** `notes`: what the administrator should know afterwards (e.g. the recovery key became this PC's key). */
export type RestoreResult = { restored: BackupSummary; safetyBackup: BackupItem; notes: string[] };

const pathSchema = (label: string) => textString({ error: `请填写${label}` }).trim().min(1, `请填写${label}`).max(1000, `${label}过长`);
const optionalPath = textString()
  .trim()
  .max(1000, '路径过长')
  .nullish()
  .transform((v) => v || null);

/** Digits of a typed 恢复密钥: spaces, dashes and full-width digits are tolerated (the sheet groups them by four). */
export const RECOVERY_KEY_DIGITS = 80;
export const normalizeRecoveryKey = (v: string): string =>
  v.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[\s\-－—_]/g, '');
const recoveryKeySchema = z
  .string()
  .max(400, '恢复密钥过长')
  .nullish()
  .transform((v) => (v && v.trim() ? normalizeRecoveryKey(v) : null))
  .refine((v) => v === null || /^\d+$/.test(v), '恢复密钥只含数字，请对照恢复密钥单输入')
  .refine((v) => v === null || v.length === RECOVERY_KEY_DIGITS, `恢复密钥应为 ${RECOVERY_KEY_DIGITS} 位数字（空格和横线可不输入）`);

export const backupSettingsSchema = z.object({
  keepDaily: z.number().int().min(1, '至少保留1天').max(365, '不超过365天'),
  keepMonthly: z.number().int().min(0, '不能为负数').max(120, '不超过120个月'),
});

export const filingExportSchema = z
  .object({
    campaignId: idSchema,
    villageIds: z
      .array(idSchema)
      .nullish()
      .transform((v) => (v && v.length ? v : null)),
    from: dateSchema('开始日期').nullish().transform((v) => v ?? null),
    to: dateSchema('结束日期').nullish().transform((v) => v ?? null),
    destination: optionalPath,
  })
  .superRefine((v, ctx) => {
    if (v.from && v.to && v.from > v.to) ctx.addIssue({ code: 'custom', path: ['to'], message: '结束日期不能早于开始日期' });
  });

export const filingCommands = {
  'filing-destinations': command<FilingDestination[]>()(z.object({}), OFFICE, scope.office),
  'filing-export': command<FilingResult>()(filingExportSchema, OFFICE, scope.office),
  /** The packages made on this PC (the latest 20), so that the page shows what was filed and where it lies. */
  'filing-history': command<FilingExportRecord[]>()(z.object({}), OFFICE, scope.office),
  'filing-verify': command<PackageReport>()(
    z.object({
      path: pathSchema('备案包路径'),
      /** The county's `--key`: a mismatching signer fails verification. Spaces, colons and case do not matter. */
      expectedFingerprint: z
        .string()
        .trim()
        .max(200, '密钥指纹过长')
        .nullish()
        .transform((v) => v || null)
        .refine((v) => v === null || /^[0-9A-Fa-f]{64}$/.test(v.replace(/[\s:-]/g, '')), '密钥指纹应为 64 位十六进制数字（可含空格）'),
    }),
    OFFICE,
    scope.office,
  ),
  // A county database is backed up and restored the same way (issue 15).
  ...everyOffice({
  'backup-list': command<BackupState>()(z.object({}), OFFICE, scope.office),
  // A backup copies every ID and bank number of the office: only the administrator makes one by hand, to any
  // folder. The automatic backups (start-up and daily, into the data folder) do not go through a command.
  'backup-create': command<BackupItem>()(z.object({ destination: optionalPath }), ADMIN, scope.office),
  'backup-settings-update': command<BackupSettings>()(backupSettingsSchema, ADMIN, scope.office),
  'backup-inspect': command<BackupInspection>()(z.object({ path: pathSchema('备份文件路径'), recoveryKey: recoveryKeySchema }), ADMIN, scope.office),
  'backup-restore': command<RestoreResult>()(
    z.object({ path: pathSchema('备份文件路径'), confirm: z.literal('恢复', { error: '请输入「恢复」二字以确认' }), recoveryKey: recoveryKeySchema }),
    ADMIN,
    scope.office,
  ),
  /** The 恢复密钥 sheet (PDF) of the current backup key: printed once and kept in the safe. Never stored. */
  'backup-key-sheet': command<RecoveryKeySheet>()(z.object({}), ADMIN, scope.office),
  } as const),
} as const;
