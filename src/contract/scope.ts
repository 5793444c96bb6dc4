import type { Role } from '../domain/workflow';

/**
 * What a command touches, and where the village of that comes from (architecture.md: "the scope says what the
 * command touches and where its village comes from"). `dispatch` resolves every reference from the database and
 * refuses a village-scoped actor (村干部) outside their village before the handler runs, so no handler checks a
 * village by hand.
 *
 * - `office`: township-wide data with no village of its own (settings, the village list, campaigns, calendars),
 *   or a command only township roles may run.
 * - `refs`: each reference names an entity kind and the input path of its id (`a.b`, `list[].id`, `ids[]`); every id
 *   found there must resolve to the actor's village. A `village` reference whose value is null means the township
 *   itself (e.g. the 镇评审小组 meeting): refused to a village-scoped actor unless `optional`.
 * - `filter`: a list or search; the village at `path` is forced to the actor's own village (a different one is
 *   refused), so the store query itself returns only that village. Further `refs` (e.g. a household filter) are
 *   checked as above.
 */
export type EntityKind =
  | 'village'
  | 'household'
  | 'person'
  | 'case'
  | 'document'
  | 'attachment'
  | 'supporter'
  | 'publicity-batch'
  | 'objection'
  | 'meeting';

export type ScopeRef = { kind: EntityKind; path: string; optional?: boolean };

export type Scope =
  | { type: 'office' }
  | { type: 'refs'; refs: readonly ScopeRef[] }
  | { type: 'filter'; path: string; refs: readonly ScopeRef[] };

export const OFFICE_WIDE: Scope = { type: 'office' };

const ref = (kind: EntityKind, path: string, optional = false): ScopeRef => ({ kind, path, ...(optional ? { optional } : {}) });

/** Builders used next to the roles in commands/*.ts. */
export const scope = {
  office: OFFICE_WIDE,
  village: (path = 'villageId') => ({ type: 'refs', refs: [ref('village', path)] }) satisfies Scope,
  household: (path = 'householdId') => ({ type: 'refs', refs: [ref('household', path)] }) satisfies Scope,
  person: (path = 'id') => ({ type: 'refs', refs: [ref('person', path)] }) satisfies Scope,
  case: (path = 'caseId') => ({ type: 'refs', refs: [ref('case', path)] }) satisfies Scope,
  document: (path = 'id') => ({ type: 'refs', refs: [ref('document', path)] }) satisfies Scope,
  refs: (...refs: ScopeRef[]) => ({ type: 'refs', refs }) satisfies Scope,
  filter: (path = 'villageId', ...refs: ScopeRef[]) => ({ type: 'filter', path, refs }) satisfies Scope,
  ref,
};

/** Roles whose accounts are bound to one village (村干部). */
export const VILLAGE_SCOPED_ROLES: readonly Role[] = ['cadre'];
export const isVillageScoped = (role: Role): boolean => VILLAGE_SCOPED_ROLES.includes(role);

/** Every id at a path: `a.b`, `list[].id`, `ids[]`. Values that are not there yield nothing. */
export function valuesAt(input: unknown, path: string): unknown[] {
  let current: unknown[] = [input];
  for (const part of path.split('.')) {
    const isList = part.endsWith('[]');
    const key = isList ? part.slice(0, -2) : part;
    const next: unknown[] = [];
    for (const v of current) {
      if (v === null || typeof v !== 'object' || !Object.hasOwn(v, key)) continue;
      const child = (v as Record<string, unknown>)[key];
      if (isList) {
        if (Array.isArray(child)) next.push(...child);
      } else next.push(child);
    }
    current = next;
  }
  return current;
}

/** A copy of `input` with `path` (no list parts) set to `value`. */
export function withValueAt(input: unknown, path: string, value: unknown): Record<string, unknown> {
  const root: Record<string, unknown> = input !== null && typeof input === 'object' && !Array.isArray(input) ? { ...(input as Record<string, unknown>) } : {};
  const parts = path.split('.');
  let node = root;
  for (const part of parts.slice(0, -1)) {
    const child = node[part];
    const copy = child !== null && typeof child === 'object' && !Array.isArray(child) ? { ...(child as Record<string, unknown>) } : {};
    node[part] = copy;
    node = copy;
  }
  node[parts[parts.length - 1]!] = value;
  return root;
}
