// The access matrix, generated from the contract: every command × every role × the village of what it touches
// (own, other, mixed, township, unfiltered), compared with what the command declares (roles and scope). A command
// added to the contract is in the matrix by construction; a cadre-visible command without a village must be
// listed below on purpose.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { commands, isVillageScoped, type Actor, type CommandName, type Result, type Role, type Scope, type ScopeRef } from '../../src/contract';
import { accessWorld, type AccessWorld, type Side } from '../helpers/access-world';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp } from '../../src/services/app';
import { insertAccount } from '../../src/services/accounts';
import { ensureCountyOffice } from '../../src/services/county/setup';
import { hashPasswordBlocking } from '../../src/services/passwords';

/** Commands a village cadre may run that touch no village's records (settings, calendars, campaigns, own session). */
const CADRE_OFFICE_WIDE: readonly CommandName[] = [
  'session-lock',
  'session-logout',
  'password-change',
  'campaign-list',
  'campaign-get',
  'clock-settings-get',
  'materials-settings-get',
  'hearing-settings-get',
  'publicity-window',
  'calendar-override-list',
  'settings-get',
  'village-list',
  'policy-list',
  'legal-text-list',
  'document-settings-get',
  'roster-settings-get',
  // Reads only the caller's own running command's percentage (src/contract/commands/progress.ts).
  'progress-get',
];

// ---------------------------------------------------------------- plausible inputs from the schemas

type Def = { type: string; [k: string]: unknown };
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** A value of the right shape (not necessarily valid: the village check runs before the schema). */
function sample(s: z.ZodType, w: AccessWorld): unknown {
  const d = defOf(s);
  switch (d.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(d.shape as Record<string, z.ZodType>)) {
        const value = sample(v, w);
        if (value !== undefined) out[k] = value;
      }
      return out;
    }
    case 'optional':
    case 'default':
    case 'prefault':
      return undefined;
    case 'nullable':
      return null;
    case 'pipe':
      return sample(d.in as z.ZodType, w);
    case 'union':
      return sample((d.options as z.ZodType[])[0]!, w);
    case 'string':
      return '经核实情况属实';
    case 'number':
      return 1;
    case 'boolean':
      return false;
    case 'enum':
      return Object.values(d.entries as Record<string, unknown>)[0];
    case 'literal':
      return (d.values as unknown[])[0];
    case 'array':
      return [];
    case 'record':
      return {};
    default:
      return undefined;
  }
}

/** Sets `path` (`a.b`, `list[].id`, `ids[]`) to `value`, creating objects and one-element lists on the way. */
function setPath(input: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const root = structuredClone(input);
  let node: Record<string, unknown> = root;
  const parts = path.split('.');
  parts.forEach((part, i) => {
    const last = i === parts.length - 1;
    if (part.endsWith('[]')) {
      const key = part.slice(0, -2);
      if (last) node[key] = [value];
      else {
        const element: Record<string, unknown> = {};
        node[key] = [element];
        node = element;
      }
    } else if (last) node[part] = value;
    else node = (node[part] ??= {}) as Record<string, unknown>;
  });
  return root;
}

const refsOf = (s: Scope): readonly ScopeRef[] => (s.type === 'office' ? [] : s.refs);

function inputFor(w: AccessWorld, name: CommandName, sides: (ref: ScopeRef) => Side | 'township' | 'absent'): Record<string, unknown> {
  const def = commands[name];
  let input = (sample(def.input as z.ZodType, w) ?? {}) as Record<string, unknown>;
  if ('campaignId' in input) input.campaignId = w.campaignId;
  for (const ref of refsOf(def.scope)) {
    const side = sides(ref);
    if (side === 'absent') continue;
    input = setPath(input, ref.path, side === 'township' ? null : w.ids[ref.kind][side]);
  }
  if (def.scope.type === 'filter') {
    const side = sides({ kind: 'village', path: def.scope.path });
    if (side === 'own' || side === 'other') input = setPath(input, def.scope.path, w.villages[side]);
  }
  return input;
}

// ---------------------------------------------------------------- cells

type Expect = 'allowed' | 'forbidden' | 'filtered';
type Cell = { command: CommandName; role: Role; variant: string; input: Record<string, unknown>; expect: Expect };

function cellsOf(w: AccessWorld, name: CommandName): Cell[] {
  const def = commands[name];
  if ('isPublic' in def && def.isPublic) return [];
  const cells: Cell[] = [];
  // A county bureau's command does not exist in a township office, whoever asks (issue 15).
  if (!def.modes.includes('township')) {
    for (const role of ['admin', 'clerk', 'leader', 'cadre'] as const) cells.push({ command: name, role, variant: 'mode', input: inputFor(w, name, () => 'own'), expect: 'forbidden' });
    return cells;
  }
  const refs = refsOf(def.scope);
  for (const role of ['admin', 'clerk', 'leader', 'cadre'] as const) {
    const permitted = def.roles.includes(role);
    if (!isVillageScoped(role)) {
      // Township roles see every village; their inputs point at the cadre's village so that the other village's
      // records stay as built for the refusal cells.
      cells.push({ command: name, role, variant: 'any', input: inputFor(w, name, () => 'own'), expect: permitted ? 'allowed' : 'forbidden' });
      continue;
    }
    const deny = (variant: string, input: Record<string, unknown>) => cells.push({ command: name, role, variant, input, expect: 'forbidden' });
    if (!permitted) {
      deny('own', inputFor(w, name, () => 'own'));
      continue;
    }
    if (def.scope.type === 'office') {
      cells.push({ command: name, role, variant: 'office', input: inputFor(w, name, () => 'own'), expect: 'allowed' });
      continue;
    }
    cells.push({ command: name, role, variant: 'own', input: inputFor(w, name, () => 'own'), expect: 'allowed' });
    deny('other', inputFor(w, name, () => 'other'));
    if (def.scope.type === 'filter') {
      cells.push({ command: name, role, variant: 'unfiltered', input: inputFor(w, name, (r) => (r.kind === 'village' ? 'absent' : 'own')), expect: 'filtered' });
    }
    // Each reference alone pointing elsewhere (e.g. an own household moved into the other village).
    if (refs.length + (def.scope.type === 'filter' ? 1 : 0) > 1) {
      for (const r of refs) deny(`mixed:${r.path}`, inputFor(w, name, (x) => (x === r ? 'other' : 'own')));
    }
    for (const r of refs) if (r.kind === 'village' && !r.optional) deny(`township:${r.path}`, inputFor(w, name, (x) => (x === r ? 'township' : 'own')));
  }
  return cells;
}

// ---------------------------------------------------------------- running

let w: AccessWorld;
beforeAll(async () => {
  w = await accessWorld();
}, 120_000);
afterAll(() => w?.dispose());

const changes = (): number => (w.app.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
const leaks = (r: Result<unknown>): string[] => {
  if (!r.ok) return [];
  const json = JSON.stringify(r.value);
  return w.otherVillageSecrets.filter((s) => json.includes(s));
};

describe('the access matrix', () => {
  it('matches every command’s declared roles and village scope, for every role and village', async () => {
    const names = Object.keys(commands) as CommandName[];
    const problems: string[] = [];
    const outcome = { allowed: 0, forbidden: 0, filtered: 0 };
    const covered = new Set<CommandName>();
    for (const name of names) {
      const def = commands[name];
      if (def.roles.includes('cadre') && def.scope.type === 'office' && !CADRE_OFFICE_WIDE.includes(name)) {
        problems.push(`${name}: a cadre may run it but it declares no village; declare its scope or list it as office-wide`);
      }
      for (const cell of cellsOf(w, name)) {
        covered.add(name);
        const actor: Actor = w.actors[cell.role];
        const before = changes();
        const r = await w.app.call(cell.command, cell.input, actor);
        const at = `${cell.command} × ${cell.role} × ${cell.variant}`;
        outcome[cell.expect]++;
        if (cell.expect === 'forbidden') {
          if (r.ok || r.error.code !== 'FORBIDDEN') problems.push(`${at}: expected FORBIDDEN, got ${r.ok ? 'ok' : r.error.code}`);
          if (changes() !== before) problems.push(`${at}: refused, but the database changed`);
        } else {
          if (!r.ok && r.error.code === 'FORBIDDEN') problems.push(`${at}: expected allowed, got FORBIDDEN (${r.error.message})`);
          if (isVillageScoped(cell.role) && leaks(r).length) problems.push(`${at}: answer contains the other village's ID or account numbers`);
        }
      }
    }
    const publicCount = names.filter((n) => 'isPublic' in commands[n] && commands[n].isPublic).length;
    expect(problems).toEqual([]);
    expect(covered.size + publicCount).toBe(names.length);
    console.info(`access matrix: ${names.length} commands, ${outcome.allowed + outcome.forbidden + outcome.filtered} cells (${outcome.allowed} allowed, ${outcome.forbidden} forbidden, ${outcome.filtered} filtered)`);
  }, 300_000);
});

describe('the access matrix of a county office (issue 15)', () => {
  it('refuses every township command to every role, and gives the county’s commands to the roles they declare', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dibao-access-county-'));
    const now = new Date('2026-03-20T08:00:00');
    const app = openApp({ dataDir: dir, clock: () => now });
    try {
      const local: Actor = { id: null, name: '县局管理员', role: 'admin', villageId: null };
      ensureCountyOffice(app.ctx(local), '测试县民政局');
      const hash = hashPasswordBlocking('county1234');
      const actors = Object.fromEntries(
        (['admin', 'clerk', 'leader'] as const).map((role) => {
          const u = insertAccount(app.ctx(local), { username: `c${role}`, displayName: `县局${role}`, role, villageId: null }, hash);
          return [role, { id: u.id, name: u.displayName, role, villageId: null } satisfies Actor];
        }),
      ) as Record<'admin' | 'clerk' | 'leader', Actor>;
      const problems: string[] = [];
      let cells = 0;
      const changes = (): number => (app.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
      for (const name of Object.keys(commands) as CommandName[]) {
        const def = commands[name];
        if ('isPublic' in def && def.isPublic) continue;
        const input = (sample(def.input as z.ZodType, w) ?? {}) as Record<string, unknown>;
        for (const role of ['admin', 'clerk', 'leader'] as const) {
          cells++;
          const expected = def.modes.includes('county') && def.roles.includes(role) ? 'allowed' : 'forbidden';
          const before = changes();
          const r = await app.call(name, input, actors[role]);
          const at = `${name} × ${role} (county)`;
          if (expected === 'forbidden') {
            if (r.ok || r.error.code !== 'FORBIDDEN') problems.push(`${at}: expected FORBIDDEN, got ${r.ok ? 'ok' : r.error.code}`);
            if (changes() !== before) problems.push(`${at}: refused, but the database changed`);
          } else if (!r.ok && r.error.code === 'FORBIDDEN') problems.push(`${at}: expected allowed, got FORBIDDEN (${r.error.message})`);
        }
      }
      expect(problems).toEqual([]);
      console.info(`county access matrix: ${cells} cells`);
    } finally {
      app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
