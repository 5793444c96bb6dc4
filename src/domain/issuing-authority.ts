// The authorities a document names (issue 12): the township government that decides, the county government that
// hears an administrative review (行政复议), the county civil-affairs bureau that checks the family's economic
// situation, and how each is reached. A notice that tells a family to apply 「向××县人民政府」 gives them no one to
// apply to, so every one of these must be a real value before any document is issued. Pure: no I/O.

export type AuthorityKey =
  | 'townshipName'
  | 'townshipPhone'
  | 'officeName'
  | 'officePhone'
  | 'countyGovernmentName'
  | 'countyGovernmentPhone'
  | 'countyBureauName'
  | 'countyBureauPhone'
  | 'countyCentrePhone';

export type AuthoritySetting = { key: AuthorityKey; label: string; example: string };

/** In the order of the 本镇设置 form, so a refusal names them as the clerk sees them. */
export const AUTHORITY_SETTINGS: readonly AuthoritySetting[] = [
  { key: 'townshipName', label: '乡镇人民政府名称', example: '清河镇人民政府' },
  { key: 'townshipPhone', label: '乡镇人民政府电话', example: '0550-1234500' },
  { key: 'officeName', label: '民政所名称', example: '清河镇民政所' },
  { key: 'officePhone', label: '镇民政所监督电话', example: '0550-1234567' },
  { key: 'countyGovernmentName', label: '县人民政府名称', example: '清河县人民政府' },
  { key: 'countyGovernmentPhone', label: '县人民政府电话', example: '0550-7650000' },
  { key: 'countyBureauName', label: '县民政局名称', example: '清河县民政局' },
  { key: 'countyBureauPhone', label: '县民政局电话', example: '0550-7654000' },
  { key: 'countyCentrePhone', label: '县低保中心监督电话', example: '0550-7654321' },
];

/**
 * Marks of a value not yet filled in: 「××县」, 「XX镇」, 「某某县」, 「○○」 and the like. One 某 alone is a real
 * character of place names (某 is rare, but 「某县民政局」 is exactly the placeholder a template would carry).
 */
const PLACEHOLDER = /[×╳✕✖]|[Xx]{2}|某某|某县|某镇|某乡|[○〇◯]{2}|_{2,}|＿/;

export const hasPlaceholder = (text: string): boolean => PLACEHOLDER.test(text);

export const PLACEHOLDER_MESSAGE = '含有占位符（如「××」），请填写实际名称';

export type AuthorityProblem = { key: AuthorityKey; label: string; message: string };

type MaybeSettings = Partial<Record<AuthorityKey, string | null | undefined>>;

/** What stops a document: every authority setting unset or still a placeholder, in form order. */
export function authorityProblems(office: MaybeSettings | null): AuthorityProblem[] {
  const problems: AuthorityProblem[] = [];
  for (const s of AUTHORITY_SETTINGS) {
    const value = (office?.[s.key] ?? '').trim();
    if (value === '') problems.push({ key: s.key, label: s.label, message: `未填写「${s.label}」（如：${s.example}）` });
    else if (hasPlaceholder(value)) problems.push({ key: s.key, label: s.label, message: `「${s.label}」为「${value}」，${PLACEHOLDER_MESSAGE}` });
  }
  return problems;
}

/** One Chinese sentence naming every problem and where to fix it; null when documents may be issued. */
export function authorityRefusal(office: MaybeSettings | null): string | null {
  const problems = authorityProblems(office);
  if (problems.length === 0) return null;
  return `不能出具文书：本镇设置${problems.map((p) => p.message).join('；')}。请管理员在「本镇设置 → 本镇信息」中填写后再出具`;
}
