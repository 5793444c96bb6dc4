export type ErrorCode =
  | 'VALIDATION'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'FORBIDDEN'
  | 'WORKFLOW'
  | 'UNKNOWN_COMMAND'
  | 'UNAUTHENTICATED'
  | 'LOCKED'
  | 'INTEGRITY'
  /** A stored document no longer matches its registered SHA-256 (or is missing). */
  | 'INTEGRITY'
  | 'INTERNAL';

export type FieldError = { path: string; message: string };

export type ApiError = { code: ErrorCode; message: string; fields?: FieldError[] };

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** A failure a service raises on purpose; the dispatcher turns it into an error envelope. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldError[] | undefined;
  constructor(code: ErrorCode, message: string, fields?: FieldError[]) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.fields = fields;
  }
}

/** Renders a zod-style issue path as `household.members[1].idNumber`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${String(seg)}` : String(seg);
  }
  return out;
}

/** Unknown keys are refused, never dropped: a misspelt flag must not silently change a decision (spec §10). */
export const UNKNOWN_KEY_MESSAGE = '未知字段，请检查拼写';

type IssueLike = { code: string; path: readonly PropertyKey[]; message: string; keys?: readonly string[] };

/**
 * Field errors of a failed parse, one per problem. zod reports all unknown keys of an object as one issue at
 * the object's path; each key gets its own line here, named by its full path (`household.members[0].seriousIlness`).
 */
export function issueFields(issues: readonly IssueLike[]): FieldError[] {
  return issues.flatMap((i) =>
    i.code === 'unrecognized_keys' && i.keys
      ? i.keys.map((k) => ({ path: formatPath([...i.path, k]), message: UNKNOWN_KEY_MESSAGE }))
      : [{ path: formatPath(i.path), message: i.message }],
  );
}
