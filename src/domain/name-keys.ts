import { pinyin } from 'pinyin-pro';

export type NameKeys = { initials: string; pinyin: string };

/**
 * Search keys of a Chinese name: pinyin initials (`张三` → `zs`) and full pinyin (`zhangsan`), lower-case
 * ASCII only. Surname mode reads polyphonic surnames right (单 → shan, 曾 → zeng).
 */
export function nameKeys(name: string): NameKeys {
  const opts = { toneType: 'none', type: 'array', surname: 'head', v: true } as const;
  const keep = (s: string) => s.toLowerCase().replace(/[^a-z]/g, '');
  return {
    initials: keep(pinyin(name, { ...opts, pattern: 'first' }).join('')),
    pinyin: keep(pinyin(name, opts).join('')),
  };
}

export type SearchKind = 'all' | 'idFull' | 'idSuffix' | 'pinyin' | 'name';

/** Decides what a search box entry means (issue: name, full ID, last 4+ ID characters, pinyin initials). */
export function classifyQuery(raw: string): { kind: SearchKind; term: string } {
  const q = raw.trim();
  if (q === '') return { kind: 'all', term: '' };
  if (/^\d{17}[\dXx]$/.test(q) || /^\d{15}$/.test(q)) return { kind: 'idFull', term: q.toUpperCase() };
  if (/^\d{3,17}[\dXx]?$/.test(q) && q.length >= 4) return { kind: 'idSuffix', term: q.toUpperCase() };
  if (/^[a-zA-Z]+$/.test(q)) return { kind: 'pinyin', term: q.toLowerCase() };
  return { kind: 'name', term: q };
}
