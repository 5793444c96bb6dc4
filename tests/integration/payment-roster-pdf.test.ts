import { describe, expect, it } from 'vitest';
import { renderPdf, textMeasure } from '../../src/documents';
import type { Content } from '../../src/documents/doc-definition.js';
import { renderPaymentRosterPdf } from '../../src/documents/payment-roster-pdf';
import { PAYMENT_INTERNAL_MARK, paymentRoster, type PaymentRosterData, type PaymentRosterPdfRow } from '../../src/documents/templates/payment-roster';
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

// The roster as exported (issue 13): drawn straight onto pdfkit, the same page as the pdfmake template above.
describe('payment roster PDF (direct pdfkit renderer)', () => {
  const flat = (t: string) => t.replace(/\s+/g, '');
  const HEADER = '序号村（社区）户主姓名身份证号码保障对象及类别银行账号开户行金额（元）';

  it('prints every row, the totals and the sums, with the header row, 内部资料 and the page number on every page', async () => {
    const many: PaymentRosterPdfRow[] = [...Array.from({ length: 120 }, (_, i) => row(i)), row(120, { members: members(8), headName: '爱新觉罗·春花', bankName: '清河农村商业银行城关支行营业部' })];
    const big: PaymentRosterData = {
      ...data,
      rows: many,
      byVillage: [
        { villageName: '东山村', households: 61, persons: 120, amount: 50000 },
        { villageName: '柳河社区', households: 60, persons: 118, amount: 49783.5 },
      ],
      byClass: [
        { class: 'A', persons: 200, amount: 90000 },
        { class: 'B', persons: 38, amount: 9783.5 },
      ],
      totals: { households: 121, persons: 238, amount: 99783.5 },
    };
    const pages = extractPageTexts(await renderPaymentRosterPdf(big)).map(flat);
    expect(pages.length).toBeGreaterThan(5);
    for (const [i, page] of pages.entries()) {
      expect(page.split(PAYMENT_INTERNAL_MARK).length - 1).toBeGreaterThanOrEqual(2); // top and bottom margin
      expect(page).toContain(`第${i + 1}页，共${pages.length}页`);
      expect(page).toContain('2026年11月·全镇');
    }
    // Every page of the list opens with the header row; rows are printed whole, each on one page.
    const listPages = pages.filter((p) => /990101198001011\d{3}/.test(p));
    expect(listPages.length).toBeGreaterThan(4);
    for (const page of listPages) expect(page).toContain(HEADER);
    const text = pages.join('');
    for (const r of many) {
      const onPages = pages.filter((p) => p.includes(r.idNumber) && p.includes(flat(r.accountNumber)));
      expect(onPages).toHaveLength(1);
      expect(text).toContain(r.amount.toFixed(2));
    }
    // A long member list wraps between whole entries; nothing is lost.
    const lastPage = pages.at(-1)!;
    expect(lastPage).toContain(many.at(-1)!.members);
    expect(text).toContain('清河农村商业银行城关支行营业部');
    expect(pages[0]).toContain('清河镇2026年11月最低生活保障金发放花名册');
    expect(pages[0]).toContain('发放范围：全镇发放月份：2026年11月批次：第1批制表日期：2026年11月30日');
    expect(text).toContain('合计：121户，保障238人，发放金额99783.50元。');
    expect(text).toContain('东山村6112050000.00');
    expect(text).toContain('柳河社区6011849783.50');
    expect(text).toContain('合计12123899783.50');
    expect(text).toContain('A类20090000.00');
    expect(text).toContain('B类389783.50');
    // The signature row shares the last page with the last row of the list.
    for (const label of ['制表人：', '民政所负责人：', '分管领导：']) expect(lastPage).toContain(label);
    expect(lastPage).toContain(many.at(-1)!.idNumber);
  });

  it('keeps the signature with the last rows whatever the list length', async () => {
    for (const n of [1, 9, 10, 11, 12, 13, 14]) {
      const pages = extractPageTexts(await renderPaymentRosterPdf({ ...data, rows: rows.slice(0, n) })).map(flat);
      const last = pages.at(-1)!;
      expect(last, `${n} rows`).toContain(rows[n - 1]!.idNumber);
      expect(last, `${n} rows`).toContain('分管领导：');
      expect(last).toContain(HEADER);
    }
  });

  it('lists the households left out, prints rare characters in a fallback font, and gives the same bytes twice', async () => {
    const withExcluded: PaymentRosterData = {
      ...data,
      kind: '补发',
      rows: [row(0, { headName: '张𠮷' }), ...rows.slice(1, 5)],
      excluded: [{ village: '东山村', headName: '李四', amount: 500, problem: '未登记银行账号' }],
    };
    const bytes = await renderPaymentRosterPdf(withExcluded);
    const text = extractPageTexts(bytes).map(flat).join('');
    expect(text).toContain('（补发）');
    expect(text).toContain('未列入代发的家庭（1户，须补录银行账号后补发）');
    expect(text).toContain('东山村李四500.00未登记银行账号');
    expect(text).toContain('张𠮷');
    expect((await renderPaymentRosterPdf(withExcluded)).equals(bytes)).toBe(true);
  });
});
