import type { FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import type { z } from 'zod';
import type { ApiError } from '../../../src/contract';
import { ApiFailure } from '../api';

/** An antd rule that runs the contract's own zod schema for one field: the form says what the server says. */
export function zodRule(schema: z.ZodType): Rule {
  return {
    validator: async (_rule, value: unknown) => {
      const r = schema.safeParse(value === '' ? undefined : value);
      if (!r.success) throw new Error(r.error.issues[0]?.message ?? '输入有误');
    },
  };
}

/**
 * Puts the server's field errors on the form fields (paths like `head.idNumber` map to ['head','idNumber']),
 * `prefix` strips a path head the form does not have (e.g. `person`).
 */
export function applyServerErrors(form: FormInstance, error: ApiError, prefix?: string): boolean {
  const known = new Set(
    Object.keys(form.getFieldsValue(true) as Record<string, unknown>).concat(
      Object.keys((form.getFieldsValue(true) as Record<string, Record<string, unknown>>).head ?? {}).map((k) => `head.${k}`),
    ),
  );
  const fields = (error.fields ?? [])
    .map((f) => ({ path: prefix && f.path.startsWith(`${prefix}.`) ? f.path.slice(prefix.length + 1) : f.path, message: f.message }))
    .filter((f) => known.has(f.path));
  form.setFields(fields.map((f) => ({ name: f.path.split('.'), errors: [f.message] })));
  return fields.length > 0;
}

export function errorMessage(err: unknown): string {
  if (err instanceof ApiFailure) return err.error.message;
  return err instanceof Error ? err.message : '操作失败';
}
