import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db';
import { migrations } from '../../src/store/migrations';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('migration 9 (roster)', () => {
  it('rebuilds cases keeping every row and child reference, and admits several change cases per campaign', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dibao-mig9-'));
    dirs.push(dir);
    const file = join(dir, 'x.sqlite');
    const v8 = openDatabase(file, migrations.slice(0, 8));
    v8.exec(`
      INSERT INTO villages (name, code, kind, created_at, updated_at) VALUES ('东山村', '100', 'village', 't', 't');
      INSERT INTO households (village_id, address, created_at, updated_at) VALUES (1, '1号', 't', 't');
      INSERT INTO households (village_id, address, created_at, updated_at) VALUES (1, '2号', 't', 't');
      INSERT INTO campaigns (name, year, phases_json, created_at, created_by) VALUES ('2026年专项治理', 2026, '[]', 't', 'u');
      INSERT INTO cases (campaign_id, household_id, village_id, kind, state, screening_result, created_at, updated_at)
        VALUES (1, 1, 1, 'recipient-review', 'application', 'maintain', 't1', 't2');
      INSERT INTO case_events (case_id, action, from_state, to_state, actor, actor_role, at) VALUES (1, 'open', NULL, 'screening', 'u', 'clerk', 't');
    `);
    v8.close();
    const db = openDatabase(file, migrations.slice(0, 9));
    expect(db.prepare('SELECT id, kind, state, screening_result, created_at FROM cases').all()).toEqual([
      { id: 1, kind: 'recipient-review', state: 'application', screening_result: 'maintain', created_at: 't1' },
    ]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(() => db.prepare("INSERT INTO case_events (case_id, action, to_state, actor, actor_role, at) VALUES (99, 'x', 'y', 'u', 'clerk', 't')").run()).toThrow(/FOREIGN KEY/);
    const change = db.prepare("INSERT INTO cases (campaign_id, household_id, village_id, kind, state, created_at, updated_at) VALUES (1, 2, 1, 'change', 'verification', 't', 't')");
    change.run();
    change.run();
    expect(() =>
      db.prepare("INSERT INTO cases (campaign_id, household_id, village_id, kind, state, created_at, updated_at) VALUES (1, 1, 1, 'new-application', 'screening', 't', 't')").run(),
    ).toThrow(/UNIQUE/);
    expect(() => db.prepare("INSERT INTO cases (campaign_id, household_id, village_id, kind, state, created_at, updated_at) VALUES (1, 1, 1, 'other', 's', 't', 't')").run()).toThrow(/CHECK/);
    db.close();
  });
});
