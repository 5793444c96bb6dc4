import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry, Household, Page, SearchHit, Village } from '../../src/contract';
import { ok, person, tempApp, validId } from '../helpers/temp-app';

let app: ReturnType<typeof tempApp>;
let village: Village;

beforeEach(async () => {
  app = tempApp();
  village = ok<Village>(await app.call('village-create', { name: '东山村', code: '100201', groups: ['一组', '二组'] }));
});
afterEach(() => app.dispose());

const createHousehold = async (headName: string, first17: string, extra: object = {}) =>
  ok<Household & { warnings: string[] }>(
    await app.call('household-create', {
      villageId: village.id,
      groupName: '一组',
      address: '东山村一组1号',
      head: person(headName, first17, { relation: '户主' }),
      ...extra,
    }),
  );

describe('households and members', () => {
  it('creates a household with its head, derives sex and birth date, and records the audit trail', async () => {
    const h = await createHousehold('张三', '99010119580312001');
    expect(h.headName).toBe('张三');
    expect(h.members).toHaveLength(1);
    expect(h.members[0]).toMatchObject({ sex: 'male', birthDate: '1958-03-12', relation: '户主' });
    const audit = ok<Page<AuditEntry>>(await app.call('audit-list', { entityType: 'household', entityId: h.id }));
    expect(audit.items[0]).toMatchObject({ command: 'household-create', actor: '本机管理员', before: null });
  });

  it('refuses a checksum error with the field path and a Chinese message, and writes nothing', async () => {
    const bad = validId('99010119580312001').slice(0, 17) + '0';
    const good = validId('99010119580312001');
    const r = await app.call('household-create', {
      villageId: village.id,
      address: '一号',
      head: { name: '张三', idNumber: bad === good ? validId('99010119580312003') : bad, relation: '户主' },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('VALIDATION');
    expect(r.error.fields).toContainEqual({ path: 'head.idNumber', message: '校验码错误' });
    expect(ok<Page<unknown>>(await app.call('household-list', {})).total).toBe(0);
  });

  it('refuses a person who already belongs to another household, naming that household', async () => {
    const first = await createHousehold('张三', '99010119580312001');
    const second = await createHousehold('李四', '99010119700101002', { address: '东山村二组9号', groupName: '二组' });
    const r = await app.call('person-add', { householdId: second.id, person: person('张三', '99010119580312001') });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('CONFLICT');
    expect(r.error.message).toContain('东山村');
    expect(r.error.message).toContain('张三户');
    expect(r.error.message).toContain(first.address);
    expect(ok<Household>(await app.call('household-get', { id: second.id })).members).toHaveLength(1);
  });

  it('converts a 15-digit legacy number with a warning', async () => {
    const h = await createHousehold('张三', '99010119580312001');
    const legacy = '990101580312005';
    const r = ok<Household & { warnings: string[] }>(
      await app.call('person-add', { householdId: h.id, person: { name: '王老五', idNumber: legacy, relation: '兄弟姐妹' } }),
    );
    const added = r.members.find((m) => m.name === '王老五')!;
    expect(added.idNumber).toBe(validId('99010119580312005'));
    expect(r.warnings[0]).toContain('15位');
  });

  it('refuses a birth date in the future against the service clock', async () => {
    const r = await app.call('household-create', { villageId: village.id, address: '1号', head: person('未来', '99010120300101001', { relation: '户主' }) });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.fields?.[0]).toEqual({ path: 'head.idNumber', message: '出生日期晚于今天' });
  });

  it('keeps one head: a second 户主 is refused, set-head swaps and records the previous head', async () => {
    const h = await createHousehold('张三', '99010119580312001');
    const withSon = ok<Household>(await app.call('person-add', { householdId: h.id, person: person('张小明', '99010119881120003') }));
    expect((await app.call('person-add', { householdId: h.id, person: person('某', '99010119900101004', { relation: '户主' }) })).ok).toBe(false);
    const son = withSon.members.find((m) => m.name === '张小明')!;
    const after = ok<Household>(await app.call('household-set-head', { householdId: h.id, personId: son.id, formerHeadRelation: '父母' }));
    expect(after.headName).toBe('张小明');
    expect(after.members.find((m) => m.name === '张三')!.relation).toBe('父母');
    const removeHead = await app.call('person-remove', { id: son.id });
    expect(removeHead.ok).toBe(false);
  });

  it('records the previous value when a member is edited', async () => {
    const h = await createHousehold('张三', '99010119580312001');
    const head = h.members[0]!;
    ok(await app.call('person-update', { id: head.id, person: { ...person('张三', '99010119580312001', { relation: '户主' }), monthlyIncome: 450.5 } }));
    const audit = ok<Page<AuditEntry>>(await app.call('audit-list', { entityType: 'household', entityId: h.id }));
    const update = audit.items.find((e) => e.command === 'person-update')!;
    expect((update.before as { monthlyIncome: number }).monthlyIncome).toBe(0);
    expect((update.after as { monthlyIncome: number }).monthlyIncome).toBe(450.5);
  });

  it('refuses money with more than two decimals and a disability type without a level', async () => {
    const h = await createHousehold('张三', '99010119580312001');
    const r1 = await app.call('person-add', { householdId: h.id, person: { ...person('甲', '99010119900101004'), monthlyIncome: 1.234 } });
    const r2 = await app.call('person-add', { householdId: h.id, person: { ...person('乙', '99010119900101006'), disabilityType: 'mental' } });
    expect(!r1.ok && r1.error.fields?.[0]?.path).toBe('person.monthlyIncome');
    expect(!r2.ok && r2.error.fields?.[0]?.message).toBe('残疾类别和残疾等级须同时填写');
  });
});

describe('villages', () => {
  it('refuses duplicate names and deleting a village with households or a group in use', async () => {
    expect((await app.call('village-create', { name: '东山村', code: '100202' })).ok).toBe(false);
    await createHousehold('张三', '99010119580312001');
    const del = await app.call('village-delete', { id: village.id });
    expect(!del.ok && del.error.message).toContain('还有 1 户');
    const shrink = await app.call('village-update', { id: village.id, name: '东山村', code: '100201', groups: ['二组'] });
    expect(!shrink.ok && shrink.error.message).toContain('一组');
  });
});

describe('search', () => {
  beforeEach(async () => {
    const h = await createHousehold('张三', '99010119580312001');
    ok(await app.call('person-add', { householdId: h.id, person: person('单雄信', '99010119881120003') }));
    const other = ok<Village>(await app.call('village-create', { name: '柳河社区', code: '100001', kind: 'community' }));
    ok(await app.call('household-create', { villageId: other.id, address: '柳河1号', head: person('张三丰', '99010119450101007', { relation: '户主' }) }));
  });
  const names = async (query: string, villageId?: number) =>
    ok<Page<SearchHit>>(await app.call('search', { query, villageId })).items.map((h) => h.name).sort();

  it('finds by name prefix, pinyin initials, full pinyin, full ID and the last 4+ ID characters', async () => {
    expect(await names('张三')).toEqual(['张三', '张三丰']);
    expect(await names('zs')).toEqual(['张三', '张三丰']);
    expect(await names('sxx')).toEqual(['单雄信']); // polyphonic surname 单 = shan
    expect(await names('zhangsanf')).toEqual(['张三丰']);
    expect(await names(validId('99010119881120003'))).toEqual(['单雄信']);
    expect(await names(validId('99010119450101007').slice(-6))).toEqual(['张三丰']);
    // The given name alone finds the person too (issue 14: a clerk searches 「文斌」 for 张文斌).
    expect(await names('雄信')).toEqual(['单雄信']);
    expect(await names('信雄')).toEqual([]);
  });

  it('filters by village and pages', async () => {
    expect(await names('zs', village.id)).toEqual(['张三']);
    const page2 = ok<Page<SearchHit>>(await app.call('search', { query: '', page: 2, pageSize: 2 }));
    expect(page2.total).toBe(3);
    expect(page2.items).toHaveLength(1);
  });

  it('lists households that have a matching member', async () => {
    const r = ok<Page<{ headName: string }>>(await app.call('household-list', { query: 'sxx' }));
    expect(r.items.map((h) => h.headName)).toEqual(['张三']);
  });
});

describe('dispatcher', () => {
  it('answers unknown commands and bad input with an envelope, never a throw', async () => {
    expect(await app.call('drop-everything', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } });
    expect(await app.call('household-get', { id: 'x' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: [{ path: 'id' }] } });
    expect(await app.call('household-get', { id: 999 })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('refuses a command the actor role may not run', async () => {
    const r = await app.call('settings-update', {}, { id: 1, name: '村干部甲', role: 'cadre' });
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
