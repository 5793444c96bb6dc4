// Issue 12: the refusal and the stop quote the case that decided them — the day the family applied (its application
// step, not the day the household was registered), the day of the decision, the asset finding, the figures of the
// failed test and the amount that stops — as the workflow issues them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseDetail, DocumentPdf, SavedDetermination } from '../../src/contract';
import { DEFAULT_POLICY } from '../../src/domain/policy';
import { patchCase } from '../../src/store/campaigns';
import { setHouseholdStatus } from '../../src/store/households';
import { extractPageTexts } from '../fixtures/documents/pdf-text';
import { clerk, setup, toVerification, type Setup } from '../helpers/case-steps';
import { ok } from '../helpers/temp-app';

let s: Setup;
beforeEach(async () => {
  // The household is registered on 2026-03-10 (the clock); the village signs the application on 2026-03-06.
  s = await setup('2026-03-10T08:00:00Z');
  const { version: _v, ...planFigures } = DEFAULT_POLICY;
  ok(await s.app.call('policy-add', planFigures));
});
afterEach(() => s.app.dispose());

async function noticeOf(kind: 'denial-notice' | 'stop-notice'): Promise<{ text: string; snapshot: Record<string, unknown> }> {
  const row = s.app.db.prepare('SELECT id, snapshot_json AS s FROM documents WHERE kind = ? AND household_id = ?').get(kind, s.household.id) as { id: number; s: string };
  const pdf = ok<DocumentPdf>(await s.app.call('document-pdf', { id: row.id }, clerk));
  const text = extractPageTexts(Buffer.from(pdf.base64, 'base64')).join('').replace(/\s+/g, '').replace(/—\d+—/g, '');
  return { text, snapshot: JSON.parse(row.s) as Record<string, unknown> };
}

async function recordVerification(compliant: boolean, vehicles = ''): Promise<void> {
  ok(
    await s.app.call(
      'case-verification-record',
      {
        caseId: s.caseId,
        incomes: s.household.members.map((m) => ({ personId: m.id, monthlyIncome: m.monthlyIncome })),
        assets: { vehicles, realEstate: '自建房一处', deposits: '', business: '', other: '' },
        compliant,
      },
      clerk,
    ),
  );
}

describe('不予批准通知书 from a case', () => {
  it('quotes the application date of the application step, the confirmation day and the recorded asset finding', async () => {
    await toVerification(s);
    await recordVerification(false, '小型轿车一辆（2021年登记）');
    patchCase(s.app.db, s.caseId, { state: 'preliminary-review' }, '2026-03-10T08:00:00Z'); // 入户调查 is another step's test
    ok<CaseDetail>(await s.app.call('case-preliminary-decide', { caseId: s.caseId, committeeAgrees: true }, clerk));
    ok<CaseDetail>(await s.app.call('case-confirm-denial', { caseId: s.caseId }, clerk));
    const { text, snapshot } = await noticeOf('denial-notice');
    expect(snapshot).toMatchObject({ applicationDate: '2026-03-06', decisionDate: '2026-03-10', caseId: s.caseId, reviewOfRecipient: false });
    expect(text).toContain('你（户）于2026年3月6日提出的最低生活保障申请，本机关于2026年3月10日决定不予批准');
    expect(text).not.toContain('2026年3月10日提出');
    expect(text).toContain('本机关于2026年3月10日决定不予批准');
    expect(text).toContain('家庭财产状况不符合规定（方案二(一)）。核对认定：车辆：小型轿车一辆（2021年登记）；房产：自建房一处');
  });
});

describe('停发通知书 from a case', () => {
  it('quotes the failed test with its figures, the month payments stop and the amount that stops', async () => {
    // A recipient paid the amount of its earlier determination, reviewed now with a new income.
    ok(
      await s.app.call(
        'household-facts-update',
        { householdId: s.household.id, assetsCompliant: true, assetsNote: null, otherMonthlyIncome: 0, singleCoverPersonId: null, medicalSelfPaid: null, medicalDisposable: null, medicalPatientPersonId: null },
        clerk,
      ),
    );
    const before = ok<SavedDetermination>(await s.app.call('determination-save', { householdId: s.household.id }, clerk));
    expect(before.category).toBe('poor');
    setHouseholdStatus(s.app.db, s.household.id, 'recipient', '2026-03-10T08:00:00Z');
    await toVerification(s);
    ok(
      await s.app.call(
        'case-verification-record',
        { caseId: s.caseId, incomes: s.household.members.map((m) => ({ personId: m.id, monthlyIncome: 1500 })), assets: { vehicles: '', realEstate: '', deposits: '', business: '', other: '' }, compliant: true },
        clerk,
      ),
    );
    patchCase(s.app.db, s.caseId, { state: 'preliminary-review' }, '2026-03-10T08:00:00Z');
    // The case is a new application in the helper; an exit needs a recipient's case.
    s.app.db.prepare("UPDATE cases SET kind = 'recipient-review' WHERE id = ?").run(s.caseId);
    const decided = ok<CaseDetail>(await s.app.call('case-preliminary-decide', { caseId: s.caseId, committeeAgrees: true }, clerk));
    expect(decided.state).toBe('proposed-exit');
    ok<CaseDetail>(await s.app.call('case-confirm-exit', { caseId: s.caseId, stopReason: '' }, clerk));
    const { text, snapshot } = await noticeOf('stop-notice');
    expect(snapshot).toMatchObject({ fromDetermination: true, previousMonthlyAmount: before.monthlyTotal, stopFromMonth: '2026-04', decisionDate: '2026-03-10' });
    expect(text).toContain(`本机关于2026年3月10日决定，自2026年4月起停发你户最低生活保障金（每月${before.monthlyTotal}元），理由如下：`);
    expect(text).toContain('理由如下：1．家庭月总收入3000.00元÷2人=人均1500.00元，不低于低保标准602元（方案二(一)1）');
    expect(text).toContain('不低于低保标准2倍1204元（方案二(一)2）');
  });
});
