import type { FieldError } from '../contract';

/**
 * The problems of a column mapping every importer shares: a column that the sheet does not have, and two fields
 * pointed at the same column. `labels` names the fields in Chinese.
 */
export function mappedColumnProblems<F extends string>(
  mapping: Readonly<Partial<Record<F, number | null>>>,
  fields: readonly F[],
  headers: readonly string[],
  labels: Readonly<Record<F, string>>,
): FieldError[] {
  const problems: FieldError[] = [];
  const used = new Map<number, F>();
  for (const f of fields) {
    const col = mapping[f];
    if (col === null || col === undefined) continue;
    if (col >= headers.length) problems.push({ path: `mapping.${f}`, message: `「${labels[f]}」指定的列不存在` });
    const other = used.get(col);
    if (other) problems.push({ path: `mapping.${f}`, message: `「${labels[f]}」与「${labels[other]}」指定了同一列` });
    used.set(col, f);
  }
  return problems;
}
