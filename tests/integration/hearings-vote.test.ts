import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HearingView } from '../../src/contract';
import { extractPageTexts } from '../fixtures/documents/pdf-text';
import { admin, cadreOf, caseState, clerk, hearingSetup, households, leader, meeting, type HearingSetup } from '../helpers/hearings';
import { ok } from '../helpers/temp-app';

let s: HearingSetup;
beforeEach(async () => {
  s = await hearingSetup();
});
afterEach(() => s.dispose());

const pdfText = async (documentId: number) => {
  const pdf = ok<{ base64: string }>(await s.app.call('document-pdf', { id: documentId }, clerk));
  return extractPageTexts(Buffer.from(pdf.base64, 'base64')).join('\n');
};

describe('评议听证: the pass rule (agree > half of the votes cast by default)', () => {
  it('passes a majority, fails a tie and a minority; a failed recipient is proposed for exit, a failed applicant is not qualified', async () => {
    const [a, b] = s.cases as [(typeof s.cases)[0], (typeof s.cases)[0]];
    const h = ok<HearingView>(
      await s.app.call(
        'hearing-record',
        meeting(s, [
          { caseId: a.id, agree: 5, disagree: 1, abstain: 0, opinions: '家庭收入低，财产状况符合规定' },
          { caseId: b.id, agree: 3, disagree: 2, abstain: 1 },
          { caseId: s.application.id, agree: 1, disagree: 4, abstain: 1, opinions: '家中有经营性收入' },
        ]),
        clerk,
      ),
    );
    expect(h.cases.map((c) => c.passed)).toEqual([true, false, false]);
    expect(await caseState(s, a.id)).toBe('hearing-passed');
    // 3 of 6 is not MORE than half: the tie fails; abstentions are cast and not in favour.
    expect(await caseState(s, b.id)).toBe('proposed-exit');
    expect(await caseState(s, s.application.id)).toBe('not-qualified');
    expect(h.passPercent).toBe(50);

    // The record is issued through the registry and says who met, the votes and the rule.
    expect(h.document).toMatchObject({ kind: 'meeting-record', villageId: s.villageId });
    const text = await pdfText(h.document!.id);
    expect(text).toContain('最低生活保障评议听证会记录');
    expect(text).toContain('赵镇干');
    expect(text).toContain('同意5票');
    expect(text).toContain('超过所投票数');
    expect(text).toContain('家中有经营性收入');

    const detail = ok<{ events: { action: string; note: string | null }[] }>(await s.app.call('case-get', { id: a.id }, clerk));
    expect(detail.events.at(-1)).toMatchObject({ action: 'record-hearing', note: expect.stringContaining('评议听证通过') });
  });

  it('counts telephone consultations of absent households as their votes and lists them on the record', async () => {
    const [a] = s.cases;
    // 2 agree, 3 disagree in the room would fail; two absent households agree by phone → 4 of 7.
    const calls = [
      { caseId: a!.id, caller: '王支书', calledAt: '2026-09-25 19:30', household: '外出户甲', person: '周某', vote: 'agree' as const, opinion: '情况属实' },
      { caseId: a!.id, caller: '王支书', calledAt: '2026-09-25 19:40', household: '外出户乙', person: '吴某', vote: 'agree' as const },
    ];
    const h = ok<HearingView>(await s.app.call('hearing-record', meeting(s, [{ caseId: a!.id, agree: 2, disagree: 3, abstain: 0 }], { attendees: households(5), calls }), clerk));
    expect(h.cases[0]).toMatchObject({ agree: 2, disagree: 3, phoneAgree: 2, passed: true });
    expect(h.calls).toHaveLength(2);
    const text = await pdfText(h.document!.id);
    expect(text).toContain('外出户甲');
    expect(text).toContain('电话征求意见');
    expect(text).toContain('含电话征求意见2户');
  });

  it('refuses a second representative of a household, more votes than households, and a phone call to a household that attended', async () => {
    const [a] = s.cases;
    const dup = await s.app.call('hearing-record', meeting(s, [{ caseId: a!.id, agree: 1, disagree: 0, abstain: 0 }], { attendees: [...households(2), { name: '另一人', household: '第1户' }] }), clerk);
    expect(dup).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('每户只能有一名代表') } });
    const tooMany = await s.app.call('hearing-record', meeting(s, [{ caseId: a!.id, agree: 6, disagree: 1, abstain: 0 }]), clerk);
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('超过参会户数6户') } });
    const called = await s.app.call(
      'hearing-record',
      meeting(s, [{ caseId: a!.id, agree: 4, disagree: 0, abstain: 0 }], {
        calls: [{ caseId: a!.id, caller: '王支书', calledAt: '晚上', household: '第2户', person: '某某', vote: 'agree' }],
      }),
      clerk,
    );
    expect(called).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('已有代表参会') } });
    // Nothing was written by the refused meetings.
    expect(await caseState(s, a!.id)).toBe('proposed-inclusion');
    expect(s.app.db.prepare('SELECT count(*) AS n FROM hearings').get()).toEqual({ n: 0 });
  });

  it('uses the configured threshold, which only the administrator may change', async () => {
    expect(await s.app.call('hearing-settings-update', { passPercent: 75, publicityDays: 7, publicityUnit: 'natural' }, clerk)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    ok(await s.app.call('hearing-settings-update', { passPercent: 75, publicityDays: 7, publicityUnit: 'natural' }, admin));
    const [a, b] = s.cases;
    const h = ok<HearingView>(
      await s.app.call(
        'hearing-record',
        meeting(s, [
          { caseId: a!.id, agree: 5, disagree: 1, abstain: 0 }, // 83 % > 75 %
          { caseId: b!.id, agree: 4, disagree: 2, abstain: 0 }, // 67 %, a majority but not > 75 %
        ]),
        clerk,
      ),
    );
    expect(h.passPercent).toBe(75);
    expect(h.cases.map((c) => c.passed)).toEqual([true, false]);
  });

  it('scopes village cadres to their own village and refuses cases not awaiting a hearing', async () => {
    const [a] = s.cases;
    const foreign = await s.app.call('hearing-record', meeting(s, [{ caseId: a!.id, agree: 5, disagree: 0, abstain: 0 }]), cadreOf(s.otherVillageId));
    expect(foreign).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await s.app.call('hearing-village', { campaignId: s.campaign.id, villageId: s.villageId }, cadreOf(s.otherVillageId))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const wrongVillage = await s.app.call('hearing-record', meeting(s, [{ caseId: s.otherCase.id, agree: 5, disagree: 0, abstain: 0 }]), clerk);
    expect(wrongVillage).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await s.app.call('hearing-record', meeting(s, [{ caseId: a!.id, agree: 5, disagree: 0, abstain: 0 }]), leader)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const own = ok<HearingView>(await s.app.call('hearing-record', meeting(s, [{ caseId: a!.id, agree: 5, disagree: 0, abstain: 0 }]), cadreOf(s.villageId)));
    expect(own.cases[0]!.passed).toBe(true);
    const again = await s.app.call('hearing-record', meeting(s, [{ caseId: a!.id, agree: 5, disagree: 0, abstain: 0 }]), clerk);
    expect(again).toMatchObject({ ok: false, error: { code: 'WORKFLOW', message: expect.stringContaining('「评议通过」阶段') } });
    // The village's view lists the meeting for the cadre of that village.
    const view = ok<{ hearings: HearingView[]; awaitingPublicity: { caseId: number }[] }>(await s.app.call('hearing-village', { campaignId: s.campaign.id, villageId: s.villageId }, cadreOf(s.villageId)));
    expect(view.hearings).toHaveLength(1);
    expect(view.awaitingPublicity.map((c) => c.caseId)).toEqual([a!.id]);
  });
});
