// The two CJK fonts are read and their tables decoded once per process (issue 13: they were parsed again for every
// notice); sharing them must not change a byte of any document. Its own file, so that the first render here is the
// process's first (tables not yet shared) and can be compared with the later, shared ones.
import { describe, expect, it } from 'vitest';
import { denialNotice, renderPdf } from '../../src/documents';
import { fontCacheStats } from '../../src/documents/render';

const notice = (name: string) =>
  denialNotice({
    issuer: '清河镇人民政府',
    issueDate: '2026-03-20',
    documentNumber: '清民〔2026〕7号',
    addressee: name,
    applicationDate: '2026-02-01',
    decisionDate: '2026-03-20',
    reasons: ['家庭月人均收入高于本地低保标准'],
    legalBasis: '《社会救助暂行办法》第九条',
    remedies: '如不服本决定，可在收到本通知书之日起60日内申请行政复议，或在6个月内提起行政诉讼。',
    contacts: { issuerPhone: '0550-1234500', reviewBody: '清河县人民政府', reviewBodyPhone: '0550-7650000' },
    supervisionPhones: { township: '0550-1234567', county: '0550-7654321' },
  });

describe('font buffers and tables, once per process', () => {
  it('reads each font file once, decodes its tables once, and renders byte-identical documents', async () => {
    expect(fontCacheStats()).toEqual({ fileReads: 0, tableDecodes: 0 });
    const first = await renderPdf(notice('张建国'));
    const afterFirst = fontCacheStats();
    expect(afterFirst.fileReads).toBeGreaterThan(0);
    // The first document finds fontkit's font class; from the second on, tables are decoded into the shared cache.
    const second = await renderPdf(notice('张建国'));
    const afterSecond = fontCacheStats();
    expect(afterSecond.fileReads).toBe(afterFirst.fileReads);
    expect(afterSecond.tableDecodes).toBeGreaterThan(0);
    expect(second.equals(first)).toBe(true);

    const other = await renderPdf(notice('李秀英'));
    const again = await renderPdf(notice('张建国'));
    const afterMore = fontCacheStats();
    // Nothing read or decoded anew: the later documents reuse the buffers and the tables.
    expect(afterMore).toEqual(afterSecond);
    expect(again.equals(first)).toBe(true);
    expect(other.equals(first)).toBe(false);
    expect(other.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('concurrent renders sharing the tables give the same bytes as one at a time', async () => {
    const names = ['王小红', '刘德明', '陈桂兰', '赵志强'];
    const alone: Buffer[] = [];
    for (const n of names) alone.push(await renderPdf(notice(n)));
    const together = await Promise.all(names.map((n) => renderPdf(notice(n))));
    together.forEach((pdf, i) => expect(pdf.equals(alone[i]!)).toBe(true));
  });
});
