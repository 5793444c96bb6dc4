import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseHearingInfo, Household, ObjectionView, PublicityBatchView, ReassessmentView, WindowPreview } from '../../src/contract';
import { patchCase } from '../../src/store/campaigns';
import { extractPageTexts } from '../fixtures/documents/pdf-text';
import { admin, cadreOf, caseState, clerk, hearingSetup, type HearingSetup } from '../helpers/hearings';
import { ok } from '../helpers/temp-app';

let s: HearingSetup;
beforeEach(async () => {
  s = await hearingSetup('2026-09-28');
  for (const c of s.cases) patchCase(s.app.db, c.id, { state: 'hearing-passed' }, '2026-09-28T00:00:00Z');
});
afterEach(() => s.dispose());

const post = (extra: Partial<{ caseIds: number[]; postingDate: string; days: number; unit: 'natural' | 'working' }> = {}) =>
  s.app.call('publicity-post', { campaignId: s.campaign.id, villageId: s.villageId, caseIds: s.cases.map((c) => c.id), postingDate: '2026-09-28', days: 7, unit: 'natural', ...extra }, clerk);

const objection = (caseId: number, extra: Record<string, unknown> = {}) =>
  s.app.call('objection-add', { caseId, raisedBy: '郑某', contact: '13900001111', raisedOn: '2026-09-29', content: '该户家中新购小轿车一辆', ...extra }, cadreOf(s.villageId));

describe('公示 window on the office calendar', () => {
  it('counts 7 natural days through the National Day holiday, and 7 working days skipping Oct 1–7 and counting the Saturday Oct 10', async () => {
    const natural = ok<PublicityBatchView>(await post());
    expect(natural).toMatchObject({ postingDate: '2026-09-28', windowEnd: '2026-10-04', days: 7, unit: 'natural' });
    expect(new Set((await Promise.all(s.cases.map((c) => caseState(s, c.id)))))).toEqual(new Set(['publicity']));
    // 9/28, 9/29, 9/30, 10/8, 10/9, 10/10 (调休上班), 10/12.
    const working = ok<WindowPreview>(await s.app.call('publicity-window', { postingDate: '2026-09-28', days: 7, unit: 'working' }, clerk));
    expect(working.windowEnd).toBe('2026-10-12');
  });

  it('uses the office overrides for a year the package does not know', async () => {
    const before = ok<WindowPreview>(await s.app.call('publicity-window', { postingDate: '2030-09-30', days: 6, unit: 'working' }, clerk));
    expect(before.windowEnd).toBe('2030-10-07');
    expect(await s.app.call('calendar-override-set', { date: '2030-10-01', kind: 'holiday', note: '国庆节' }, clerk)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    for (const d of ['2030-10-01', '2030-10-02', '2030-10-03', '2030-10-04', '2030-10-07']) ok(await s.app.call('calendar-override-set', { date: d, kind: 'holiday', note: '国庆节' }, admin));
    const list = ok<unknown[]>(await s.app.call('calendar-override-set', { date: '2030-10-12', kind: 'workday', note: '国庆调休上班' }, admin));
    expect(list).toHaveLength(6);
    // 9/30, then 10/8 to 10/11, then the make-up Saturday 10/12.
    const after = ok<WindowPreview>(await s.app.call('publicity-window', { postingDate: '2030-09-30', days: 6, unit: 'working' }, clerk));
    expect(after.windowEnd).toBe('2030-10-12');
    // A batch posted on working days takes its end date from the same calendar.
    s.setToday('2030-09-30');
    const batch = ok<PublicityBatchView>(await post({ postingDate: '2030-09-30', days: 6, unit: 'working' }));
    expect(batch.windowEnd).toBe('2030-10-12');
    ok(await s.app.call('calendar-override-remove', { date: '2030-10-12' }, admin));
    expect(ok<unknown[]>(await s.app.call('calendar-override-list', { year: 2030 }, clerk))).toHaveLength(5);
  });
});

describe('objections and clearing', () => {
  it('refuses clearing before the window end and with an open objection, then clears the remaining cases to review', async () => {
    const batch = ok<PublicityBatchView>(await post());
    s.setToday('2026-09-30');
    const [a] = s.cases;
    const o = ok<ObjectionView>(await objection(a!.id));
    expect(o).toMatchObject({ raisedBy: '郑某', contact: '13900001111', outcome: null });

    s.setToday('2026-10-04');
    const early = await s.app.call('publicity-clear', { batchId: batch.id }, clerk);
    expect(early).toMatchObject({ ok: false, error: { code: 'WORKFLOW', message: expect.stringContaining('公示期至2026年10月4日止') } });
    expect(early).toMatchObject({ ok: false, error: { message: expect.stringContaining('尚有1件异议未处理') } });

    s.setToday('2026-10-05');
    const open = await s.app.call('publicity-clear', { batchId: batch.id }, clerk);
    expect(open).toMatchObject({ ok: false, error: { code: 'WORKFLOW', message: expect.stringContaining(`尚有1件异议未处理（${a!.headName}户）`) } });
    expect(open).toMatchObject({ ok: false, error: { message: expect.not.stringContaining('公示期至') } });

    // Only the office handles objections; a dismissal needs its reason.
    expect(await s.app.call('objection-handle', { id: o.id, outcome: 'dismissed', reason: '经核实车辆为亲戚所有', handledOn: '2026-10-05' }, cadreOf(s.villageId))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await s.app.call('objection-handle', { id: o.id, outcome: 'dismissed', reason: '', handledOn: '2026-10-05' }, clerk)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    ok(await s.app.call('objection-handle', { id: o.id, outcome: 'dismissed', reason: '经核实车辆登记在其亲戚名下，非本户财产', handledOn: '2026-10-05' }, clerk));
    expect(await caseState(s, a!.id)).toBe('publicity');

    expect(await s.app.call('publicity-clear', { batchId: batch.id }, cadreOf(s.villageId))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const cleared = ok<PublicityBatchView>(await s.app.call('publicity-clear', { batchId: batch.id }, clerk));
    expect(cleared.clearedBy).toBe('民政所经办员');
    for (const c of s.cases) expect(await caseState(s, c.id)).toBe('review');
    expect(await s.app.call('publicity-clear', { batchId: batch.id }, clerk)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await objection(a!.id, { raisedOn: '2026-10-05' })).toMatchObject({ ok: false, error: { code: 'WORKFLOW' } });
  });

  it('keeps the objection in the case record, and the record says 无异议 only where nobody objected (issue 16)', async () => {
    const batch = ok<PublicityBatchView>(await post());
    s.setToday('2026-09-30');
    const [a, b] = s.cases;
    const o = ok<ObjectionView>(await objection(a!.id));
    s.setToday('2026-10-05');
    ok(await s.app.call('objection-handle', { id: o.id, outcome: 'dismissed', reason: '经核实车辆登记在其亲戚名下，非本户财产', handledOn: '2026-10-05' }, clerk));
    ok(await s.app.call('publicity-clear', { batchId: batch.id }, clerk));
    type Ev = { action: string; actionLabel: string; note: string | null };
    const eventsOf = async (id: number) => ok<{ events: Ev[] }>(await s.app.call('case-get', { id }, clerk)).events;
    const recordA = await eventsOf(a!.id);
    expect(recordA.map((e) => e.action).slice(-4)).toEqual(['post-publicity', 'objection-add', 'objection-handle', 'clear-publicity']);
    expect(recordA.find((e) => e.action === 'objection-add')).toMatchObject({ actionLabel: '登记公示异议', note: expect.stringContaining('该户家中新购小轿车一辆') });
    // The objector's name stays on the objection (never printed), not in the record.
    expect(JSON.stringify(recordA)).not.toContain('郑某');
    expect(recordA.find((e) => e.action === 'objection-handle')!.note).toContain('异议不成立：经核实车辆登记在其亲戚名下');
    const clearedA = recordA.at(-1)!;
    expect(clearedA.actionLabel).toBe('公示期满');
    expect(clearedA.note).not.toContain('无异议');
    expect(clearedA.note).toContain('提出异议1件，经调查核实均不成立');
    expect((await eventsOf(b!.id)).at(-1)!.note).toBe('公示期满（2026-09-28至2026-10-04）无异议');
  });

  it('an upheld objection sends the case back to the home visit; the others still clear', async () => {
    const batch = ok<PublicityBatchView>(await post());
    s.setToday('2026-09-30');
    const [a, b] = s.cases;
    const o = ok<ObjectionView>(await objection(a!.id));
    ok(await s.app.call('objection-handle', { id: o.id, outcome: 'upheld', reason: '经查该户确有小轿车一辆，需重新调查', handledOn: '2026-09-30' }, clerk));
    expect(await caseState(s, a!.id)).toBe('home-visit');
    const detail = ok<{ events: { action: string; toState: string }[] }>(await s.app.call('case-get', { id: a!.id }, clerk));
    expect(detail.events.at(-1)).toMatchObject({ action: 'uphold-objection', toState: 'home-visit' });
    s.setToday('2026-10-05');
    ok(await s.app.call('publicity-clear', { batchId: batch.id }, clerk));
    expect(await caseState(s, a!.id)).toBe('home-visit');
    expect(await caseState(s, b!.id)).toBe('review');
  });

  it('a disputed disability level records a 残联 re-assessment request when upheld, with its result later', async () => {
    ok(await post());
    s.setToday('2026-09-30');
    const [a] = s.cases;
    const head = ok<Household>(await s.app.call('household-get', { id: a!.householdId }, clerk)).members[0]!;
    expect(await objection(a!.id, { disputesDisability: true, content: '其残疾等级与实际不符' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    // The disputed person must be a member of this household.
    const stranger = ok<Household>(await s.app.call('household-get', { id: s.cases[1]!.householdId }, clerk)).members[0]!;
    expect(await objection(a!.id, { disputesDisability: true, disputedPersonId: stranger.id, content: '其残疾等级与实际不符' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const o = ok<ObjectionView>(await objection(a!.id, { disputesDisability: true, disputedPersonId: head.id, content: '其残疾等级与实际不符' }));
    expect(o).toMatchObject({ disputedPerson: head.name, disputedPersonId: head.id });
    const noDate = await s.app.call('objection-handle', { id: o.id, outcome: 'upheld', reason: '残疾等级存疑，需重新鉴定', handledOn: '2026-09-30' }, clerk);
    expect(noDate).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('残联') } });
    ok(await s.app.call('objection-handle', { id: o.id, outcome: 'upheld', reason: '残疾等级存疑，需重新鉴定', handledOn: '2026-09-30', reassessmentSentOn: '2026-09-30' }, clerk));
    const info = ok<CaseHearingInfo>(await s.app.call('case-hearing-info', { caseId: a!.id }, clerk));
    const request = info.objections[0]!.reassessment!;
    expect(request).toMatchObject({ personName: head.name, personId: head.id, sentOn: '2026-09-30', sentBy: '民政所经办员', result: null });
    // 初审 waits for the result.
    patchCase(s.app.db, a!.id, { state: 'preliminary-review' }, '2026-09-30T08:00:00Z');
    expect(await s.app.call('case-preliminary-decide', { caseId: a!.id, committeeAgrees: true }, clerk)).toMatchObject({
      ok: false,
      error: { code: 'WORKFLOW', message: expect.stringContaining('重新鉴定结果尚未登记') },
    });
    s.setToday('2026-10-15');
    const done = ok<ReassessmentView>(
      await s.app.call('reassessment-result', { id: request.id, resultOn: '2026-10-15', disabilityType: head.disabilityType, disabilityLevel: head.disabilityLevel }, clerk),
    );
    expect(done).toMatchObject({ resultOn: '2026-10-15', changed: false, determination: null });
    expect(done.result).toContain('维持原等级');
    expect(await s.app.call('case-preliminary-decide', { caseId: a!.id, committeeAgrees: true }, clerk)).toMatchObject({ ok: true });
  });

  it('the 残联 loop: request while the objection is open, the result written back to the person with a new determination (issue 16)', async () => {
    ok(await post());
    s.setToday('2026-09-30');
    const [a, b] = s.cases;
    const members = ok<CaseHearingInfo>(await s.app.call('case-hearing-info', { caseId: a!.id }, clerk)).members;
    const person = members[0]!;
    const o = ok<ObjectionView>(await objection(a!.id, { disputesDisability: true, disputedPersonId: person.id, content: '其残疾等级评定偏高' }));
    // No dismissal without the 残联's word.
    const noRequest = await s.app.call('objection-handle', { id: o.id, outcome: 'dismissed', reason: '经核实等级无误', handledOn: '2026-09-29' }, clerk);
    expect(noRequest).toMatchObject({ ok: false, error: { code: 'WORKFLOW', message: expect.stringContaining('须先申请残联重新鉴定') } });
    // Dates: not before the objection, not in the future — both dates named.
    expect(await s.app.call('reassessment-request', { objectionId: o.id, sentOn: '2026-09-28' }, clerk)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: '申请鉴定日期（2026-09-28）不能早于异议提出日期（2026-09-29）' },
    });
    expect(await s.app.call('reassessment-request', { objectionId: o.id, sentOn: '2026-10-01' }, clerk)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: '申请鉴定日期（2026-10-01）不能晚于今天（2026-09-30）' },
    });
    expect(await s.app.call('reassessment-request', { objectionId: o.id, sentOn: '2026-09-29' }, cadreOf(s.villageId))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const req = ok<ReassessmentView>(await s.app.call('reassessment-request', { objectionId: o.id, sentOn: '2026-09-29' }, clerk));
    expect(await s.app.call('reassessment-request', { objectionId: o.id, sentOn: '2026-09-29' }, clerk)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const pending = await s.app.call('objection-handle', { id: o.id, outcome: 'dismissed', reason: '经核实等级无误', handledOn: '2026-09-29' }, clerk);
    expect(pending).toMatchObject({ ok: false, error: { code: 'WORKFLOW', message: expect.stringContaining('尚未登记') } });
    // The result: a different level than recorded → written back, a new determination saved.
    const newLevel = person.disability.level === 2 ? 3 : 2;
    s.setToday('2026-10-03');
    expect(await s.app.call('reassessment-result', { id: req.id, resultOn: '2026-10-03', disabilityType: 'physical', disabilityLevel: null }, clerk)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    const determinationsBefore = (s.app.db.prepare('SELECT count(*) AS n FROM determinations WHERE household_id = ?').get(a!.householdId) as { n: number }).n;
    const done = ok<ReassessmentView>(await s.app.call('reassessment-result', { id: req.id, resultOn: '2026-10-03', disabilityType: 'physical', disabilityLevel: newLevel }, clerk));
    expect(done).toMatchObject({ changed: true, before: { type: person.disability.type, level: person.disability.level }, after: { type: 'physical', level: newLevel } });
    expect(done.determination).not.toBeNull();
    const after = ok<Household>(await s.app.call('household-get', { id: a!.householdId }, clerk)).members.find((m) => m.id === person.id)!;
    expect(after).toMatchObject({ disabilityType: 'physical', disabilityLevel: newLevel });
    expect((s.app.db.prepare('SELECT count(*) AS n FROM determinations WHERE household_id = ?').get(a!.householdId) as { n: number }).n).toBe(determinationsBefore + 1);
    expect(await s.app.call('reassessment-result', { id: req.id, resultOn: '2026-10-03', disabilityType: 'physical', disabilityLevel: newLevel }, clerk)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // A changed level cannot be dismissed: the facts changed, so the case is investigated and decided again.
    const dismiss = await s.app.call('objection-handle', { id: o.id, outcome: 'dismissed', reason: '经核实等级无误', handledOn: '2026-10-03' }, clerk);
    expect(dismiss).toMatchObject({ ok: false, error: { code: 'WORKFLOW', message: expect.stringContaining('异议应认定成立') } });
    expect(await s.app.call('objection-handle', { id: o.id, outcome: 'upheld', reason: '残联鉴定等级有变化', handledOn: '2026-10-02' }, clerk)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: '处理日期（2026-10-02）不能早于残联鉴定结果日期（2026-10-03）' },
    });
    ok(await s.app.call('objection-handle', { id: o.id, outcome: 'upheld', reason: '残联鉴定等级有变化', handledOn: '2026-10-03' }, clerk));
    expect(await caseState(s, a!.id)).toBe('home-visit');
    const record = ok<{ events: { action: string; note: string | null }[] }>(await s.app.call('case-get', { id: a!.id }, clerk)).events.map((e) => e.action);
    expect(record.slice(-4)).toEqual(['objection-add', 'reassessment-request', 'reassessment-result', 'uphold-objection']);
    // The other household: an unchanged level is dismissed on the result.
    const pb = ok<CaseHearingInfo>(await s.app.call('case-hearing-info', { caseId: b!.id }, clerk)).members[0]!;
    const ob = ok<ObjectionView>(await objection(b!.id, { disputesDisability: true, disputedPersonId: pb.id, raisedOn: '2026-10-01', content: '残疾等级不实' }));
    const rb = ok<ReassessmentView>(await s.app.call('reassessment-request', { objectionId: ob.id, sentOn: '2026-10-02' }, clerk));
    ok(await s.app.call('reassessment-result', { id: rb.id, resultOn: '2026-10-03', disabilityType: pb.disability.type, disabilityLevel: pb.disability.level }, clerk));
    ok(await s.app.call('objection-handle', { id: ob.id, outcome: 'dismissed', reason: '经残联重新鉴定，等级无误', handledOn: '2026-10-03' }, clerk));
    expect(await caseState(s, b!.id)).toBe('publicity');
  });
});

describe('the 评议结果公示 sheet', () => {
  it('shows only the §9 fields: names and amounts, the window and the supervision phones; never ID numbers or addresses', async () => {
    const batch = ok<PublicityBatchView>(await post({ days: 7, unit: 'working' }));
    expect(batch.document).toMatchObject({ kind: 'public-notice', villageId: s.villageId });
    expect(batch.document!.documentNumber).toBeTruthy();
    const pdf = ok<{ base64: string }>(await s.app.call('document-pdf', { id: batch.document!.id }, clerk));
    const text = extractPageTexts(Buffer.from(pdf.base64, 'base64')).join('\n').replace(/\s+/g, '');
    expect(text).toContain('评议结果公示');
    expect(text).toContain('2026年10月12日');
    expect(text).toContain('0550-1234567');
    for (const c of s.cases) {
      expect(text).toContain(c.headName!);
      const h = ok<Household>(await s.app.call('household-get', { id: c.householdId }, clerk));
      expect(text).not.toContain(h.address.replace(/\s+/g, ''));
      for (const m of h.members) {
        expect(text).not.toContain(m.idNumber);
        expect(text).not.toContain(m.idNumber.slice(-6));
      }
    }
    // The objector's name and contact are never printed: the sheet is fixed at posting, and nothing else prints them.
    expect(text).not.toContain('13900001111');
  });

  it('refuses posting cases not through the hearing, and cadres of other villages', async () => {
    expect(await post({ caseIds: [s.application.id] })).toMatchObject({ ok: false, error: { code: 'WORKFLOW' } });
    const foreign = await s.app.call('publicity-post', { campaignId: s.campaign.id, villageId: s.villageId, caseIds: [s.cases[0]!.id], postingDate: '2026-09-28', days: 7, unit: 'natural' }, cadreOf(s.otherVillageId));
    expect(foreign).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(s.app.db.prepare('SELECT count(*) AS n FROM publicity_batches').get()).toEqual({ n: 0 });
  });
});
