// 审批结果公示 of one round (issue 12, plan 三(四)): the households the township's approval meeting admitted (新增)
// and those that left the roll in the same round (退出/停发), listed apart, each counted by the persons covered.
// A round is an approval meeting: its decisions, and the stops confirmed in its campaign since the meeting before.
// Called by buildDocument; pure reads.
import { AppError, type SavedDetermination, type Village } from '../contract';
import { CATEGORY_LABELS, type Category } from '../domain/determination';
import { formatChineseDate, toPublicRow, type PublicRow } from '../documents';
import { approvalMeetingsOfVillage, approvalsOfMeeting, getMeeting, latestApproval, listMeetings, type ApprovalRow, type MeetingRow } from '../store/approvals';
import { stopEventsOfCampaign } from '../store/campaigns';
import { listDeterminations } from '../store/determinations';
import { requireHousehold } from './households';
import { today, type Ctx } from './context';
import { paidMonthlyAmount } from './notice-facts';

type ApprovalSnapshot = {
  determination: { members: unknown[]; household: { headName: string | null }; result: { category: Category } };
  lines: { class: string }[];
};

/** "A类1人、B类2人" from the classes of the covered persons. */
export function classCounts(classes: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const c of classes) counts.set(c, (counts.get(c) ?? 0) + 1);
  return [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([cls, n]) => `${cls}类${n}人`)
    .join('、');
}

function rowOfApproval(village: Village, a: ApprovalRow, monthlyAmount: number): PublicRow {
  const snap = a.snapshot as ApprovalSnapshot;
  return toPublicRow({
    village: village.name,
    headName: snap.determination.household.headName ?? '',
    householdSize: snap.determination.members.length,
    category: CATEGORY_LABELS[snap.determination.result.category],
    personClass: classCounts(snap.lines.map((l) => l.class)),
    coveredPersons: snap.lines.length,
    monthlyAmount,
  });
}

/** What a household that left was receiving: its last approval, or (carried over from the old roll) its last eligible determination. */
function exitRow(ctx: Ctx, village: Village, householdId: number): PublicRow | null {
  const approval = latestApproval(ctx.db, householdId);
  if (approval) return rowOfApproval(village, approval, paidMonthlyAmount(ctx, householdId));
  const d = listDeterminations(ctx.db, householdId).find((x) => x.category !== 'ineligible') as unknown as SavedDetermination | undefined;
  if (!d) return null;
  const h = requireHousehold(ctx, householdId);
  return toPublicRow({
    village: village.name,
    headName: d.snapshot.household.headName ?? h.headName ?? '',
    householdSize: d.snapshot.members.length,
    category: CATEGORY_LABELS[d.category],
    personClass: classCounts(d.snapshot.result.covered.map((c) => c.class)),
    coveredPersons: d.snapshot.result.covered.length,
    monthlyAmount: d.monthlyTotal,
  });
}

export type ApprovalRound = { meeting: MeetingRow; round: string; rows: PublicRow[]; exits: PublicRow[] };

/** The round of `meetingId`, else the latest approval meeting that decided a case of this village. */
export function approvalRound(ctx: Ctx, village: Village, meetingId: number | null | undefined): ApprovalRound {
  const meeting = meetingId ? getMeeting(ctx.db, meetingId) : (approvalMeetingsOfVillage(ctx.db, village.id)[0] ?? null);
  if (!meeting || meeting.kind !== 'approval') {
    throw new AppError('WORKFLOW', meetingId ? '找不到该审批会议' : `「${village.name}」还没有审批会议作出的决定，无可公示的审批结果`);
  }
  const decisions = approvalsOfMeeting(ctx.db, meeting.id, village.id);
  const rows = decisions.filter((a) => a.decision === 'approve' && a.caseKind === 'new-application').map((a) => rowOfApproval(village, a, a.monthlyTotal));
  // A recipient refused at 审批 leaves the roll; so does one whose stop the township confirmed since the meeting before.
  const earlier = listMeetings(ctx.db, meeting.campaignId, 'approval')
    .filter((m) => m.heldOn < meeting.heldOn || (m.heldOn === meeting.heldOn && m.id < meeting.id))
    .map((m) => m.heldOn)
    .sort()
    .at(-1);
  const stopped = stopEventsOfCampaign(ctx.db, meeting.campaignId, village.id)
    .filter((e) => {
      const day = today(() => new Date(e.at));
      return day <= meeting.heldOn && (earlier === undefined || day > earlier);
    })
    .map((e) => e.householdId);
  const exitIds = [...new Set([...decisions.filter((a) => a.decision === 'deny' && a.caseKind !== 'new-application').map((a) => a.householdId), ...stopped])];
  const exits = exitIds.map((id) => exitRow(ctx, village, id)).filter((r): r is PublicRow => r !== null);
  if (rows.length === 0 && exits.length === 0) throw new AppError('WORKFLOW', `${formatChineseDate(meeting.heldOn)}的审批会议没有「${village.name}」新增或退出的家庭，无可公示的审批结果`);
  return { meeting, round: `${formatChineseDate(meeting.heldOn)}镇审批会议`, rows, exits };
}
