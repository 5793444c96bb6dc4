import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Evaluation, Household, HouseholdSummary, Page, PolicyState, ReevaluationPreview, SavedDetermination, Village } from '../../src/contract';
import { factsSchema } from '../../src/contract/commands/determination';
import { personFieldsOf, personInputSchema } from '../../src/contract';
import { DEFAULT_POLICY } from '../../src/domain/policy';
import { seedDemo } from '../../src/services/demo';
import { ok, person, tempApp } from '../helpers/temp-app';

let app: ReturnType<typeof tempApp>;
let household: Household;

const { version: _v, ...planFigures } = DEFAULT_POLICY;

const facts = (over: object = {}) => ({
  householdId: household.id,
  assetsCompliant: true,
  assetsNote: null,
  otherMonthlyIncome: 0,
  singleCoverPersonId: null,
  medicalSelfPaid: null,
  medicalDisposable: null,
  medicalPatientPersonId: null,
  ...over,
});

beforeEach(async () => {
  app = tempApp('2026-11-28T08:00:00Z');
  const v = ok<Village>(await app.call('village-create', { name: '东山村', code: '100201' }));
  // 3 persons, income 900 → I = 300 < 602: poor. Head born 1958 (68 → B), wife 1960 (66 → B), son 1988 (C).
  household = ok<Household>(
    await app.call('household-create', { villageId: v.id, address: '1号', head: person('张三', '99010119580312001', { relation: '户主', monthlyIncome: 900 }) }),
  );
  ok(await app.call('person-add', { householdId: household.id, person: person('李秀兰', '99010119600415002', { relation: '配偶' }) }));
  household = ok<Household>(await app.call('person-add', { householdId: household.id, person: person('张小明', '99010119881120003') }));
});
afterEach(() => app.dispose());

describe('the dated policy table', () => {
  it('starts unconfirmed with the plan defaults, and keeps the plan version id when confirmed unchanged', async () => {
    const before = ok<PolicyState>(await app.call('policy-list', {}));
    expect(before).toMatchObject({ confirmed: false, versions: [], inForce: { standard: 602 } });
    const after = ok<PolicyState>(await app.call('policy-add', planFigures));
    expect(after.confirmed).toBe(true);
    expect(after.versions.map((v) => v.policy.version)).toEqual(['plan-2020-03']);
  });

  it('adds a dated version; the one in force depends on the date; recorded versions are immutable', async () => {
    ok(await app.call('policy-add', planFigures));
    const state = ok<PolicyState>(await app.call('policy-add', { ...planFigures, label: '2026年标准', effectiveFrom: '2026-07-01', standard: 700 }));
    expect(state.inForce.standard).toBe(700);
    expect(state.inForce.version).toBe('2026-07-01-v2');
    const future = ok<PolicyState>(await app.call('policy-add', { ...planFigures, effectiveFrom: '2027-01-01', standard: 750 }));
    expect(future.inForce.standard).toBe(700);
    expect(() => app.db.prepare('UPDATE policy_versions SET policy_json = ?').run('{}')).toThrow(/不可修改/);
  });

  it('refuses a bad version with field paths', async () => {
    const r = await app.call('policy-add', { ...planFigures, standard: -1, classUplift: { ...planFigures.classUplift, A: { mode: 'fixed' } } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.fields?.map((f) => f.path)).toEqual(expect.arrayContaining(['standard', 'classUplift.A.value']));
  });

  it('is reserved to the administrator role', async () => {
    const r = await app.call('policy-add', planFigures, { id: 2, name: '经办员', role: 'clerk' });
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('household determination', () => {
  it('names the missing asset finding instead of guessing', async () => {
    const ev = ok<Evaluation>(await app.call('household-evaluate', { householdId: household.id }));
    expect(ev.result).toBeNull();
    expect(ev.missing).toContain('尚未填写家庭财产状况核对结论');
  });

  it('evaluates the stored household: poor, whole household covered, amounts by class', async () => {
    ok(await app.call('household-facts-update', facts()));
    const ev = ok<Evaluation>(await app.call('household-evaluate', { householdId: household.id }));
    // base = 602 − 300 = 302; B +20 % → 362.4 → 362 (×2: head 68, wife 66); son 38 → C 302. Total 1026.
    expect(ev.result).toMatchObject({ category: 'poor', perCapitaIncome: 300, monthlyTotal: 1026 });
    expect(ev.result!.covered.map((c) => [ev.members[c.index]!.name, c.class, c.amount])).toEqual([
      ['张三', 'B', 362],
      ['李秀兰', 'B', 362],
      ['张小明', 'C', 302],
    ]);
    expect(ev.result!.reasons.join('\n')).toContain('家庭月总收入 900.00 元 ÷ 3 人 = 人均 300.00 元');
  });

  it('refuses to save before the policy is confirmed, then freezes the snapshot so later edits do not change it', async () => {
    ok(await app.call('household-facts-update', facts()));
    const refused = await app.call('determination-save', { householdId: household.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'WORKFLOW' } });
    ok(await app.call('policy-add', planFigures));
    const saved = ok<SavedDetermination>(await app.call('determination-save', { householdId: household.id }));
    expect(saved).toMatchObject({ policyVersion: 'plan-2020-03', category: 'poor', monthlyTotal: 1026, evaluationDate: '2026-11-28' });
    const head = household.members[0]!;
    ok(await app.call('person-update', { id: head.id, person: { ...person('张三', '99010119580312001', { relation: '户主' }), monthlyIncome: 5000 } }));
    const list = ok<SavedDetermination[]>(await app.call('determination-list', { householdId: household.id }));
    expect(list[0]!.snapshot.result.monthlyTotal).toBe(1026);
    expect(list[0]!.snapshot.members.map((m) => m.name)).toEqual(['张三', '李秀兰', '张小明']);
    expect(() => app.db.prepare('UPDATE determinations SET monthly_total = 0').run()).toThrow(/不可修改/);
    const del = await app.call('household-delete', { id: household.id });
    expect(del).toMatchObject({ ok: false, error: { code: 'WORKFLOW' } });
  });

  it('checks that the chosen patient belongs to the household and that M comes with Y', async () => {
    const noY = await app.call('household-facts-update', facts({ medicalSelfPaid: 1000, medicalPatientPersonId: household.members[0]!.id }));
    expect(!noY.ok && noY.error.fields?.[0]?.path).toBe('medicalDisposable');
    const stranger = await app.call('household-facts-update', facts({ singleCoverPersonId: 99999 }));
    expect(!stranger.ok && stranger.error.fields?.[0]?.path).toBe('singleCoverPersonId');
  });
});

describe('office inputs that feed the engine (spec §10 settled points)', () => {
  const counts = () => app.db.prepare('SELECT (SELECT count(*) FROM audit_log) AS audit, (SELECT count(*) FROM persons) AS persons').get();

  it.each<[string, string, (h: Household) => unknown, { path: string; message: string }]>([
    ['household-facts-update', 'misspelt fact', (h) => ({ ...facts(), householdId: h.id, assetsCompliantt: false }), { path: 'assetsCompliantt', message: '未知字段，请检查拼写' }],
    ['household-facts-update', '1e400 as other income', (h) => ({ ...facts(), householdId: h.id, otherMonthlyIncome: JSON.parse('1e400') }), { path: 'otherMonthlyIncome', message: '金额过大' }],
    ['person-add', 'misspelt flag', (h) => ({ householdId: h.id, person: { ...person('王五', '99010119900101004'), seriousIlness: true } }), { path: 'person.seriousIlness', message: '未知字段，请检查拼写' }],
    [
      'person-add',
      'hospitalised without a mental disability',
      (h) => ({ householdId: h.id, person: person('王五', '99010119900101004', { disabilityType: 'physical', disabilityLevel: 2, mentalHospitalized: true }) }),
      { path: 'person.mentalHospitalized', message: '只有残疾类别为精神残疾的成员才能填写「精神残疾正在住院治疗」' },
    ],
    [
      'person-update',
      'the person view sent back as it was read',
      (h) => ({ id: h.members[0]!.id, person: { ...h.members[0]!, monthlyIncome: 1 } }),
      { path: 'person.id', message: '未知字段，请检查拼写' },
    ],
  ])('%s refuses a %s with its path and changes nothing', async (command, _name, input, field) => {
    const before = counts();
    const r = await app.call(command as 'person-add', input(household) as never);
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!r.ok) expect(r.error.fields).toContainEqual(field);
    expect(counts()).toEqual(before);
  });

  it('a stored contradiction (older data) stops the determination with the member named, never a silent class A', async () => {
    ok(await app.call('household-facts-update', facts()));
    app.db.prepare('UPDATE persons SET mental_hospitalized = 1 WHERE id = ?').run(household.members[2]!.id);
    const ev = ok<Evaluation>(await app.call('household-evaluate', { householdId: household.id }));
    expect(ev.result).toBeNull();
    expect(ev.issues).toEqual([
      { path: 'household.members[2].mentalHospitalized', message: '成员「张小明」：只有残疾类别为精神残疾的成员才能填写「精神残疾正在住院治疗」' },
    ]);
  });

  it('the demo office passes the strict inputs: every member and every household\'s facts, and every household evaluates', async () => {
    const demo = tempApp('2026-03-10T08:00:00Z');
    try {
      seedDemo(demo.ctx(), { cycle: false });
      const list = ok<Page<HouseholdSummary>>(await demo.call('household-list', { pageSize: 200 }));
      expect(list.items).toHaveLength(36);
      for (const summary of list.items) {
        const h = ok<Household>(await demo.call('household-get', { id: summary.id }));
        for (const m of h.members) expect(personInputSchema.safeParse(personFieldsOf(m)).error?.issues ?? []).toEqual([]);
        const ev = ok<Evaluation>(await demo.call('household-evaluate', { householdId: h.id }));
        expect(factsSchema.safeParse({ householdId: h.id, ...ev.facts }).error?.issues ?? []).toEqual([]);
        expect(ev.issues).toEqual([]);
        expect(ev.result).not.toBeNull();
      }
    } finally {
      demo.dispose();
    }
  });
});

describe('re-evaluation under a new policy', () => {
  it('lists recipients whose amounts change, with old and new totals, writes nothing, and exports Excel', async () => {
    ok(await app.call('policy-add', planFigures));
    ok(await app.call('household-facts-update', facts()));
    ok(await app.call('determination-save', { householdId: household.id }));
    app.db.prepare("UPDATE households SET status = 'recipient'").run();
    const next = ok<PolicyState>(await app.call('policy-add', { ...planFigures, effectiveFrom: '2027-01-01', standard: 700 }));
    const version = next.versions[1]!.policy.version;
    const auditBefore = app.db.prepare('SELECT count(*) AS n FROM audit_log').get();
    const p = ok<ReevaluationPreview>(await app.call('reevaluation-preview', { policyVersion: version }));
    // base = 700 − 300 = 400; B 480 ×2, C 400 → 1360 (was 1026): +334.
    expect(p).toMatchObject({ recipients: 1, oldMonthlyTotal: 1026, newMonthlyTotal: 1360, monthlyDifference: 334, evaluationDate: '2027-01-01' });
    expect(p.rows[0]!.changes).toContain('张三：B类 362 元 → B类 480 元');
    expect(app.db.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual(auditBefore);

    const file = ok<{ fileName: string; base64: string }>(await app.call('reevaluation-export', { policyVersion: version }));
    expect(file.fileName).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('调整测算')!;
    expect(ws.getRow(4).getCell(2).value).toBe('张三');
    expect(ws.getRow(4).getCell(8).value).toBe(334);
  });

  it('says an unknown version does not exist', async () => {
    const r = await app.call('reevaluation-preview', { policyVersion: 'nope' });
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
