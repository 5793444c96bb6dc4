// Builds each document's template data from the registry: every value decided here (labels, reasons, legal
// texts in force), so the templates in src/documents only lay it out. Pure reads; nothing is written.
import {
  AppError,
  DISABILITY_TYPE_LABELS,
  DOCUMENT_KIND_LABELS,
  HOUSEHOLD_DOCUMENT_KINDS,
  LABOR_CAPACITY_LABELS,
  SEX_LABELS,
  type DocumentKind,
  type Household,
  type IssueOptions,
  type Person,
  type SavedDetermination,
  type Settings,
} from '../contract';
import { isRecipientKind } from '../domain/workflow';
import { denialNoticeWording, ineligibilityGrounds, isWordingProblem, stopNoticeWording } from '../domain/notice-wording';
import { applicationDateOf, caseOfNotice, decidingOf, decidingSaved, decisionDateOf, paidMonthlyAmount } from './notice-facts';
import {
  authorization,
  AUTHORIZATION_TITLE,
  declaration,
  DECLARATION_TITLE,
  denialNotice,
  DENIAL_NOTICE_TITLE,
  HOME_VISIT_TITLE,
  homeVisitForm,
  ineligibleRegister,
  INELIGIBLE_REGISTER_TITLE,
  PERSON_SUMMARY_TITLE,
  personSummary,
  publicNotice,
  publicNoticeTitle,
  stopNotice,
  STOP_NOTICE_TITLE,
  toPublicRow,
  type DocDefinition,
  type MemberLine,
  type NoticeContacts,
  type PersonSummaryRow,
  type PublicRow,
  type SupervisionPhones,
} from '../documents';
import { CATEGORY_LABELS } from '../domain/determination';
import { householdIdsOfVillage, latestHouseholdDocument } from '../store/documents';
import { campaignAnnex } from './application-annexes';
import { approvalRound } from './approval-notice';
import { hearingDocument } from './hearing-documents';
import { meetingDocument } from './meeting-documents';
import { screeningSheetDocument } from './screening-sheet-data';
import { listDeterminations, type DeterminationRecord } from '../store/determinations';
import { today, type Ctx } from './context';
import { requireOffice, townshipShortName } from './document-settings';
import { requireHousehold } from './households';
import { legalTextOn } from './legal-texts';
import { requireVillage } from './villages';

export type BuildRequest = { kind: DocumentKind; householdId: number | null; villageId: number | null; options: IssueOptions };

export type BuiltDocument = {
  kind: DocumentKind;
  householdId: number | null;
  villageId: number | null;
  subject: string;
  title: string;
  /** The exact data the template was given: stored with the document, enough to show what it said. */
  snapshot: unknown;
  definition: DocDefinition;
};

export const isHouseholdKind = (kind: DocumentKind): boolean => (HOUSEHOLD_DOCUMENT_KINDS as readonly string[]).includes(kind);

const latestSaved = (ctx: Ctx, householdId: number): SavedDetermination | null => {
  const r: DeterminationRecord | undefined = listDeterminations(ctx.db, householdId)[0];
  return r ? (r as unknown as SavedDetermination) : null;
};

/** Whether the denial notice can be issued, and why not (shown as the button's tooltip too). */
export function denialBlocker(ctx: Ctx, householdId: number): string | null {
  const d = latestSaved(ctx, householdId);
  if (!d) return '该户还没有保存的测算结果：请先测算并保存，认定为「不符合条件」后才能出具不予批准通知书';
  if (d.category !== 'ineligible') {
    return `该户最近一次保存的测算结果为「${CATEGORY_LABELS[d.category]}」，不能出具不予批准通知书`;
  }
  return null;
}

const contactsOf = (office: Settings): NoticeContacts => ({
  issuerPhone: office.townshipPhone,
  reviewBody: office.countyGovernmentName,
  reviewBodyPhone: office.countyGovernmentPhone,
});

function phonesOf(ctx: Ctx): SupervisionPhones {
  const office = requireOffice(ctx);
  return { township: office.officePhone, county: office.countyCentrePhone, townshipLabel: office.officeName };
}

export function healthLabel(p: Person): string {
  const parts: string[] = [];
  if (p.seriousIllness) parts.push('重病');
  if (p.disabilityType && p.disabilityLevel) parts.push(`${DISABILITY_TYPE_LABELS[p.disabilityType]}${'一二三四'[p.disabilityLevel - 1]}级`);
  if (p.severeDisabilityNoSelfCare) parts.push('重残（生活不能自理）');
  if (p.mentalHospitalized) parts.push('精神残疾住院');
  return parts.length ? parts.join('、') : '健康';
}

function memberLines(h: Household): MemberLine[] {
  return h.members.map((m) => ({
    name: m.name,
    relation: m.relation,
    sex: SEX_LABELS[m.sex],
    idNumber: m.idNumber,
    health: healthLabel(m),
    laborCapacity: LABOR_CAPACITY_LABELS[m.laborCapacity],
    monthlyIncome: m.monthlyIncome,
  }));
}

/** 附件2's 残疾类别及等级 of one member: 「肢体残疾二级」, with 「重残」/「住院」 when the facts say so. */
export function disabilityLabel(p: Person): string {
  if (!p.disabilityType || !p.disabilityLevel) return '';
  const notes = [p.severeDisabilityNoSelfCare ? '生活不能自理' : '', p.mentalHospitalized ? '住院' : ''].filter(Boolean);
  return `${DISABILITY_TYPE_LABELS[p.disabilityType]}${'一二三四'[p.disabilityLevel - 1]}级${notes.length ? `（${notes.join('、')}）` : ''}`;
}

/**
 * 附件2 rows of one household: every member with the facts the county's verification platform needs, the head
 * first. 人员类别 comes from the determination the case rests on; the supporters are printed on the head's line.
 */
export function personSummaryRows(
  h: Household,
  applicationType: '现有低保户' | '新申请',
  extra: { determination?: SavedDetermination | null; supporters?: readonly { name: string; relation: string }[] } = {},
): PersonSummaryRow[] {
  const classes = new Map<number, string>();
  const d = extra.determination;
  if (d && d.category !== 'ineligible') {
    for (const c of d.snapshot.result.covered) {
      const personId = d.snapshot.members[c.index]?.personId;
      if (personId !== undefined) classes.set(personId, `${c.class}类`);
    }
  }
  const members = [...h.members].sort((a, b) => Number(b.id === h.headPersonId) - Number(a.id === h.headPersonId));
  const supporters = (extra.supporters ?? []).map((s) => `${s.name}（${s.relation}）`).join('、');
  return members.map((m, i) => ({
    village: h.villageName,
    headName: headOf(h),
    name: m.name,
    relation: m.relation,
    sex: SEX_LABELS[m.sex],
    idNumber: m.idNumber,
    householdSize: h.size,
    health: m.seriousIllness ? '重病' : '健康',
    disability: disabilityLabel(m),
    laborCapacity: LABOR_CAPACITY_LABELS[m.laborCapacity],
    personClass: classes.get(m.id) ?? '',
    monthlyIncome: m.monthlyIncome,
    ...(i === 0 && supporters ? { supporters } : {}),
    applicationType,
  }));
}

/** "A类1人、B类2人" from the covered members of a saved determination. */
export function personClassLabel(d: SavedDetermination): string {
  const counts = new Map<string, number>();
  for (const c of d.snapshot.result.covered) counts.set(c.class, (counts.get(c.class) ?? 0) + 1);
  return [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([cls, n]) => `${cls}类${n}人`)
    .join('、');
}

const subjectOf = (h: Household) => `${h.villageName} ${h.headName ?? '（未设户主）'}户`;
const headOf = (h: Household) => h.headName ?? '（未设户主）';
const addDays = (iso: string, days: number): string => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
const nextMonth = (iso: string): string => {
  const [y, m] = iso.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

/**
 * The template data and definition of one document as it would be issued today under `documentNumber`.
 * Refuses, with a Chinese message, documents the facts do not support (a denial without an ineligible
 * determination, a stop notice for a household not on the roll).
 */
export function buildDocument(ctx: Ctx, req: BuildRequest, documentNumber: string | null): BuiltDocument {
  const issueDate = today(ctx.clock);
  const office = requireOffice(ctx);
  const township = townshipShortName(office);
  const label = DOCUMENT_KIND_LABELS[req.kind];
  const meta = { issuer: office.townshipName, issueDate, ...(documentNumber ? { documentNumber } : {}) };

  if (isHouseholdKind(req.kind)) {
    const h = requireHousehold(ctx, req.householdId!);
    const base = { householdId: h.id, villageId: h.villageId, subject: subjectOf(h) };
    switch (req.kind) {
      case 'denial-notice': {
        // The township panel may refuse an eligible determination with a written reason (审批); that reason is
        // the notice's reason then. Otherwise the notice quotes the grounds of the ineligible determination the
        // case was decided on (src/domain/notice-wording.ts).
        const decisionReason = req.options.decisionReason ?? null;
        const c = caseOfNotice(ctx, h.id, req.options.caseId);
        const d = decidingSaved(ctx, h.id, c);
        if (!decisionReason) {
          if (!d) throw new AppError('WORKFLOW', denialBlocker(ctx, h.id) ?? '该户没有保存的测算结果');
          if (d.category !== 'ineligible') throw new AppError('WORKFLOW', `该户据以决定的测算结果为「${CATEGORY_LABELS[d.category]}」，不能出具不予批准通知书`);
        }
        const wording = denialNoticeWording({ determination: d ? decidingOf(d) : null, panelReason: decisionReason });
        if (isWordingProblem(wording)) throw new AppError('WORKFLOW', wording.message);
        const applicationDate = req.options.applicationDate ?? (c ? applicationDateOf(ctx, c) : null);
        if (!applicationDate) throw new AppError('WORKFLOW', '该户没有申请案件，无法确定申请日期：不予批准通知书须由案件办理中的决定步骤出具');
        const data = {
          ...meta,
          addressee: d?.snapshot.household.headName ?? headOf(h),
          reviewOfRecipient: c !== null && isRecipientKind(c.kind),
          applicationDate,
          decisionDate: req.options.decisionDate ?? (c ? decisionDateOf(ctx, c, ['deny', 'confirm-denial']) : null) ?? issueDate,
          reasons: wording.reasons,
          legalBasis: legalTextOn(ctx, 'legal-basis', issueDate, office),
          remedies: legalTextOn(ctx, 'remedies', issueDate, office),
          contacts: contactsOf(office),
          supervisionPhones: phonesOf(ctx),
        };
        return {
          ...base,
          kind: req.kind,
          title: `${DENIAL_NOTICE_TITLE}（${data.addressee}）`,
          snapshot: { ...data, determinationId: d?.id ?? null, caseId: c?.id ?? null },
          definition: denialNotice(data),
        };
      }
      case 'stop-notice': {
        const c = caseOfNotice(ctx, h.id, req.options.caseId);
        // A correction of an issued stop names its case: the household is off the roll by then, and that is right.
        if (h.status !== 'recipient' && !req.options.caseId) throw new AppError('WORKFLOW', '只有在保户才能出具停发通知书');
        const d = decidingSaved(ctx, h.id, c);
        const wording = stopNoticeWording({ determination: d ? decidingOf(d) : null, writtenReason: req.options.stopReason });
        if (isWordingProblem(wording)) throw new AppError('WORKFLOW', wording.message);
        const decisionDate = req.options.decisionDate ?? issueDate;
        const data = {
          ...meta,
          addressee: headOf(h),
          decisionDate,
          stopFromMonth: nextMonth(decisionDate),
          previousMonthlyAmount: paidMonthlyAmount(ctx, h.id),
          reasons: wording.reasons,
          legalBasis: legalTextOn(ctx, 'legal-basis', issueDate, office),
          remedies: legalTextOn(ctx, 'remedies', issueDate, office),
          contacts: contactsOf(office),
          supervisionPhones: phonesOf(ctx),
        };
        return {
          ...base,
          kind: req.kind,
          title: `${STOP_NOTICE_TITLE}（${data.addressee}）`,
          snapshot: { ...data, fromDetermination: wording.fromDetermination, determinationId: d?.id ?? null, caseId: c?.id ?? null },
          definition: stopNotice(data),
        };
      }
      case 'home-visit-form': {
        const data = {
          township,
          village: h.villageName,
          headName: headOf(h),
          address: h.address,
          ...(h.phone ? { phone: h.phone } : {}),
          visitType: h.status === 'recipient' ? '复核（现有低保户）' : '新申请',
          members: memberLines(h),
        };
        return { ...base, kind: req.kind, title: `${HOME_VISIT_TITLE}（${data.headName}）`, snapshot: data, definition: homeVisitForm(data) };
      }
      case 'authorization': {
        const data = {
          township,
          village: h.villageName,
          verifyingAuthority: office.countyBureauName,
          verifyingAuthorityPhone: office.countyBureauPhone,
          headName: headOf(h),
          members: memberLines(h),
        };
        return { ...base, kind: req.kind, title: `${AUTHORIZATION_TITLE}（${data.headName}）`, snapshot: data, definition: authorization(data) };
      }
      case 'declaration': {
        const head = h.members.find((m) => m.id === h.headPersonId) ?? h.members[0];
        if (!head) throw new AppError('WORKFLOW', '该户没有成员，不能出具申请声明书');
        const data = {
          township,
          village: h.villageName,
          applicantName: head.name,
          applicantIdNumber: head.idNumber,
          address: h.address,
          householdSize: h.size,
          // Room for the applicant's own words when the clerk has none to prefill: three lines keep the signed
          // statement on one page.
          hardship: req.options.hardship ?? '\u3000\n\u3000\n\u3000',
        };
        return { ...base, kind: req.kind, title: `${DECLARATION_TITLE}（${data.applicantName}）`, snapshot: data, definition: declaration(data) };
      }
    }
  }

  // A 审核/审批 meeting's record: the township panel's meeting belongs to no village.
  if (req.kind === 'meeting-record' && req.options.meetingId) return meetingDocument(ctx, req.options.meetingId, township, issueDate);
  const village = requireVillage(ctx, req.villageId!);
  if (req.kind === 'meeting-record' || (req.kind === 'public-notice' && req.options.noticeKind === 'evaluation')) {
    return hearingDocument(ctx, req, village, meta, township);
  }
  if (req.kind === 'screening-sheet') return screeningSheetDocument(ctx, req.options.campaignId ?? null, village, { township, issueDate });
  if (req.kind === 'filing-register' || (req.kind === 'person-summary' && req.options.campaignId)) {
    if (!req.options.campaignId) throw new AppError('VALIDATION', '备案登记表须按专项治理工作出具', [{ path: 'options.campaignId', message: '请选择专项治理工作' }]);
    return campaignAnnex(ctx, req.kind, req.options.campaignId, village, { township, issueDate });
  }
  const base = { householdId: null, villageId: village.id, subject: village.name };
  const households = householdIdsOfVillage(ctx.db, village.id).map((id) => ({ h: requireHousehold(ctx, id), d: latestSaved(ctx, id) }));
  switch (req.kind) {
    case 'public-notice': {
      const noticeKind = req.options.noticeKind ?? 'approval';
      const common = { ...meta, direction: 'addition' as const, scope: `${township}${village.name}`, supervisionPhones: phonesOf(ctx) };
      if (noticeKind === 'approval') {
        // This round only (issue 12): the approval meeting's 新增 and the round's 退出, not every current recipient.
        const round = approvalRound(ctx, village, req.options.meetingId);
        const postingStart = req.options.postingStart ?? issueDate;
        const data = {
          ...common,
          kind: noticeKind,
          round: round.round,
          postingStart,
          postingEnd: addDays(postingStart, (req.options.postingDays ?? 7) - 1),
          rows: round.rows,
          exits: round.exits,
        };
        return {
          ...base,
          kind: req.kind,
          title: `${data.scope}${publicNoticeTitle(noticeKind, 'addition')}`,
          snapshot: { ...data, meetingId: round.meeting.id },
          definition: publicNotice(data),
        };
      }
      const rows: PublicRow[] = households
        .filter(({ h, d }) => h.status === 'recipient' && d !== null && d.category !== 'ineligible')
        .map(({ h, d }) =>
          // Only the fields spec §9 allows, copied through the template's own whitelist.
          toPublicRow({
            village: h.villageName,
            headName: d!.snapshot.household.headName ?? headOf(h),
            householdSize: d!.snapshot.members.length,
            category: CATEGORY_LABELS[d!.category],
            personClass: personClassLabel(d!),
            coveredPersons: d!.snapshot.result.covered.length,
            monthlyAmount: d!.monthlyTotal,
          }),
        );
      if (rows.length === 0) throw new AppError('WORKFLOW', `「${village.name}」没有已保存测算结果的在保户，无可公示的对象`);
      // 长期公示 has no window: the roll stays posted while the households receive it.
      const data = { ...common, kind: noticeKind, rows };
      return { ...base, kind: req.kind, title: `${data.scope}${publicNoticeTitle(noticeKind, 'addition')}`, snapshot: data, definition: publicNotice(data) };
    }
    case 'person-summary': {
      const rows = households
        .filter(({ d }) => d !== null)
        .flatMap(({ h, d }) => personSummaryRows(h, h.status === 'recipient' ? '现有低保户' : '新申请', { determination: d }));
      if (rows.length === 0) throw new AppError('WORKFLOW', `「${village.name}」没有保存测算结果的家庭，无可汇总的人员`);
      const data = { township, village: village.name, fillDate: issueDate, rows };
      return { ...base, kind: req.kind, title: `${village.name}${PERSON_SUMMARY_TITLE}`, snapshot: data, definition: personSummary(data) };
    }
    case 'ineligible-register': {
      const rows = households
        .filter(({ d }) => d?.category === 'ineligible')
        .map(({ h, d }) => {
          const notice = latestHouseholdDocument(ctx.db, h.id, 'denial-notice');
          const c = caseOfNotice(ctx, h.id, null);
          return {
            village: h.villageName,
            headName: headOf(h),
            headIdNumber: (h.members.find((m) => m.id === h.headPersonId) ?? h.members[0])?.idNumber ?? '',
            householdSize: h.size,
            perCapitaIncome: Math.round(d!.snapshot.result.perCapitaIncome * 100) / 100,
            // As the denial notice says it: the application step of the case, not the day of registration.
            applicationDate: (notice?.snapshot as { applicationDate?: string } | undefined)?.applicationDate ?? (c ? applicationDateOf(ctx, c) : h.createdAt.slice(0, 10)),
            reason: (ineligibilityGrounds(decidingOf(d!)) ?? d!.snapshot.result.reasons).join('；'),
            ...(notice?.documentNumber
              ? { noticeNumber: notice.documentNumber, noticeDate: (notice.snapshot as { issueDate?: string }).issueDate ?? notice.issuedAt.slice(0, 10) }
              : {}),
          };
        });
      if (rows.length === 0) throw new AppError('WORKFLOW', `「${village.name}」没有认定为不符合条件的家庭`);
      const data = { township, village: village.name, fillDate: issueDate, rows };
      return { ...base, kind: req.kind, title: `${village.name}${INELIGIBLE_REGISTER_TITLE}`, snapshot: data, definition: ineligibleRegister(data) };
    }
  }
  throw new AppError('VALIDATION', `不支持的文书类型：${label}`);
}
