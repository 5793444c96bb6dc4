import {
  idSchema,
  isVillageScoped,
  valuesAt,
  withValueAt,
  type Actor,
  type EntityKind,
  type ApiError,
  type Scope,
} from '../contract';
import type { Db } from '../store/db';
import { villageOf } from '../store/scope';

const KIND_LABELS: Record<EntityKind, string> = {
  village: '村（社区）',
  household: '家庭',
  person: '人员',
  case: '案件',
  document: '文书',
  attachment: '附件',
  supporter: '赡养（抚养、扶养）人',
  'publicity-batch': '公示',
  objection: '公示异议',
  meeting: '会议',
};

const refusal = (kind: EntityKind, path: string): ApiError => ({
  code: 'FORBIDDEN',
  message: `村干部只能查看和办理本村（社区）的${KIND_LABELS[kind]}`,
  fields: [{ path, message: '不属于本村（社区）' }],
});

export type ScopeVerdict = { ok: true; input: unknown } | { ok: false; error: ApiError };

/**
 * The one village check (contract/scope.ts). Runs on the raw input before the schema: every id the scope names is
 * resolved in the database and must lie in the actor's village; a list's village filter is forced to it. Ids that
 * are not ids, or name no record, are left to the schema and the handler (VALIDATION / NOT_FOUND).
 */
export function checkScope(db: Db, scope: Scope, actor: Actor, rawInput: unknown): ScopeVerdict {
  if (!isVillageScoped(actor.role) || scope.type === 'office') return { ok: true, input: rawInput };
  const own = actor.villageId ?? null;
  if (own === null) return { ok: false, error: { code: 'FORBIDDEN', message: '该村干部账户未指定所属村（社区），请联系管理员' } };
  let input = rawInput;
  if (scope.type === 'filter') {
    const given = valuesAt(rawInput, scope.path)[0];
    if (given !== undefined && given !== null && given !== own) return { ok: false, error: refusal('village', scope.path) };
    input = withValueAt(rawInput, scope.path, own);
  }
  for (const ref of scope.refs) {
    const values = valuesAt(input, ref.path);
    if (values.length === 0 || values.every((v) => v === null || v === undefined)) {
      // A missing village means the township itself: not a village cadre's to act on.
      if (ref.kind === 'village' && !ref.optional) return { ok: false, error: refusal('village', ref.path) };
      continue;
    }
    for (const value of values) {
      const id = idSchema.safeParse(value);
      if (!id.success) continue;
      const village = villageOf(db, ref.kind, id.data);
      if (village === undefined) continue;
      if (village !== own) return { ok: false, error: refusal(ref.kind, ref.path) };
    }
  }
  return { ok: true, input };
}
