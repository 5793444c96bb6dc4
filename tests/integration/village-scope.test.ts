// The walk of issue 10 as a village cadre (cadre1, 东山村) on an office with both villages' records.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, CaseDetail, DocumentView, Household, HouseholdSummary, Page, Result, SearchHit } from '../../src/contract';
import { accessWorld, type AccessWorld } from '../helpers/access-world';
import { ok, person } from '../helpers/temp-app';

let w: AccessWorld;
beforeAll(async () => {
  w = await accessWorld();
}, 120_000);
afterAll(() => w?.dispose());

const asCadre = (command: string, input: unknown) => w.app.call(command, input, w.actors.cadre);
const asClerk = (command: string, input: unknown) => w.app.call(command, input, w.actors.clerk);
const forbidden = (r: Result<unknown>) => expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
/** Every table's rows, for "nothing changed". */
const snapshot = (): string =>
  JSON.stringify(
    (w.app.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) =>
      w.app.db.prepare(`SELECT * FROM "${t.name}"`).all(),
    ),
  );

describe('a village cadre reads only their own village', () => {
  it('in the household list, whatever village is asked for', async () => {
    const page = ok<Page<HouseholdSummary>>(await asCadre('household-list', { pageSize: 200 }));
    const all = ok<Page<HouseholdSummary>>(await asClerk('household-list', { pageSize: 200 }));
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((h) => h.villageId === w.villages.own)).toBe(true);
    expect(page.total).toBe(all.items.filter((h) => h.villageId === w.villages.own).length);
    forbidden(await asCadre('household-list', { villageId: w.villages.other }));
  });

  it('in person search, by name, ID number and pinyin', async () => {
    const other = w.app.db
      .prepare('SELECT p.name, p.id_number AS idNumber FROM persons p JOIN households h ON h.id = p.household_id WHERE h.village_id = ? LIMIT 1')
      .get(w.villages.other) as { name: string; idNumber: string };
    for (const query of [other.name, other.idNumber, other.idNumber.slice(-6)]) {
      const hits = ok<Page<SearchHit>>(await asCadre('search', { query }));
      expect(hits.items.filter((h) => h.villageId !== w.villages.own)).toEqual([]);
      expect(ok<Page<SearchHit>>(await asClerk('search', { query })).total).toBeGreaterThan(0);
    }
  });

  it('in household detail, determinations and documents', async () => {
    const h = w.ids.household.other;
    forbidden(await asCadre('household-get', { id: h }));
    forbidden(await asCadre('determination-list', { householdId: h }));
    forbidden(await asCadre('household-evaluate', { householdId: h }));
    forbidden(await asCadre('document-list', { householdId: h }));
    forbidden(await asCadre('document-pdf', { id: w.ids.document.other }));
    const docs = ok<Page<DocumentView>>(await asCadre('document-list', {}));
    expect(docs.items.every((d) => d.villageId === w.villages.own)).toBe(true);
    expect(ok<Household>(await asCadre('household-get', { id: w.ids.household.own })).villageId).toBe(w.villages.own);
  });
});

describe('a village cadre cannot write to another village', () => {
  it('leaves every table unchanged when refused', async () => {
    const other = ok<Household>(await asClerk('household-get', { id: w.ids.household.other }));
    const member = other.members[0]!;
    const before = snapshot();
    forbidden(await asCadre('household-update', { id: other.id, villageId: other.villageId, address: '改过的住址', groupName: null, phone: null, note: null }));
    // Moving one's own household into the other village, and another village's household into one's own.
    forbidden(await asCadre('household-update', { id: w.ids.household.own, villageId: w.villages.other, address: '搬走', groupName: null, phone: null, note: null }));
    forbidden(await asCadre('household-update', { id: other.id, villageId: w.villages.own, address: '搬来', groupName: null, phone: null, note: null }));
    forbidden(await asCadre('household-create', { villageId: w.villages.other, address: '新户', head: { ...person('新户主', '99010219700101001'), relation: '户主' } }));
    forbidden(await asCadre('person-update', { id: member.id, person: { name: member.name, idNumber: member.idNumber, relation: member.relation, monthlyIncome: 9999 } }));
    forbidden(await asCadre('person-add', { householdId: other.id, person: person('外来人', '99010219800101002') }));
    forbidden(await asCadre('person-remove', { id: member.id }));
    forbidden(await asCadre('household-facts-update', { householdId: other.id, assetsCompliant: true, otherMonthlyIncome: 0 }));
    forbidden(await asCadre('household-set-head', { householdId: other.id, personId: member.id, formerHeadRelation: '配偶' }));
    forbidden(await asCadre('case-screen', { caseId: w.ids.case.other, result: 'exit' }));
    forbidden(await asCadre('objection-add', { caseId: w.ids.case.other, raisedBy: '某人', raisedOn: '2026-03-21', content: '异议内容' }));
    expect(snapshot()).toBe(before);
  });
});

describe('official acts only through the workflow', () => {
  it('refuses the stop and denial notices on document-issue, saying where they come from', async () => {
    const before = snapshot();
    const stop = await asClerk('document-issue', { kind: 'stop-notice', householdId: w.ids.household.own, options: { stopReason: '收入超标' } });
    expect(stop).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('镇核实清退') } });
    const denial = await asClerk('document-issue', { kind: 'denial-notice', householdId: w.ids.household.own });
    expect(denial).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('确认不予批准') } });
    expect(snapshot()).toBe(before);
  });

  it('shows every issued document in the household history and the open case record', async () => {
    const householdId = w.ids.household.own;
    const doc = ok<DocumentView>(await asClerk('document-issue', { kind: 'declaration', householdId }));
    const history = ok<Page<AuditEntry>>(await asClerk('audit-list', { entityType: 'household', entityId: householdId, pageSize: 50 }));
    expect(history.items.find((e) => e.entityType === 'document' && e.entityId === doc.id)).toMatchObject({ command: 'document-issue', after: { kind: 'declaration' } });
    const kase = ok<CaseDetail>(await asClerk('case-get', { id: w.ids.case.own }));
    expect(kase.events.at(-1)).toMatchObject({ action: 'issue-document', actionLabel: '出具文书', note: '出具申请声明书', toState: kase.state });
  });
});
