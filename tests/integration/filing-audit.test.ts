import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FilingResult } from '../../src/contract';
import { auditExcerptFile, auditExcerptPart, joinAuditParts } from '../../src/exchange/filing-audit';
import { auditExcerpt, auditExcerptIds } from '../../src/store/filing';
import { countyRoll } from '../../src/store/county-roll';
import { listRoster } from '../../src/store/roster';
import { syncRoster } from '../../src/services/roster';
import { auditExcerptPartOffThread, maintenanceThread } from '../../src/exchange/maintenance-runner';
import { audit } from '../../src/services/audit';
import { gatherFiling } from '../../src/services/filing';
import { clerk, filingWorld } from '../helpers/filing-world';
import { ok, tempApp } from '../helpers/temp-app';

// audit.json of a 备案包 is made in the maintenance worker since issue 13 (43 MB at county scale): the bytes must be
// those the server's thread makes, and the excerpt must stop at the log as it stood when the scope was read.
let app: ReturnType<typeof tempApp>;
let world: Awaited<ReturnType<typeof filingWorld>>;
let out: string;

beforeEach(async () => {
  app = tempApp('2026-03-20T08:00:00Z');
  world = await filingWorld(app);
  out = mkdtempSync(join(tmpdir(), 'dibao-audit-'));
});
afterEach(() => {
  maintenanceThread.inWorker = true;
  app.dispose();
  rmSync(out, { recursive: true, force: true });
});

const scopeNow = () => gatherFiling(app.ctx(), { campaignId: world.campaign.id, villageIds: null, from: null, to: null }).auditScope;

describe('备案包 audit.json', () => {
  it('the worker writes the same bytes as this thread, pinned to the log as it stood', async () => {
    const scope = scopeNow();
    const here = auditExcerptFile(app.db, scope);
    expect(here.entries).toBeGreaterThan(0);
    const caseId = scope.entities.case![0]!;
    // Written after the scope was read: a later entry of a case in the package stays out of this excerpt.
    audit(app.ctx(), 'case-note', 'case', caseId, null, { note: '稍后写入' });
    const there = joinAuditParts([await auditExcerptPartOffThread(app.db, scope)]);
    expect(there.entries).toBe(here.entries);
    expect(Buffer.compare(there.bytes, here.bytes)).toBe(0);
    // The layout the package always had: the parsed rows, stringified whole.
    const old = Buffer.from(`${JSON.stringify({ entries: auditExcerpt(app.db, scope.entities, scope.throughId) }, null, 2)}\n`, 'utf8');
    expect(Buffer.compare(here.bytes, old)).toBe(0);
    const later = auditExcerptFile(app.db, { ...scope, throughId: null });
    expect(later.entries).toBe(here.entries + 1);
  });

  it('divided anywhere between the worker and this thread, the parts join into the same bytes', async () => {
    const scope = scopeNow();
    const whole = auditExcerptFile(app.db, scope);
    const ids = auditExcerptIds(app.db, scope);
    expect(ids.length).toBe(whole.entries);
    for (const split of [ids[0]! - 1, ids[0]!, ids[Math.floor(ids.length / 2)]!, ids[ids.length - 1]!]) {
      const joined = joinAuditParts([await auditExcerptPartOffThread(app.db, { ...scope, throughId: split }), auditExcerptPart(app.db, { ...scope, afterId: split })]);
      expect(joined.entries).toBe(whole.entries);
      expect(Buffer.compare(joined.bytes, whole.bytes)).toBe(0);
    }
    // No rows at all: the empty list, as JSON.stringify writes it.
    const none = auditExcerptFile(app.db, { entities: { case: [] }, throughId: null });
    expect(none.bytes.toString('utf8')).toBe(`${JSON.stringify({ entries: [] }, null, 2)}\n`);
  });

  it('a package made with the worker and one made without hold the same audit.json, in the old layout', async () => {
    const a = ok<FilingResult>(await app.call('filing-export', { campaignId: world.campaign.id, destination: out }, clerk));
    const first = JSON.parse(readFileSync(join(a.folder, 'audit.json'), 'utf8')) as { entries: Record<string, unknown>[] };
    expect(Object.keys(first.entries[0]!)).toEqual(['id', 'at', 'actor', 'actorRole', 'command', 'entityType', 'entityId', 'before', 'after']);
    expect(a.counts.auditEntries).toBe(first.entries.length);
    maintenanceThread.inWorker = false;
    const b = ok<FilingResult>(await app.call('filing-export', { campaignId: world.campaign.id, destination: out }, clerk));
    const second = JSON.parse(readFileSync(join(b.folder, 'audit.json'), 'utf8')) as { entries: Record<string, unknown>[] };
    // The second package adds the first export's own audit row (of the campaign), nothing else.
    expect(second.entries.slice(0, first.entries.length)).toEqual(first.entries);
    expect(second.entries.slice(first.entries.length).map((e) => e.command)).toEqual(['filing-export']);
  });
});

describe('备案包 county.json roll', () => {
  it('is the 花名册 of the scope’s villages, row for row, with the fields county.json writes', () => {
    syncRoster(app.ctx());
    const all = { villageId: null, personClass: null, dueBy: null, gradualExitOnly: false, householdIds: null };
    const villages = world.campaign.villageIds.slice(0, 2);
    const expected = listRoster(app.db, all, 'village', 10_000_000, 0)
      .filter((r) => villages.includes(r.villageId))
      .map((r) => ({ householdId: r.householdId, villageName: r.villageName, headName: r.headName, size: r.size, category: r.category, classes: r.classes, monthlyTotal: r.monthlyTotal, lines: r.lines }));
    expect(expected.length).toBeGreaterThan(0);
    expect(countyRoll(app.db, villages)).toEqual(expected);
  });
});
