// 文号 (document numbers) in the manner of 发文字号: 机关代字 + 〔年份〕 + 序号 (GB/T 9704-2012 7.2.4), e.g.
// 清河民低不批〔2026〕3号. The office's pattern is stored with ASCII codes ({township}民低{kind}〔{year}〕{seq}号) so
// that numbers issued under it stay reproducible; a clerk only ever sees and types the parts' Chinese names
// (【乡镇简称】民低【文书类别代字】〔【年份】〕【序号】号). Pure: no I/O.

export type NumberPart = 'township' | 'kind' | 'year' | 'seq';

export const NUMBER_PARTS: readonly NumberPart[] = ['township', 'kind', 'year', 'seq'];

export const NUMBER_PART_LABELS: Record<NumberPart, string> = {
  township: '乡镇简称',
  kind: '文书类别代字',
  year: '年份',
  seq: '序号',
};

/**
 * A sequence restarts at 1 each year for each kind of document, so a number is unique only with all three in it
 * (without 文书类别代字 the first 不予批准通知书 and the first 停发通知书 of a year would both be 〔2026〕1号).
 */
export const REQUIRED_NUMBER_PARTS: readonly NumberPart[] = ['kind', 'year', 'seq'];

export const DEFAULT_NUMBER_PATTERN = '{township}民低{kind}〔{year}〕{seq}号';

export type PatternSegment = { kind: 'text'; text: string } | { kind: 'part'; part: NumberPart };

const OPEN = '【';
const CLOSE = '】';
const isPart = (v: string): v is NumberPart => (NUMBER_PARTS as readonly string[]).includes(v);
const PART_BY_LABEL = new Map(NUMBER_PARTS.map((p) => [NUMBER_PART_LABELS[p], p]));

/** 【序号】 */
export const partTag = (part: NumberPart): string => `${OPEN}${NUMBER_PART_LABELS[part]}${CLOSE}`;

const AVAILABLE = NUMBER_PARTS.map(partTag).join('');

/** The stored pattern as text and parts; an unknown `{code}` is kept as text (patternProblem names it). */
export function patternSegments(pattern: string): PatternSegment[] {
  const out: PatternSegment[] = [];
  const push = (text: string) => {
    if (!text) return;
    const last = out[out.length - 1];
    if (last?.kind === 'text') last.text += text;
    else out.push({ kind: 'text', text });
  };
  let rest = pattern;
  for (let m = /\{([a-z]+)\}/.exec(rest); m; m = /\{([a-z]+)\}/.exec(rest)) {
    push(rest.slice(0, m.index));
    if (isPart(m[1]!)) out.push({ kind: 'part', part: m[1] });
    else push(m[0]);
    rest = rest.slice(m.index + m[0].length);
  }
  push(rest);
  return out;
}

/** What the clerk sees and edits: {seq} → 【序号】. */
export function displayPattern(pattern: string): string {
  return patternSegments(pattern)
    .map((s) => (s.kind === 'part' ? partTag(s.part) : s.text))
    .join('');
}

export type ReadPattern = { ok: true; pattern: string } | { ok: false; message: string };

/** The clerk's text back to the stored pattern, or a message in Chinese saying what is wrong. */
export function readDisplayPattern(text: string): ReadPattern {
  const value = text.trim();
  if (!value) return { ok: false, message: '请填写文号格式' };
  if (/[{}]/.test(value)) return { ok: false, message: `文号格式中不能含有“{”“}”；组成部分请用${AVAILABLE}表示（可点下方按钮插入）` };
  let pattern = '';
  let rest = value;
  while (rest) {
    const open = rest.indexOf(OPEN);
    const close = rest.indexOf(CLOSE);
    if (open < 0 && close < 0) {
      pattern += rest;
      break;
    }
    if (close >= 0 && (open < 0 || close < open)) return { ok: false, message: `文号格式中的“${CLOSE}”没有对应的“${OPEN}”` };
    const end = rest.indexOf(CLOSE, open + 1);
    const nextOpen = rest.indexOf(OPEN, open + 1);
    if (end < 0 || (nextOpen >= 0 && nextOpen < end)) return { ok: false, message: `文号格式中的“${OPEN}”没有对应的“${CLOSE}”` };
    const label = rest.slice(open + 1, end).trim();
    const part = PART_BY_LABEL.get(label);
    if (!part) return { ok: false, message: `“${OPEN}${label}${CLOSE}”不是文号的组成部分，可用的有：${AVAILABLE}` };
    pattern += `${rest.slice(0, open)}{${part}}`;
    rest = rest.slice(end + 1);
  }
  const problem = patternProblem(pattern);
  return problem ? { ok: false, message: problem } : { ok: true, pattern };
}

/** Why a stored pattern cannot number documents, in Chinese naming the parts; null when it can. */
export function patternProblem(pattern: string): string | null {
  for (const m of pattern.matchAll(/\{([^{}]*)\}/g)) {
    if (!isPart(m[1]!)) return `文号格式中有无法识别的组成部分“${m[0]}”，可用的有：${AVAILABLE}`;
  }
  const segments = patternSegments(pattern);
  const missing = REQUIRED_NUMBER_PARTS.filter((p) => !segments.some((s) => s.kind === 'part' && s.part === p));
  if (missing.length) {
    return `文号格式须包含${missing.map(partTag).join('')}${missing.includes('seq') ? '（序号使每份文书的文号不同）' : '（序号每年、每类文书从1起，缺少它会出现重号）'}`;
  }
  const twice = NUMBER_PARTS.find((p) => segments.filter((s) => s.kind === 'part' && s.part === p).length > 1);
  if (twice) return `文号格式中${partTag(twice)}只能出现一次`;
  return null;
}

export type NumberParts = { township: string; kind: string; year: number; seq: number | string };

/** `seq` may be a placeholder (e.g. ×) for samples that must not look like a real number. */
export function formatDocumentNumber(pattern: string, parts: NumberParts): string {
  return patternSegments(pattern)
    .map((s) => (s.kind === 'text' ? s.text : String(parts[s.part])))
    .join('');
}
