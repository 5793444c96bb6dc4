import { describe, expect, it } from 'vitest';
import { renderPdf, textMeasure } from '../../src/documents';
import type { Content } from '../../src/documents/doc-definition.js';
import { paymentRoster, type PaymentRosterData, type PaymentRosterPdfRow } from '../../src/documents/templates/payment-roster';
import { extractPageTexts } from '../fixtures/documents/pdf-text';

// The payment roster draws cells that surely fit on one line whole, and packs a long member list into lines of whole
// entries (issue 13: pdfmake otherwise measures and draws every CJK character on its own). Nothing may be lost or cut.
const members = (n: number) => Array.from({ length: n }, (_, i) => `成员${'甲乙丙丁戊己庚辛'[i]}（${'ABC'[i % 3]}）`).join('、');
const row = (i: number, extra: Partial<PaymentRosterPdfRow> = {}): PaymentRosterPdfRow => ({
  seq: i + 1,
  village: i % 2 ? '柳河社区' : '东山村',
  headName: '张志强',
  idNumber: `99010119800101${String(1000 + i).padStart(4, '0')}`,
  members: members(1 + (i % 3)),
  accountNumber: `6299 9999 0100 ${String(1000 + i)} 012`,
  bankName: '清河农商银行',
  amount: 783 + i,
  ...extra,
});
const rows = [
  ...Array.from({ length: 40 }, (_, i) => row(i)),
  row(40, { members: members(8), headName: '爱新觉罗·春花', bankName: '清河农村商业银行城关支行营业部' }),
];
const data: PaymentRosterData = {
  township: '清河镇',
  month: '2026-11',
  scope: '全镇',
  batchLabel: '第1批',
  fillDate: '2026-11-30',
  preparedBy: '民政所经办员',
  rows,
  byVillage: [{ villageName: '东山村', households: 41, persons: 90, amount: 33000 }],
  byClass: [{ class: 'A', persons: 90, amount: 33000 }],
  totals: { households: 41, persons: 90, amount: 33000 },
  excluded: [],
};

type Cell = { text?: string; noWrap?: boolean; stack?: { text: string; noWrap?: boolean }[] };
function tableBody(content: Content): Cell[][] {
  const found: Cell[][][] = [];
  const walk = (c: unknown): void => {
    if (Array.isArray(c)) return c.forEach(walk);
    if (c && typeof c === 'object') {
      const o = c as { table?: { body: Cell[][] }; stack?: unknown; columns?: unknown };
      if (o.table && o.table.body.length > rows.length) found.push(o.table.body);
      walk(o.stack);
      walk(o.columns);
    }
  };
  walk(content);
  return found[0]!;
}

describe('payment roster PDF', () => {
  it('draws short cells whole, wraps a long member list between whole entries, and leaves over-long text to wrap', async () => {
    const body = tableBody(paymentRoster(data, await textMeasure()).content);
    const [idCell, accountCell, seqCell] = [body[1]![3]!, body[1]![5]!, body[1]![0]!];
    expect([idCell.noWrap, accountCell.noWrap, seqCell.noWrap]).toEqual([true, true, true]);
    const long = body[41]!;
    expect(long[4]!.stack!.length).toBeGreaterThan(1);
    expect(long[4]!.stack!.map((l) => l.text).join('')).toBe(rows[40]!.members);
    for (const line of long[4]!.stack!) expect(line.text).toMatch(/^(成员.（[ABC]）、?)+$/);
    expect(long[6]!.noWrap).toBeUndefined(); // a bank name wider than its column still wraps
    expect(long[2]!.noWrap).toBeUndefined(); // so does a name wider than the 44 pt column
    expect(body[1]![2]!.noWrap).toBe(true); // a three-character one fits
    // Without a measure every cell is left to pdfmake.
    const plain = tableBody(paymentRoster(data).content);
    expect(plain.slice(1).every((r) => r.every((c) => c.noWrap === undefined && c.stack === undefined))).toBe(true);
  });

  it('prints every row’s ID, account, members and amount, and the totals', async () => {
    const pages = extractPageTexts(await renderPdf(paymentRoster(data, await textMeasure())));
    const text = pages.join('').replace(/\s+/g, '');
    for (const r of rows) {
      expect(text).toContain(r.idNumber);
      expect(text).toContain(r.accountNumber.replace(/\s+/g, ''));
      expect(text).toContain(r.members);
      expect(text).toContain(r.amount.toFixed(2));
    }
    expect(text).toContain('清河农村商业银行城关支行营业部');
    expect(text).toContain('合计：41户，保障90人，发放金额33000.00元');
  });
});
