// Issue 14's quick rough edges: emoji refused in names; a given name alone finds the person (also in a database
// migrated from before the index existed).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Village } from '../../src/contract';
import { openDatabase } from '../../src/store/db';
import { migrations } from '../../src/store/migrations';
import { ok, tempApp, validId } from '../helpers/temp-app';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('names', () => {
  it('refuses emoji in a person’s or a village’s name with a message, and writes nothing', async () => {
    const app = tempApp();
    try {
      const village = ok<Village>(await app.call('village-create', { name: '东山村', code: '990101100201' }));
      const r = await app.call('household-create', { villageId: village.id, address: '东山村1号', head: { name: '张建国😀', idNumber: validId('99010119500101001'), relation: '户主' } });
      expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: [{ path: 'head.name', message: '姓名不能含有表情符号（打印时会显示为□，也无法检索），请删除' }] } });
      const v = await app.call('village-create', { name: '西岭村🌾', code: '990101100202' });
      expect(v.ok).toBe(false);
      expect((app.db.prepare('SELECT count(*) AS n FROM households').get() as { n: number }).n).toBe(0);
      // Ordinary rare characters stay accepted.
      ok(await app.call('household-create', { villageId: village.id, address: '东山村2号', head: { name: '龚喆', idNumber: validId('99010119600202002'), relation: '户主' } }));
    } finally {
      app.dispose();
    }
  });
});

describe('given-name search', () => {
  it('finds 张文斌 by 文斌 and by 张文, not by 斌文', async () => {
    const app = tempApp();
    try {
      const village = ok<Village>(await app.call('village-create', { name: '东山村', code: '990101100201' }));
      ok(await app.call('household-create', { villageId: village.id, address: '1号', head: { name: '张文斌', idNumber: validId('99010119500101001'), relation: '户主' } }));
      ok(await app.call('household-create', { villageId: village.id, address: '2号', head: { name: '欧阳文斌', idNumber: validId('99010119600202002'), relation: '户主' } }));
      const names = async (q: string) => ok<{ items: { name: string }[] }>(await app.call('search', { query: q, villageId: null, page: 1, pageSize: 20 })).items.map((i) => i.name).sort();
      expect(await names('文斌')).toEqual(['张文斌', '欧阳文斌']);
      expect(await names('张文')).toEqual(['张文斌']);
      expect(await names('斌文')).toEqual([]);
    } finally {
      app.dispose();
    }
  });

  it('migration 16 fills the reversed names of persons registered before it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dibao-mig16-'));
    dirs.push(dir);
    const file = join(dir, 'x.sqlite');
    const old = openDatabase(file, migrations.slice(0, 15)); // index i takes user_version i to i + 1: up to 15, before 016
    old.prepare("INSERT INTO villages (name, code, kind, created_at, updated_at) VALUES ('东山村', '100', 'village', 't', 't')").run();
    old.prepare("INSERT INTO households (village_id, address, created_at, updated_at) VALUES (1, '1号', 't', 't')").run();
    old.prepare(
      "INSERT INTO persons (household_id, name, id_number, id_reversed, name_initials, name_pinyin, sex, birth_date, relation, created_at, updated_at) VALUES (1, '张文斌', '1', '1', 'zwb', 'zhangwenbin', 'male', '1950-01-01', '户主', 't', 't')",
    ).run();
    old.close();
    const db = openDatabase(file);
    expect(db.prepare('SELECT name_reversed FROM persons').get()).toEqual({ name_reversed: '斌文张' });
    db.close();
  });
});
