// 第二步申请 (plan 三(二)): materials received, the legally obliged supporters, the signatures of the village
// party secretary and the area cadre, and the 近亲属 declaration; then the case goes to the township for 核对.
import type { z } from 'zod';
import {
  AppError,
  CHECKLIST_LABELS,
  DEFAULT_MATERIALS,
  DEFAULT_REVIEW_MATERIALS,
  type Checklist,
  type ApplicationView,
  type CaseDetail,
  type MaterialItem,
  type Signature,
} from '../contract';
import type { applicationUpdateSchema, materialsSettingsSchema, supporterSchema } from '../contract/commands/case-steps';
import { parseIdNumber } from '../domain/id-number';
import type { CaseRow } from '../store/campaigns';
import {
  deleteSupporter,
  getApplication,
  getSupporter,
  insertSupporter,
  listMaterials,
  listSupporters,
  putApplication,
  putMaterial,
  type ApplicationRow,
} from '../store/case-files';
import { getSetting, putSetting } from '../store/settings';
import { audit } from './audit';
import { caseDetail, requireCase, transition } from './cases';
import { mayEditStep, requireStepCase } from './case-step-access';
import { nowIso, today, type Ctx } from './context';
import { assertDateOrder } from './date-order';

const SETTING_KEYS: Record<Checklist, string> = { application: 'application-materials', review: 'review-materials' };
const DEFAULTS: Record<Checklist, readonly MaterialItem[]> = { application: DEFAULT_MATERIALS, review: DEFAULT_REVIEW_MATERIALS };
/** New item keys of the two lists never meet, so a tick always belongs to one list's item. */
const KEY_PREFIX: Record<Checklist, string> = { application: 'item-', review: 'review-item-' };

/** A new application brings the application materials; a recipient's review (维持 / 拟退出) its own 复核材料. */
export const checklistOf = (c: Pick<CaseRow, 'kind'>): Checklist => (c.kind === 'new-application' ? 'application' : 'review');

// ---------------------------------------------------------------- checklist setting

export function materialItems(ctx: Ctx, checklist: Checklist = 'application'): MaterialItem[] {
  const raw = getSetting(ctx.db, SETTING_KEYS[checklist]);
  return raw === null ? DEFAULTS[checklist].map((m) => ({ ...m })) : (JSON.parse(raw) as MaterialItem[]);
}

/** Keeps each item's key (so ticks already given stay with their item); new items get a fresh key. */
export function materialsSettingsUpdate(ctx: Ctx, input: z.output<typeof materialsSettingsSchema>): MaterialItem[] {
  return ctx.db.transaction(() => {
    const checklist = input.checklist;
    const before = materialItems(ctx, checklist);
    const used = new Set<string>();
    const known = new Set(before.map((m) => m.key));
    let n = 1;
    const items = input.items.map((i) => {
      let key = i.key && known.has(i.key) && !used.has(i.key) ? i.key : null;
      while (key === null || used.has(key)) {
        const candidate = `${KEY_PREFIX[checklist]}${n++}`;
        if (!known.has(candidate) && !used.has(candidate)) key = candidate;
      }
      used.add(key);
      return { key, label: i.label, required: i.required };
    });
    putSetting(ctx.db, SETTING_KEYS[checklist], JSON.stringify(items));
    audit(ctx, 'materials-settings-update', 'settings', null, { checklist, items: before }, { checklist, items });
    return items;
  })();
}

// ---------------------------------------------------------------- the case's application

const EMPTY: Omit<ApplicationRow, 'updatedAt' | 'updatedBy'> = {
  secretaryName: null,
  secretaryDate: null,
  cadreName: null,
  cadreDate: null,
  isStaffRelative: false,
  staffRelativeOf: null,
  staffRelativePost: null,
  staffRelation: null,
};

const signature = (name: string | null, date: string | null): Signature | null => (name && date ? { name, date } : null);

/** What stops submitting: required materials not received, signatures not recorded. */
export function applicationMissing(ctx: Ctx, caseId: number): string[] {
  const checklist = checklistOf(requireCase(ctx, caseId));
  const received = new Set(listMaterials(ctx.db, caseId).filter((m) => m.received).map((m) => m.key));
  const missingItems = materialItems(ctx, checklist).filter((m) => m.required && !received.has(m.key));
  const a = getApplication(ctx.db, caseId);
  const out: string[] = [];
  if (missingItems.length) out.push(`缺少${CHECKLIST_LABELS[checklist]}：${missingItems.map((m) => m.label).join('、')}`);
  if (!signature(a?.secretaryName ?? null, a?.secretaryDate ?? null)) out.push('村书记尚未签字确认');
  if (!signature(a?.cadreName ?? null, a?.cadreDate ?? null)) out.push('分片村干部尚未签字确认');
  return out;
}

export function isStaffRelativeCase(ctx: Ctx, caseId: number): boolean {
  return getApplication(ctx.db, caseId)?.isStaffRelative ?? false;
}

function view(ctx: Ctx, c: CaseRow): ApplicationView {
  const ticks = new Map(listMaterials(ctx.db, c.id).map((m) => [m.key, m]));
  const a = getApplication(ctx.db, c.id);
  const checklist = checklistOf(c);
  return {
    caseId: c.id,
    state: c.state,
    checklist,
    materials: materialItems(ctx, checklist).map((m) => {
      const t = ticks.get(m.key);
      return { ...m, received: t?.received ?? false, updatedAt: t?.updatedAt ?? null, updatedBy: t?.updatedBy ?? null };
    }),
    supporters: listSupporters(ctx.db, c.id).map(({ caseId: _c, ...s }) => s),
    secretary: signature(a?.secretaryName ?? null, a?.secretaryDate ?? null),
    cadre: signature(a?.cadreName ?? null, a?.cadreDate ?? null),
    isStaffRelative: a?.isStaffRelative ?? false,
    staffRelativeOf: a?.staffRelativeOf ?? null,
    staffRelativePost: a?.staffRelativePost ?? null,
    staffRelation: a?.staffRelation ?? null,
    missing: applicationMissing(ctx, c.id),
    canEdit: mayEditStep(ctx, c, 'submit-application'),
  };
}

export function caseApplicationGet(ctx: Ctx, input: { caseId: number }): ApplicationView {
  return view(ctx, requireCase(ctx, input.caseId));
}

export function caseMaterialSet(ctx: Ctx, input: { caseId: number; key: string; received: boolean }): ApplicationView {
  return ctx.db.transaction(() => {
    const c = requireStepCase(ctx, input.caseId, 'submit-application');
    const checklist = checklistOf(c);
    const item = materialItems(ctx, checklist).find((m) => m.key === input.key);
    if (!item) throw new AppError('VALIDATION', `该材料不在${CHECKLIST_LABELS[checklist]}清单中`, [{ path: 'key', message: '材料不存在' }]);
    const before = listMaterials(ctx.db, c.id).find((m) => m.key === item.key) ?? null;
    const row = { key: item.key, label: item.label, received: input.received, updatedAt: nowIso(ctx.clock), updatedBy: ctx.actor.name };
    putMaterial(ctx.db, c.id, row);
    audit(ctx, 'case-material-set', 'case', c.id, before, row);
    return view(ctx, c);
  })();
}

export function caseApplicationUpdate(ctx: Ctx, input: z.output<typeof applicationUpdateSchema>): ApplicationView {
  return ctx.db.transaction(() => {
    const c = requireStepCase(ctx, input.caseId, 'submit-application');
    for (const [path, s] of [
      ['secretary.date', input.secretary],
      ['cadre.date', input.cadre],
    ] as const) {
      if (s) assertDateOrder(ctx, { label: '签字日期', date: s.date, path }, []);
    }
    const before = getApplication(ctx.db, c.id);
    const row: ApplicationRow = {
      ...EMPTY,
      secretaryName: input.secretary?.name ?? null,
      secretaryDate: input.secretary?.date ?? null,
      cadreName: input.cadre?.name ?? null,
      cadreDate: input.cadre?.date ?? null,
      isStaffRelative: input.isStaffRelative,
      staffRelativeOf: input.isStaffRelative ? input.staffRelativeOf : null,
      staffRelativePost: input.isStaffRelative ? input.staffRelativePost : null,
      staffRelation: input.isStaffRelative ? input.staffRelation : null,
      updatedAt: nowIso(ctx.clock),
      updatedBy: ctx.actor.name,
    };
    putApplication(ctx.db, c.id, row);
    audit(ctx, 'case-application-update', 'case', c.id, before, row);
    return view(ctx, c);
  })();
}

export function caseSupporterAdd(ctx: Ctx, input: z.output<typeof supporterSchema>): ApplicationView {
  return ctx.db.transaction(() => {
    const c = requireStepCase(ctx, input.caseId, 'submit-application');
    const parsed = parseIdNumber(input.idNumber, today(ctx.clock));
    if (!parsed.ok) throw new AppError('VALIDATION', `身份证号码：${parsed.error}`, [{ path: 'idNumber', message: parsed.error }]);
    if (listSupporters(ctx.db, c.id).some((s) => s.idNumber === parsed.value.idNumber)) {
      throw new AppError('CONFLICT', '该赡养（抚养、扶养）人已登记', [{ path: 'idNumber', message: '已登记' }]);
    }
    const row = {
      caseId: c.id,
      name: input.name,
      relation: input.relation,
      idNumber: parsed.value.idNumber,
      phone: input.phone,
      monthlyIncome: input.monthlyIncome,
      supportProvided: input.supportProvided,
      createdAt: nowIso(ctx.clock),
      createdBy: ctx.actor.name,
    };
    const id = insertSupporter(ctx.db, row);
    audit(ctx, 'case-supporter-add', 'case', c.id, null, { id, ...row });
    return view(ctx, c);
  })();
}

export function caseSupporterRemove(ctx: Ctx, input: { caseId: number; id: number }): ApplicationView {
  return ctx.db.transaction(() => {
    const c = requireStepCase(ctx, input.caseId, 'submit-application');
    const s = getSupporter(ctx.db, input.id);
    if (!s || s.caseId !== c.id) throw new AppError('NOT_FOUND', '找不到该赡养（抚养、扶养）人');
    deleteSupporter(ctx.db, s.id);
    audit(ctx, 'case-supporter-remove', 'case', c.id, s, null);
    return view(ctx, c);
  })();
}

/** 申请 → 核对: refused, with everything missing listed, until the materials and both signatures are there. */
export function caseSubmitApplication(ctx: Ctx, input: { caseId: number; note: string | null }): CaseDetail {
  return ctx.db.transaction(() => {
    const c = requireStepCase(ctx, input.caseId, 'submit-application');
    const missing = applicationMissing(ctx, c.id);
    if (missing.length) throw new AppError('WORKFLOW', `申请材料不全，不能提交：${missing.join('；')}`);
    const a = getApplication(ctx.db, c.id)!;
    transition(ctx, c.id, 'submit-application', {
      to: 'verification',
      note: input.note,
      data: {
        materials: listMaterials(ctx.db, c.id).filter((m) => m.received).map((m) => m.label),
        supporters: listSupporters(ctx.db, c.id).length,
        secretary: signature(a.secretaryName, a.secretaryDate),
        cadre: signature(a.cadreName, a.cadreDate),
        isStaffRelative: a.isStaffRelative,
      },
    });
    return caseDetail(ctx, c.id);
  })();
}
