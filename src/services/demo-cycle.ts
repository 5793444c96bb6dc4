// The demo office's 专项治理 in progress (issue 14): a newcomer opens 专项治理, 评议公示, 文书, 办理时限, 低保金发放
// and 备案与备份 and sees the whole cycle — a case in every state, the notices it issued, a payment month and a
// filing package. Every step goes through `dispatch` as the demo's own clerk, leader or village cadre, exactly
// as the UI's commands do, so the audit rows, case events, document numbers and files are the real ones.
import {
  AppError,
  NO_RECORDED_FACTS,
  type Actor,
  type CaseView,
  type CommandInput,
  type CommandName,
  type CommandOutput,
  type Household,
  type PersonFields,
} from '../contract';
import { phasesFrom, type CaseState, type ScreeningResult } from '../domain/workflow';
import { getUserByName } from '../store/users';
import { today, type Ctx } from './context';
import { dispatch } from './dispatch';
import { officeCalendar } from './office-calendar';
import { clockSettings } from './supervision';

/** A day relative to the office's today, at a working hour: the cycle is dated so that its deadlines fall now. */
export type DemoDay = (offset: number) => Date;

/**
 * Local dates counted from today. Each call is a minute after the previous one, so that the case record and the
 * audit log read in the order the steps were taken; today's own steps run at the real time.
 */
export function demoDays(now: Date): DemoDay {
  const calls = new Map<number, number>();
  return (offset) => {
    if (offset === 0) return new Date(now.getTime());
    const n = (calls.get(offset) ?? 0) + 1;
    calls.set(offset, n);
    return new Date(now.getFullYear(), now.getMonth(), now.getDate() + offset, 8, 30 + n, 0);
  };
}

/** Where a village's meetings are held: a 社区 has a 居委会, a 村 a 村委会. */
const meetingRoom = (village: { name: string }) => `${village.name}${village.name.endsWith('社区') ? '居委会' : '村委会'}会议室`;

/** The day the base office is seeded: before the campaign, so that its recipients are paid this month. */
export const DEMO_BASE_OFFSET = -60;

const isoOf = (d: Date) => today(() => d);

type Who = 'clerk' | 'leader' | 'cadre1' | 'cadre2';


const ASSETS_NONE = { vehicles: '', realEstate: '自建房一处', deposits: '', business: '', other: '' };
const ASSETS_CAR = { vehicles: '名下登记小型轿车一辆（2023年购置）', realEstate: '自建房一处', deposits: '', business: '', other: '' };

function person(name: string, idNumber: string, relation: PersonFields['relation'], extra: Partial<PersonFields> = {}): PersonFields {
  return {
    name,
    idNumber,
    relation,
    ...NO_RECORDED_FACTS,
    ...extra,
  };
}

export type DemoCycleSummary = {
  campaignId: number;
  /** The case left in each state, for the tests and the CLI's summary. */
  cases: Partial<Record<CaseState, number>>;
  /** All the campaign's cases (most recipients are still at 摸排) and all issued documents. */
  caseCount: number;
  documents: number;
  newHouseholds: number;
  newPersons: number;
  paymentMonth: string;
  packagePath: string;
};

/** The base office's generators of fictitious ID numbers and bank cards (src/services/demo.ts). */
export type DemoFakes = {
  idNumber: (birth: string, seq: number, sex: 'male' | 'female') => string;
  bankCard: (householdId: number) => string;
};

/** Runs the campaign on the seeded demo office; `villages` are the demo's two villages, first 东山村 then 柳河社区. */
export async function seedDemoCycle(base: Ctx, villages: { id: number; name: string; groups: string[] }[], fakes: DemoFakes): Promise<DemoCycleSummary> {
  const { idNumber } = fakes;
  const day = demoDays(base.clock());
  const actors = new Map<Who, Actor>();
  for (const username of ['clerk', 'leader', 'cadre1', 'cadre2'] as const) {
    const u = getUserByName(base.db, username);
    if (!u) throw new AppError('NOT_FOUND', `演示账户「${username}」不存在`);
    actors.set(username, { id: u.id, name: u.displayName, role: u.role, villageId: u.villageId });
  }
  const [v1, v2] = villages as [(typeof villages)[0], (typeof villages)[0]];
  const cadreOf = (villageId: number): Who => (villageId === v1.id ? 'cadre1' : 'cadre2');

  async function act<K extends CommandName>(who: Who, offset: number, command: K, input: CommandInput<K>): Promise<CommandOutput<K>> {
    const r = await dispatch(command, input, { ...base, actor: actors.get(who)!, clock: () => day(offset) });
    if (!r.ok) throw new AppError('INTERNAL', `演示数据的办理过程未能载入（${command}：${r.error.message}）`);
    return r.value as CommandOutput<K>;
  }
  const dateOf = (offset: number) => isoOf(day(offset));

  // ---- 宣传发动: the campaign, dated so that its 审批公示 phase runs now, and every recipient brought into review.
  const start = dateOf(-29);
  const year = Number(start.slice(0, 4));
  const campaign = await act('clerk', -30, 'campaign-create', {
    name: `${year}年低保专项治理`,
    year,
    phases: phasesFrom(start),
    villageIds: [v1.id, v2.id],
  });
  await act('clerk', -29, 'campaign-review-recipients', { campaignId: campaign.id });

  // ---- 摸排 found two families not yet on the roll: an elderly couple (柳河社区) and a widow with a sick son (东山村).
  const newcomers: Household[] = [];
  for (const [i, shape] of [
    { village: v2, head: ['孙永福', '1953-05-12', 'male', { monthlyIncome: 260, laborCapacity: 'none' }], spouse: ['钱桂兰', '1956-02-08', 'female', { monthlyIncome: 0, seriousIllness: true, laborCapacity: 'none' }] },
    { village: v1, head: ['郑秀英', '1971-11-20', 'female', { monthlyIncome: 700 }], spouse: ['郑浩然', '1998-07-03', 'male', { seriousIllness: true, laborCapacity: 'none' }] },
  ].entries()) {
    const [headName, headBirth, headSex, headExtra] = shape.head as [string, string, 'male' | 'female', Partial<PersonFields>];
    const [otherName, otherBirth, otherSex, otherExtra] = shape.spouse as [string, string, 'male' | 'female', Partial<PersonFields>];
    const group = shape.village.groups[0] ?? null;
    const created = await act(cadreOf(shape.village.id), -28, 'household-create', {
      villageId: shape.village.id,
      groupName: group,
      address: `${shape.village.name}${group ?? ''}${60 + i}号`,
      phone: `1390000${2000 + i}`,
      note: '专项治理摸排新发现',
      head: person(headName, idNumber(headBirth, 400 + i * 2, headSex), '户主', headExtra),
    });
    const withMember = await act(cadreOf(shape.village.id), -28, 'person-add', {
      householdId: created.id,
      person: person(otherName, idNumber(otherBirth, 401 + i * 2, otherSex), i === 0 ? '配偶' : '子女', otherExtra),
    });
    newcomers.push(withMember);
  }
  const [applicantOld, applicantWidow] = newcomers as [Household, Household];

  // Households not on the roll whose assets failed the check (the base office's ineligible ones): they apply too.
  const registered = (await act('clerk', -28, 'household-list', { pageSize: 100 })).items.filter((h) => h.status === 'registered' && !newcomers.some((n) => n.id === h.id));
  const refusedIn = (villageId: number) => {
    const h = registered.find((x) => x.villageId === villageId);
    if (!h) throw new AppError('NOT_FOUND', '演示数据缺少未纳入低保的家庭');
    return h.id;
  };
  const opened = new Map<number, number>();
  for (const householdId of [applicantOld.id, applicantWidow.id, refusedIn(v1.id), refusedIn(v2.id)]) {
    opened.set(householdId, (await act('clerk', -28, 'case-open', { campaignId: campaign.id, householdId, note: '摸排新发现，拟申请' })).id);
  }
  const reviews = await act('clerk', -28, 'case-list', { campaignId: campaign.id });
  const pick = (() => {
    const used = new Set<number>();
    return (villageId: number): CaseView => {
      const c = reviews.find((x) => x.villageId === villageId && x.kind === 'recipient-review' && !used.has(x.id));
      if (!c) throw new AppError('NOT_FOUND', '演示数据的在保户不够');
      used.add(c.id);
      return c;
    };
  })();
  const caseOf = (householdId: number) => ({ id: opened.get(householdId)!, householdId, villageId: reviews.find((c) => c.householdId === householdId)!.villageId });

  // The steps are scheduled by day and then run in date order, so that the audit log and every case record read as
  // the office would have written them; within a day they run in the order they are scheduled here.
  const plan: { offset: number; run: () => Promise<unknown> }[] = [];
  const at = (offset: number, run: () => Promise<unknown>) => void plan.push({ offset, run });

  // ---- The steps of one case (plan 三(二) 第一步…第五步), each dated.
  type Ref = { id: number; householdId: number; villageId: number };
  const screen = (c: Ref, offset: number, result: ScreeningResult, note: string | null = null) =>
    at(offset, () => act(cadreOf(c.villageId), offset, 'case-screen', { caseId: c.id, result, note }));
  const apply = (c: Ref, offset: number) =>
    at(offset, async () => {
      const who = cadreOf(c.villageId);
      const view = await act(who, offset, 'case-application-get', { caseId: c.id });
      for (const m of view.materials.filter((x) => x.required)) await act(who, offset, 'case-material-set', { caseId: c.id, key: m.key, received: true });
      const signed = dateOf(offset);
      await act(who, offset, 'case-application-update', { caseId: c.id, secretary: { name: '王书记', date: signed }, cadre: { name: '赵干部', date: signed } });
      await act(who, offset, 'case-submit-application', { caseId: c.id });
    });
  const verify = (c: Ref, offset: number, compliant: boolean) =>
    at(offset, async () => {
      const h = await act('clerk', offset, 'household-get', { id: c.householdId });
      await act('clerk', offset, 'case-verification-record', {
        caseId: c.id,
        incomes: h.members.map((m) => ({ personId: m.id, monthlyIncome: m.monthlyIncome })),
        assets: compliant ? ASSETS_NONE : ASSETS_CAR,
        compliant,
        note: compliant ? '县核对中心反馈：未发现不符合规定的收入和财产' : '县核对中心反馈：名下登记机动车辆',
      });
      await act('clerk', offset, 'case-record-verification', { caseId: c.id });
    });
  const visit = (c: Ref, offset: number) =>
    at(offset, async () => {
      const h = await act('clerk', offset, 'household-get', { id: c.householdId });
      const who = cadreOf(c.villageId);
      await act(who, offset, 'case-home-visit-save', {
        caseId: c.id,
        visitDate: dateOf(offset),
        investigators: ['刘调查', '陈调查'],
        familyMemberPresent: h.headName,
        membersSeen: h.members.map((m) => m.id),
        housing: '自建砖混房屋，年久失修',
        livingConditions: '家庭生活困难，与申报情况相符',
      });
      await act(who, offset, 'case-record-home-visit', { caseId: c.id });
    });
  const preliminary = (c: Ref, offset: number) => at(offset, () => act(cadreOf(c.villageId), offset, 'case-preliminary-decide', { caseId: c.id, committeeAgrees: true }));
  const toPreliminary = (c: Ref, from: number, result: ScreeningResult, compliant = true, note: string | null = null) => {
    screen(c, from, result, note);
    apply(c, from + 2);
    verify(c, from + 5, compliant);
    visit(c, from + 7);
  };

  const cases: Partial<Record<CaseState, number>> = {};

  // ---- 柳河社区: a hearing 16 days ago, its 公示 cleared, then 审核 and 审批.
  const heardEarly = v2;
  const reviewed = pick(heardEarly.id);
  const awaitingApproval = pick(heardEarly.id);
  const approvedCase = caseOf(applicantOld.id);
  for (const c of [reviewed, awaitingApproval]) toPreliminary(c, -27, 'maintain');
  toPreliminary(approvedCase, -27, 'apply');
  for (const c of [reviewed, awaitingApproval, approvedCase]) preliminary(c, -18);
  at(-16, () => act(cadreOf(heardEarly.id), -16, 'hearing-record', hearing(campaign.id, heardEarly, dateOf(-16), [reviewed, awaitingApproval, approvedCase].map((c) => c.id))));
  at(-14, () =>
    act(cadreOf(heardEarly.id), -14, 'publicity-post', { campaignId: campaign.id, villageId: heardEarly.id, caseIds: [reviewed.id, awaitingApproval.id, approvedCase.id], postingDate: dateOf(-14), days: 7, unit: 'natural' }),
  );
  at(-7, async () => {
    const batch = (await act('clerk', -7, 'hearing-village', { campaignId: campaign.id, villageId: heardEarly.id })).batches[0];
    if (!batch) throw new AppError('INTERNAL', '演示数据的公示批次未建立');
    await act('clerk', -7, 'publicity-clear', { batchId: batch.id });
  });
  at(-6, async () => {
    const meeting = await act('clerk', -6, 'meeting-create', {
      campaignId: campaign.id,
      kind: 'review',
      villageId: heardEarly.id,
      heldOn: dateOf(-6),
      place: meetingRoom(heardEarly),
      members: [
        { name: '王书记', title: '村两委' },
        { name: '李主任', title: '村两委' },
        { name: '赵镇干', title: '包村干部' },
      ],
    });
    for (const c of [awaitingApproval, approvedCase]) await act('clerk', -6, 'case-review-decide', { caseId: c.id, meetingId: meeting.id });
  });
  at(-4, async () => {
    const panel = await act('leader', -4, 'meeting-create', {
      campaignId: campaign.id,
      kind: 'approval',
      villageId: null,
      heldOn: dateOf(-4),
      place: '镇政府三楼会议室',
      members: [
        { name: '周镇长', title: '组长' },
        { name: '吴副镇长', title: '副组长' },
        { name: '何主席', title: '人大' },
        { name: '徐书记', title: '纪检' },
        { name: '胡所长', title: '民政' },
        { name: '马站长', title: '扶贫' },
        { name: '林理事长', title: '残联' },
      ],
    });
    await act('leader', -4, 'case-approve', { caseId: approvedCase.id, meetingId: panel.id });
  });
  // Paid from next month: the clerk registers the family's card now, so that the payment page finds it.
  at(-3, () =>
    act('clerk', -3, 'bank-account-save', {
      householdId: applicantOld.id,
      holderPersonId: applicantOld.headPersonId!,
      bankName: '清河农商银行',
      kind: 'card',
      accountNumber: fakes.bankCard(applicantOld.id),
    }),
  );
  at(-3, () => act('clerk', -3, 'document-issue', { kind: 'public-notice', householdId: null, villageId: heardEarly.id, options: { noticeKind: 'approval', postingStart: dateOf(-3), postingDays: 7 } }));
  cases.review = reviewed.id;
  cases['township-approval'] = awaitingApproval.id;
  cases.approved = approvedCase.id;

  // ---- 东山村: a refusal (assets) confirmed with its 不予批准通知书, and a recipient stopped with its 停发通知书.
  const refused = caseOf(refusedIn(v1.id));
  toPreliminary(refused, -26, 'apply', false);
  preliminary(refused, -15);
  at(-14, () => act('clerk', -14, 'case-confirm-denial', { caseId: refused.id }));
  cases.denied = refused.id;
  const exited = pick(v1.id);
  toPreliminary(exited, -26, 'exit', false, '村民反映家中新购置轿车');
  preliminary(exited, -13);
  at(-11, () => act('clerk', -11, 'case-confirm-exit', { caseId: exited.id, stopReason: '经核对，家庭名下登记机动车辆，不符合最低生活保障条件' }));
  cases.stopped = exited.id;

  // ---- 东山村: cases still in the early steps.
  const atApplication = pick(v1.id);
  screen(atApplication, -5, 'maintain');
  cases.application = atApplication.id;
  const atVerification = pick(v1.id);
  screen(atVerification, -9, 'maintain');
  apply(atVerification, -6);
  cases.verification = atVerification.id;

  // ---- 柳河社区: steps in progress; 东山村 (where 评议公示 opens): a hearing four days ago and a 公示 running with an
  // objection.
  const heardLate = v1;
  const atHomeVisit = pick(v2.id);
  screen(atHomeVisit, -12, 'maintain');
  apply(atHomeVisit, -10);
  verify(atHomeVisit, -3, true);
  cases['home-visit'] = atHomeVisit.id;
  const atPreliminary = pick(v2.id);
  toPreliminary(atPreliminary, -10, 'maintain');
  cases['preliminary-review'] = atPreliminary.id;
  const heard = pick(heardLate.id);
  const posted = caseOf(applicantWidow.id);
  toPreliminary(heard, -22, 'maintain');
  toPreliminary(posted, -22, 'apply');
  for (const c of [heard, posted]) preliminary(c, -8);
  at(-4, () => act(cadreOf(heardLate.id), -4, 'hearing-record', hearing(campaign.id, heardLate, dateOf(-4), [heard.id, posted.id])));
  cases['hearing-passed'] = heard.id;
  at(-2, () => act(cadreOf(heardLate.id), -2, 'publicity-post', { campaignId: campaign.id, villageId: heardLate.id, caseIds: [posted.id], postingDate: dateOf(-2), days: 7, unit: 'natural' }));
  at(-1, () =>
    act('clerk', -1, 'objection-add', {
      caseId: posted.id,
      raisedBy: `${heardLate.name}村民（匿名）`,
      contact: null,
      raisedOn: dateOf(-1),
      content: '反映其子在县城打零工，有收入未申报',
      disputesDisability: false,
    }),
  );
  cases.publicity = posted.id;
  // 东山村 also has a family waiting for its hearing, so 评议公示 opens with something to register.
  const proposed = pick(heardLate.id);
  toPreliminary(proposed, -12, 'maintain');
  preliminary(proposed, -2);
  cases['proposed-inclusion'] = proposed.id;

  // ---- 办理时限: a refusal notice overdue and a stop notice due within its working days. The overdue one is decided
  // far enough back on the office calendar that its working days have run out even after a week-long holiday.
  const cal = officeCalendar(base);
  const noticeDays = clockSettings(base).noticeWorkingDays;
  let decidedOn = -9;
  while (decidedOn > -19 && cal.addDays(dateOf(decidedOn), noticeDays, 'working') >= dateOf(0)) decidedOn--;
  const overdue = caseOf(refusedIn(v2.id));
  toPreliminary(overdue, Math.max(decidedOn - 15, -27), 'apply', false);
  preliminary(overdue, decidedOn);
  cases['not-qualified'] = overdue.id;
  const due = pick(v2.id);
  toPreliminary(due, -11, 'exit', false, '群众反映家庭经济状况好转');
  preliminary(due, -1);
  cases['proposed-exit'] = due.id;
  cases.screening = pick(v2.id).id;

  // ---- 抽查 (plan 四(三)): the office draws two households per village (a recorded seed) and has checked one so far.
  let drawnItem: number | null = null;
  at(-2, async () => {
    drawnItem = (await act('clerk', -2, 'spot-check-draw', { campaignId: campaign.id, perVillage: 2, seed: 20_200_303 })).items[0]?.id ?? null;
  });
  at(-1, async () => {
    if (drawnItem !== null) await act('clerk', -1, 'spot-check-record', { itemId: drawnItem, checkedOn: dateOf(-1), checker: '胡所长', result: 'ok', finding: null });
  });

  // A stable sort: steps of one day keep the order they were scheduled in.
  for (const step of plan.map((s, i) => ({ ...s, i })).sort((a, b) => a.offset - b.offset || a.i - b.i)) await step.run();

  // ---- 低保金发放 of this month, and the 备案包 of the campaign so far in the data folder.
  const paymentMonth = dateOf(0).slice(0, 7);
  await act('clerk', 0, 'payment-generate', { month: paymentMonth, villageId: null });
  const filed = await act('clerk', 0, 'filing-export', { campaignId: campaign.id, villageIds: null, from: null, to: null, destination: null });
  const documents = (await act('clerk', 0, 'document-list', { page: 1, pageSize: 1, householdId: null, villageId: null, kind: null })).total;
  const caseCount = (await act('clerk', 0, 'case-list', { campaignId: campaign.id })).length;
  return {
    campaignId: campaign.id,
    cases,
    caseCount,
    documents,
    newHouseholds: newcomers.length,
    newPersons: newcomers.reduce((n, h) => n + h.members.length, 0),
    paymentMonth,
    packagePath: filed.zip,
  };
}

/** A village's 评议听证会: eight household representatives, every case passed with seven votes and one abstention. */
function hearing(campaignId: number, village: { id: number; name: string }, meetingDate: string, caseIds: number[]): CommandInput<'hearing-record'> {
  const representatives = ['周一', '吴二', '郑三', '王四', '冯五', '陈六', '褚七', '卫八'];
  return {
    campaignId,
    villageId: village.id,
    groupName: null,
    meetingDate,
    meetingTime: '上午9时',
    place: meetingRoom(village),
    host: '王书记',
    recorder: '李文书',
    townshipCadre: '赵镇干',
    investigators: ['刘调查', '陈调查'],
    attendees: representatives.map((name) => ({ name, household: `${name}户` })),
    cases: caseIds.map((caseId) => ({ caseId, agree: 7, disagree: 0, abstain: 1, opinions: '家庭情况属实，同意纳入' })),
    calls: [],
    proceedings: null,
  };
}
