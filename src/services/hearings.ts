// 评议听证 (plan 三(三)): a meeting per village group of the cases proposed for inclusion. Recording it stores the
// meeting (attendees, votes, telephone consultations), issues the 评议听证会记录 and moves every case on its agenda
// through 'record-hearing' — the case moves commit in the document's registering transaction, and a meeting whose
// record could not be issued is removed again, so there is never a held meeting without its record or vice versa.
import { AppError, disabilityFactsLabel, type DocumentView, type IssueOptions } from '../contract';
import {
  DEFAULT_HEARING_SETTINGS,
  hearingSettingsSchema,
  type CaseHearingInfo,
  type HearingRecordInput,
  type HearingSettings,
  type HearingView,
  type PublicityCaseView,
  type VillageHearingsView,
  type Vote,
} from '../contract/commands/hearings';
import { hearingPasses, votesCast, votesText } from '../domain/hearing';
import { hearingOutcome, mayTransition, TRANSITIONS } from '../domain/workflow';
import { getCase, listCases, type CaseRow } from '../store/campaigns';
import { getDocument } from '../store/documents';
import {
  deleteUnissuedHearing,
  getHearing,
  hearingAttendees,
  hearingCalls,
  hearingCases,
  hearingsOfCase,
  insertHearing,
  latestBatchOfCase,
  listHearings,
  objectionsOfCase,
  setHearingDocument,
  type HearingRow,
} from '../store/hearings';
import { getSetting, putSetting } from '../store/settings';
import { getVillage } from '../store/villages';
import { listMembers } from '../store/persons';
import { audit } from './audit';
import { requireCampaign, requireCase, transition } from './cases';
import { nowIso, today, type Ctx } from './context';
import { assertDateOrder, homeVisitDone } from './date-order';
import { issueDocument, toView } from './documents';
import { batchView, objectionView, villageBatches } from './publicity';

const SETTINGS_KEY = 'hearing-publicity';

export const NO_ISSUE_OPTIONS: IssueOptions = { stopReason: null, applicationDate: null, noticeKind: null, postingStart: null, postingDays: null, hardship: null };

export function hearingSettings(ctx: Ctx): HearingSettings {
  const raw = getSetting(ctx.db, SETTINGS_KEY);
  if (!raw) return DEFAULT_HEARING_SETTINGS;
  const parsed = hearingSettingsSchema.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : DEFAULT_HEARING_SETTINGS;
}

export function hearingSettingsUpdate(ctx: Ctx, input: HearingSettings): HearingSettings {
  return ctx.db.transaction(() => {
    const before = hearingSettings(ctx);
    putSetting(ctx.db, SETTINGS_KEY, JSON.stringify(input));
    audit(ctx, 'hearing-settings-update', 'settings', null, before, input);
    return input;
  })();
}

/** The campaign and village, checked: the village is in the campaign. */
export function requireCampaignVillage(ctx: Ctx, campaignId: number, villageId: number): { villageName: string } {
  const campaign = requireCampaign(ctx, campaignId);
  const village = getVillage(ctx.db, villageId);
  if (!village) throw new AppError('NOT_FOUND', '找不到该村（社区）');
  if (!campaign.villageIds.includes(villageId)) throw new AppError('VALIDATION', `「${village.name}」不在本次专项治理范围内`);
  return { villageName: village.name };
}

const scope = (ctx: Ctx) => ({ role: ctx.actor.role, villageId: ctx.actor.villageId ?? null });
const norm = (s: string) => s.replace(/\s+/g, '');
const documentOf = (ctx: Ctx, id: number | null): DocumentView | null => {
  const r = id !== null ? getDocument(ctx.db, id) : null;
  return r ? toView(r) : null;
};

export const caseLine = (c: CaseRow): PublicityCaseView => ({ caseId: c.id, headName: c.headName, size: c.size, kind: c.kind, state: c.state });

export function hearingView(ctx: Ctx, h: HearingRow): HearingView {
  return {
    ...h,
    villageName: getVillage(ctx.db, h.villageId)?.name ?? '',
    attendees: hearingAttendees(ctx.db, h.id),
    cases: hearingCases(ctx.db, h.id).map((hc) => {
      const c = getCase(ctx.db, hc.caseId)!;
      return { ...hc, headName: c.headName, groupName: c.groupName, size: c.size, kind: c.kind, state: c.state };
    }),
    calls: hearingCalls(ctx.db, h.id),
    document: documentOf(ctx, h.documentId),
  };
}

/**
 * Records a held hearing: validates the whole meeting first (one representative per household, no more votes than
 * households, telephone votes only from absent households), then issues the record with the case moves.
 */
export async function hearingRecord(ctx: Ctx, input: Omit<HearingRecordInput, 'calls'> & { calls: NonNullable<HearingRecordInput['calls']> }): Promise<HearingView> {
  const { villageName } = requireCampaignVillage(ctx, input.campaignId, input.villageId);
  const settings = hearingSettings(ctx);
  const groupName = input.groupName?.trim() || null;

  const households = new Set<string>();
  for (const a of input.attendees) {
    const key = norm(a.household);
    if (households.has(key)) throw new AppError('VALIDATION', `每户只能有一名代表参会：「${a.household}」登记了两次`, [{ path: 'attendees', message: '同一户重复' }]);
    households.add(key);
  }

  const seen = new Set<number>();
  const agenda = input.cases.map((line, i) => {
    if (seen.has(line.caseId)) throw new AppError('VALIDATION', '同一户不能在一次会议上评议两次', [{ path: `cases.${i}.caseId`, message: '重复' }]);
    seen.add(line.caseId);
    const c = requireCase(ctx, line.caseId);
    if (c.campaignId !== input.campaignId || c.villageId !== input.villageId) {
      throw new AppError('VALIDATION', `「${c.headName ?? ''}户」不属于${villageName}本次专项治理`, [{ path: `cases.${i}.caseId`, message: '不属于本村' }]);
    }
    if (groupName && c.groupName && norm(c.groupName) !== norm(groupName)) {
      throw new AppError('VALIDATION', `「${c.headName ?? ''}户」属于${c.groupName}，不在${groupName}评议`, [{ path: `cases.${i}.caseId`, message: '不属于本村民小组' }]);
    }
    const verdict = mayTransition('record-hearing', c.state, c.villageId, scope(ctx));
    if (!verdict.ok) throw new AppError(verdict.message.includes('阶段') ? 'WORKFLOW' : 'FORBIDDEN', `「${c.headName ?? ''}户」：${verdict.message}`);
    assertDateOrder(ctx, { label: '会议日期', date: input.meetingDate, path: 'meetingDate' }, [homeVisitDone(ctx, c.id)], `${c.headName ?? ''}户`);
    const room = { agree: line.agree, disagree: line.disagree, abstain: line.abstain };
    if (votesCast(room) > input.attendees.length) {
      throw new AppError('VALIDATION', `「${c.headName ?? ''}户」现场表决${votesCast(room)}票，超过参会户数${input.attendees.length}户（每户一票）`, [
        { path: `cases.${i}.agree`, message: '票数超过参会户数' },
      ]);
    }
    return { c, line, room };
  });

  const callKeys = new Set<string>();
  const phone = new Map<number, Record<Vote, number>>(agenda.map(({ c }) => [c.id, { agree: 0, disagree: 0, abstain: 0 }]));
  input.calls.forEach((call, i) => {
    const tally = phone.get(call.caseId);
    if (!tally) throw new AppError('VALIDATION', '电话征求意见的对象不在本次会议评议之列', [{ path: `calls.${i}.caseId`, message: '不在评议之列' }]);
    if (households.has(norm(call.household))) {
      throw new AppError('VALIDATION', `「${call.household}」已有代表参会，不能再电话征求意见`, [{ path: `calls.${i}.household`, message: '已参会' }]);
    }
    const key = `${call.caseId}:${norm(call.household)}`;
    if (callKeys.has(key)) throw new AppError('VALIDATION', `「${call.household}」对同一户只能表达一次意见`, [{ path: `calls.${i}.household`, message: '重复' }]);
    callKeys.add(key);
    tally[call.vote]++;
  });

  const at = nowIso(ctx.clock);
  const decided = agenda.map(({ c, line, room }, i) => {
    const tel = phone.get(c.id)!;
    const all = { agree: room.agree + tel.agree, disagree: room.disagree + tel.disagree, abstain: room.abstain + tel.abstain };
    return {
      c,
      row: {
        caseId: c.id,
        seq: i + 1,
        opinions: line.opinions ?? null,
        ...room,
        phoneAgree: tel.agree,
        phoneDisagree: tel.disagree,
        phoneAbstain: tel.abstain,
        passed: hearingPasses(all, settings.passPercent),
      },
      votes: votesText(room, tel),
    };
  });

  const hearingId = ctx.db.transaction(() =>
    insertHearing(
      ctx.db,
      {
        campaignId: input.campaignId,
        villageId: input.villageId,
        groupName,
        meetingDate: input.meetingDate,
        meetingTime: input.meetingTime ?? null,
        place: input.place,
        host: input.host,
        recorder: input.recorder,
        townshipCadre: input.townshipCadre,
        investigators: input.investigators,
        passPercent: settings.passPercent,
        proceedings: input.proceedings ?? null,
        recordedAt: at,
        recordedBy: ctx.actor.name,
      },
      input.attendees,
      decided.map((d) => d.row),
      input.calls.map((call) => ({ ...call, opinion: call.opinion ?? null })),
    ),
  )();

  try {
    await issueDocument(ctx, { kind: 'meeting-record', householdId: null, villageId: input.villageId, options: { ...NO_ISSUE_OPTIONS, hearingId } }, (doc) => {
      setHearingDocument(ctx.db, hearingId, doc.id);
      for (const d of decided) {
        transition(ctx, d.c.id, 'record-hearing', {
          to: hearingOutcome(d.c.kind, d.row.passed),
          note: `${input.meetingDate}评议听证${d.row.passed ? '通过' : '未通过'}：${d.votes}`,
          data: { hearingId, documentId: doc.id, passed: d.row.passed },
        });
      }
      audit(ctx, 'hearing-record', 'hearing', hearingId, null, { villageId: input.villageId, cases: decided.map((d) => ({ caseId: d.c.id, passed: d.row.passed })) });
    });
  } catch (err) {
    ctx.db.transaction(() => deleteUnissuedHearing(ctx.db, hearingId))();
    throw err;
  }
  return hearingView(ctx, getHearing(ctx.db, hearingId)!);
}

export function hearingVillage(ctx: Ctx, input: { campaignId: number; villageId: number }): VillageHearingsView {
  requireCampaignVillage(ctx, input.campaignId, input.villageId);
  const cases = listCases(ctx.db, { campaignId: input.campaignId, villageId: input.villageId });
  const village = getVillage(ctx.db, input.villageId);
  const groups = [...new Set([...(village?.groups ?? []), ...cases.map((c) => c.groupName).filter((g): g is string => !!g)])];
  return {
    settings: hearingSettings(ctx),
    today: today(ctx.clock),
    awaitingHearing: cases.filter((c) => c.state === 'proposed-inclusion').map(caseLine),
    awaitingPublicity: cases.filter((c) => c.state === 'hearing-passed').map(caseLine),
    groups,
    hearings: listHearings(ctx.db, input.campaignId, input.villageId).map((h) => hearingView(ctx, h)),
    batches: villageBatches(ctx, input.campaignId, input.villageId),
  };
}

export function caseHearingInfo(ctx: Ctx, input: { caseId: number }): CaseHearingInfo {
  const c = requireCase(ctx, input.caseId);
  const batch = latestBatchOfCase(ctx.db, c.id);
  const batchV = batch ? batchView(ctx, batch) : null;
  const handle = mayTransition('uphold-objection', 'publicity', c.villageId, scope(ctx)).ok;
  return {
    caseId: c.id,
    hearings: hearingsOfCase(ctx.db, c.id).map((hc) => ({
      hearingId: hc.hearingId,
      meetingDate: hc.hearing.meetingDate,
      place: hc.hearing.place,
      groupName: hc.hearing.groupName,
      passed: hc.passed,
      votes: votesText(
        { agree: hc.agree, disagree: hc.disagree, abstain: hc.abstain },
        { agree: hc.phoneAgree, disagree: hc.phoneDisagree, abstain: hc.phoneAbstain },
      ),
      documentId: hc.hearing.documentId,
    })),
    batch: batchV,
    objections: objectionsOfCase(ctx.db, c.id).map((o) => objectionView(ctx, o)),
    mayAddObjection: c.state === 'publicity' && batch !== null && batch.clearedAt === null,
    mayHandleObjection: handle && TRANSITIONS['uphold-objection'].roles.includes(ctx.actor.role),
    members: listMembers(ctx.db, c.householdId).map((m) => ({
      id: m.id,
      name: m.name,
      disability: { type: m.disabilityType, level: m.disabilityLevel, label: disabilityFactsLabel(m.disabilityType, m.disabilityLevel) },
    })),
  };
}
