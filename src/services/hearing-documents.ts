// The two documents of 听证审核 (plan 三(三)) built from the registry: the 评议听证会记录 of one hearing and the
// 评议结果公示 of one 公示 batch. Called by buildDocument (document-data.ts) for those kinds; pure reads.
import { AppError, type SavedDetermination, type Village } from '../contract';
import { MEETING_TITLES, meetingRecord, publicNotice, publicNoticeTitle, toPublicRow, type MeetingDecisionRow, type PublicRow } from '../documents';
import { CATEGORY_LABELS } from '../domain/determination';
import { passRuleText, votesText } from '../domain/hearing';
import { getCase, type CaseRow } from '../store/campaigns';
import { getDetermination, listDeterminations } from '../store/determinations';
import { batchCaseIds, getBatch, getHearing, hearingAttendees, hearingCalls, hearingCases } from '../store/hearings';
import type { Ctx } from './context';
import type { BuildRequest, BuiltDocument } from './document-data';
import { requireOffice } from './document-settings';

const VOTE_WORDS = { agree: '同意', disagree: '不同意', abstain: '弃权' } as const;

type Meta = { issuer: string; issueDate: string; documentNumber?: string };

/** The determination the case was decided on (frozen at 初审), else the household's latest saved one. */
export function caseDetermination(ctx: Ctx, c: CaseRow): SavedDetermination | null {
  const d = (c.determinationId !== null ? getDetermination(ctx.db, c.determinationId) : null) ?? listDeterminations(ctx.db, c.householdId)[0] ?? null;
  return d as unknown as SavedDetermination | null;
}

/** "A类1人、B类2人". */
function classLabel(d: SavedDetermination): string {
  const counts = new Map<string, number>();
  for (const c of d.snapshot.result.covered) counts.set(c.class, (counts.get(c.class) ?? 0) + 1);
  return [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([cls, n]) => `${cls}类${n}人`)
    .join('、');
}

/** Only the fields spec §9 allows on a public list, through the template's whitelist. */
export function publicRowOf(ctx: Ctx, c: CaseRow): PublicRow {
  const d = caseDetermination(ctx, c);
  if (!d || d.category === 'ineligible') throw new AppError('WORKFLOW', `「${c.headName ?? ''}户」没有认定符合条件的测算结果，不能列入评议结果公示`);
  return toPublicRow({
    village: c.villageName,
    headName: d.snapshot.household.headName ?? c.headName ?? '',
    householdSize: d.snapshot.members.length,
    category: CATEGORY_LABELS[d.category],
    personClass: classLabel(d),
    coveredPersons: d.snapshot.result.covered.length,
    monthlyAmount: d.monthlyTotal,
  });
}

function hearingRecordDocument(ctx: Ctx, village: Village, hearingId: number, meta: Meta, township: string): BuiltDocument {
  const h = getHearing(ctx.db, hearingId);
  if (!h || h.villageId !== village.id) throw new AppError('NOT_FOUND', '找不到该评议听证会');
  const attendees = hearingAttendees(ctx.db, h.id);
  const cases = hearingCases(ctx.db, h.id);
  const calls = hearingCalls(ctx.db, h.id);
  const caseRows = new Map(cases.map((hc) => [hc.caseId, getCase(ctx.db, hc.caseId)!]));
  const headOf = (caseId: number) => `${caseRows.get(caseId)?.headName ?? ''}户`;
  const decisions: MeetingDecisionRow[] = cases.map((hc) => {
    const c = caseRows.get(hc.caseId)!;
    const d = caseDetermination(ctx, c);
    return {
      village: c.villageName,
      headName: c.headName ?? '',
      householdSize: d ? d.snapshot.members.length : c.size,
      category: d ? CATEGORY_LABELS[d.category] : '',
      personClass: d ? classLabel(d) : '',
      monthlyAmount: d?.monthlyTotal ?? 0,
      result: hc.passed ? '通过' : '未通过',
      votes: votesText(
        { agree: hc.agree, disagree: hc.disagree, abstain: hc.abstain },
        { agree: hc.phoneAgree, disagree: hc.phoneDisagree, abstain: hc.phoneAbstain },
      ),
    };
  });
  const proceedings = [
    `会议由${h.host}主持，包村镇干${h.townshipCadre}、入户调查人员${h.investigators.join('、')}全程参加，${attendees.length}户各派一名代表参会。`,
    `会议重点评议评议对象的家庭收入和家庭财产状况。表决规则：${passRuleText(h.passPercent)}。`,
    ...cases.filter((hc) => hc.opinions).map((hc) => `${headOf(hc.caseId)}评议意见：${hc.opinions}`),
    ...calls.map(
      (call) =>
        `外出户${call.household}（${call.person}）由${call.caller}于${call.calledAt}电话征求意见：对${headOf(call.caseId)}表示${VOTE_WORDS[call.vote]}${call.opinion ? `，${call.opinion}` : ''}。`,
    ),
    ...(h.proceedings ? [h.proceedings] : []),
  ];
  const absentees = [...new Set(calls.map((call) => call.household))].map((hh) => `${hh}（外出，电话征求意见）`);
  const place = h.groupName ? `${village.name}${h.groupName}` : village.name;
  const data = {
    kind: 'hearing' as const,
    township,
    village: place,
    date: h.meetingDate,
    ...(h.meetingTime ? { time: h.meetingTime } : {}),
    place: h.place,
    host: h.host,
    recorder: h.recorder,
    attendees: [
      { name: h.townshipCadre, role: '包村镇干' },
      ...h.investigators.map((name) => ({ name, role: '入户调查人员' })),
      ...attendees.map((a) => ({ name: a.name, role: `${a.household}代表` })),
    ],
    ...(absentees.length ? { absentees } : {}),
    proceedings,
    decisions,
  };
  return {
    kind: 'meeting-record',
    householdId: null,
    villageId: village.id,
    subject: place,
    title: `${place}${MEETING_TITLES.hearing}（${h.meetingDate}）`,
    snapshot: { ...data, hearingId: h.id, issueDate: meta.issueDate },
    definition: meetingRecord(data),
  };
}

function evaluationNoticeDocument(ctx: Ctx, village: Village, batchId: number, meta: Meta, township: string): BuiltDocument {
  const b = getBatch(ctx.db, batchId);
  if (!b || b.villageId !== village.id) throw new AppError('NOT_FOUND', '找不到该公示批次');
  const rows = batchCaseIds(ctx.db, b.id).map((id) => publicRowOf(ctx, getCase(ctx.db, id)!));
  const office = requireOffice(ctx);
  const data = {
    ...meta,
    kind: 'evaluation' as const,
    direction: 'addition' as const,
    scope: `${township}${village.name}`,
    postingStart: b.postingDate,
    postingEnd: b.windowEnd,
    rows,
    supervisionPhones: { township: office.officePhone, county: office.countyCentrePhone, townshipLabel: office.officeName },
  };
  return {
    kind: 'public-notice',
    householdId: null,
    villageId: village.id,
    subject: village.name,
    title: `${data.scope}${publicNoticeTitle('evaluation', 'addition')}`,
    snapshot: { ...data, publicityBatchId: b.id },
    definition: publicNotice(data),
  };
}

/** buildDocument's branch for the meeting record and the 评议结果公示. */
export function hearingDocument(ctx: Ctx, req: BuildRequest, village: Village, meta: Meta, township: string): BuiltDocument {
  if (req.kind === 'meeting-record') {
    if (!req.options.hearingId) throw new AppError('VALIDATION', '评议听证会记录请在「评议公示」页随会议登记出具');
    return hearingRecordDocument(ctx, village, req.options.hearingId, meta, township);
  }
  if (!req.options.publicityBatchId) throw new AppError('VALIDATION', '评议结果公示请在「评议公示」页按公示批次出具');
  return evaluationNoticeDocument(ctx, village, req.options.publicityBatchId, meta, township);
}
