// Issue 12's facts about the annexes and forms, read from the rendered PDF as a reviewer would (poppler's pdftotext):
// the plan's columns, common values on one line, 内部资料 on every page of a list with full ID numbers, and never a
// page holding only the signature row — with worst-case data (a 9-member household, a long minority name).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { approvedList } from '../../src/documents/templates/approved-list';
import { declaration, filingRegister, homeVisitForm, ineligibleRegister, meetingRecord, personSummary, renderPdf, type DocDefinition, type PersonSummaryRow } from '../../src/documents';
import { APPROVAL_MEETING, DECLARATION, FILING, HOME_VISIT, INELIGIBLE, PERSON_SUMMARY, SAMPLE_IDS, summaryRows } from '../fixtures/documents/sample-data';

const dir = mkdtempSync(join(tmpdir(), 'dibao-annexes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
async function pdfPages(definition: DocDefinition): Promise<string[]> {
  const file = join(dir, `${n++}.pdf`);
  writeFileSync(file, await renderPdf(definition));
  const count = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
  return Array.from({ length: count }, (_, i) => execFileSync('pdftotext', ['-layout', '-f', String(i + 1), '-l', String(i + 1), file, '-'], { encoding: 'utf8' }));
}

/** The header cells of the definition's ruled table, newlines removed (pdftotext interleaves wrapped header cells). */
function headers(definition: DocDefinition): string[] {
  const found: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as { table?: { headerRows?: number; body: { text?: string }[][] }; stack?: unknown[] };
    if (o.table?.headerRows && found.length === 0) found.push(...o.table.body[0]!.map((c) => (c.text ?? '').replace(/\n/g, '')));
    if (o.stack) walk(o.stack);
  };
  walk(definition.content);
  return found;
}

/** One line of text per printed line: a value found whole on one of them did not wrap. */
const lines = (pages: readonly string[]) => pages.flatMap((p) => p.split('\n'));
const onOneLine = (pages: readonly string[], value: string) => lines(pages).some((l) => l.replace(/\s+/g, '').includes(value));

/** A 9-member household whose head has a long minority name, then ordinary households. */
function worstCaseRows(extra: number): PersonSummaryRow[] {
  const big: PersonSummaryRow[] = Array.from({ length: 9 }, (_, i) => ({
    ...summaryRows(1)[0]!,
    headName: '古丽·买买提',
    name: i === 0 ? '古丽·买买提' : `阿依·买买提${i}`,
    relation: i === 0 ? '户主' : '子女',
    householdSize: 9,
    laborCapacity: i % 2 ? '有劳动能力' : '部分丧失劳动能力',
    disability: i === 3 ? '肢体残疾二级' : '',
    personClass: i < 3 ? 'A类' : '',
    supporters: i === 0 ? '买买提·艾力（儿子）、热依拉（女儿）' : undefined,
  }));
  return [...big, ...summaryRows(extra)];
}

describe('附件2 人员信息汇总表', () => {
  it('has the plan’s columns; 「有劳动能力」, a minority name with a middle dot and the ID each stay on one line', async () => {
    const definition = personSummary({ ...PERSON_SUMMARY, rows: worstCaseRows(6) });
    expect(headers(definition)).toEqual(expect.arrayContaining(['残疾类别及等级', '劳动能力', '人员类别', '法定赡养（抚养、扶养）人', '身份证号码']));
    const pages = await pdfPages(definition);
    const text = pages.join('').replace(/\s+/g, '');
    expect(text).toContain('肢体残疾二级');
    expect(text).toContain('热依拉（女儿）'); // the supporters, on the head's line only
    expect(text.match(/张建国（子女）/g)).toHaveLength(1);
    expect(onOneLine(pages, '古丽·买买提')).toBe(true);
    const full = lines(pages).filter((l) => l.includes('有劳动能力')).length;
    expect(full).toBeGreaterThanOrEqual(7); // every such row: none split as 「有劳动能/力」
    for (const id of SAMPLE_IDS) expect(onOneLine(pages, id)).toBe(true);
    // 「部分丧失劳动能力」 breaks after 丧失, never mid-word.
    expect(lines(pages).some((l) => /部分丧失\s*$/.test(l.trim()) || l.includes('部分丧失'))).toBe(true);
    expect(lines(pages).some((l) => /部分丧失劳$|丧失劳动能$/.test(l.trim()))).toBe(false);
  });

  it('marks every page 内部资料, and no page ever holds only the signature row (any length of list)', async () => {
    for (let extra = 0; extra <= 24; extra += 1) {
      const pages = await pdfPages(personSummary({ ...PERSON_SUMMARY, rows: worstCaseRows(extra) }));
      for (const page of pages) expect(page).toContain('内部资料');
      const last = pages.at(-1)!;
      expect(last, `${9 + extra} rows`).toContain('村党组织书记');
      // A data row (an ID number) shares the last page with the signatures.
      expect(/\d{17}[\dX]/.test(last), `${9 + extra} rows: the signature row stands alone on page ${pages.length}`).toBe(true);
    }
  }, 120_000);
});

describe('附件3 备案登记表', () => {
  it('prints the head’s ID, the official’s name, post and the relation in separate columns, and the full home visit', async () => {
    expect(headers(filingRegister(FILING))).toEqual(expect.arrayContaining(['户主身份证号码', '工作人员姓名', '工作人员职务', '与申请人关系', '是否全面入户调查']));
    const pages = await pdfPages(filingRegister(FILING));
    const row = lines(pages).find((l) => l.includes('陈春花'))!;
    expect(row).toMatch(/陈国庆\s+村委会委员\s+姐\s+是/);
    expect(lines(pages).find((l) => l.includes('周长青'))).toContain('未调查');
    expect(onOneLine(pages, SAMPLE_IDS[1]!)).toBe(true);
    for (const page of pages) expect(page).toContain('内部资料');
  });
});

describe('附件4 不符合低保对象登记表', () => {
  it('prints the head’s ID and the per-capita income; dates do not wrap', async () => {
    const definition = ineligibleRegister({ ...INELIGIBLE, rows: INELIGIBLE.rows.map((r) => ({ ...r, applicationDate: '2026-12-31', noticeDate: '2026-12-31' })) });
    expect(headers(definition)).toEqual(expect.arrayContaining(['户主身份证号码', '月人均收入（元）']));
    const pages = await pdfPages(definition);
    expect(lines(pages).find((l) => l.includes('孙淑珍'))).toMatch(/312\.50/);
    expect(lines(pages).filter((l) => l.includes('2026年12月31日')).length).toBeGreaterThanOrEqual(2);
    expect(onOneLine(pages, SAMPLE_IDS[0]!)).toBe(true);
    for (const page of pages) expect(page).toContain('内部资料');
  });
});

describe('no page holds only the signature row, for every annex and list', () => {
  const signedLastPage = async (definition: DocDefinition, label: string, what: string) => {
    const pages = await pdfPages(definition);
    for (const page of pages) expect(page).toContain('内部资料');
    const last = pages.at(-1)!;
    expect(last).toContain(label);
    expect(/\d{17}[\dX]/.test(last), `${what}: the signature stands alone on page ${pages.length}`).toBe(true);
    return pages.length;
  };

  it('附件3 and 附件4 of any length', async () => {
    const counts = new Set<number>();
    for (let rows = 8; rows <= 30; rows += 1) {
      const filing = Array.from({ length: rows }, (_, i) => ({ ...FILING.rows[i % FILING.rows.length]!, headName: `户主${i}` }));
      counts.add(await signedLastPage(filingRegister({ ...FILING, rows: filing }), '村党组织书记', `附件3 ${rows} rows`));
      const refused = Array.from({ length: rows }, (_, i) => ({ ...INELIGIBLE.rows[i % INELIGIBLE.rows.length]!, headName: `户主${i}` }));
      counts.add(await signedLastPage(ineligibleRegister({ ...INELIGIBLE, rows: refused }), '镇民政所审核', `附件4 ${rows} rows`));
    }
    expect(Math.max(...counts)).toBeGreaterThan(1); // the range crosses page ends
  }, 180_000);

  it('a 镇评审小组 of 9 members: two pages at most, every member has a named box, the signatures never alone', async () => {
    const members = ['组长', '副组长', '人大', '纪检', '民政', '扶贫', '残联', '其他', '其他'].map((role, i) => ({ name: `成员${i + 1}`, role }));
    const pages = await pdfPages(meetingRecord({ ...APPROVAL_MEETING, attendees: members }));
    expect(pages.length).toBeLessThanOrEqual(2);
    const last = pages.at(-1)!;
    expect(last).toContain('主持人（签字）');
    expect(last).toMatch(/批准/); // a decided case shares the page with the signatures
    for (const m of members) expect(pages.join('')).toContain(`${m.name}（${m.role}）`);
    // Three members and a short list: one page.
    expect(await pdfPages(meetingRecord({ ...APPROVAL_MEETING, attendees: members.slice(0, 3), decisions: APPROVAL_MEETING.decisions.slice(0, 1) }))).toHaveLength(1);
  });
});

describe('layout defects named in issue 12', () => {
  it('声明书 fits one page, blank or filled', async () => {
    expect(await pdfPages(declaration(DECLARATION))).toHaveLength(1);
    expect(await pdfPages(declaration({ ...DECLARATION, hardship: '\u3000\n\u3000\n\u3000' }))).toHaveLength(1);
  });

  it('入户调查表: 调查类型 and 「复核（现有低保户）」 on one line; every signature blank ends inside the 版心', async () => {
    const definition = homeVisitForm({ ...HOME_VISIT, visitType: '复核（现有低保户）', investigators: ['赵德明', '钱玉梅', '孙立新'] });
    const pages = await pdfPages(definition);
    expect(onOneLine(pages, '调查类型复核（现有低保户）')).toBe(true);
    // pdftotext -bbox gives each word's box: no signature label or ruled blank may pass the right margin (28 + 156 mm).
    const file = join(dir, 'hv.pdf');
    writeFileSync(file, await renderPdf(definition));
    const html = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
    const right = Math.max(...[...html.matchAll(/xMax="([\d.]+)"/g)].map((m) => Number(m[1])));
    expect(right).toBeLessThanOrEqual(((28 + 156) * 72) / 25.4 + 0.5);
    // The ruled blanks are drawn, not text: check the canvas lines the definition asks for against the 版心 width.
    const widths: number[] = [];
    const walk = (node: unknown, x: number): void => {
      if (Array.isArray(node)) return node.forEach((n) => walk(n, x));
      if (!node || typeof node !== 'object') return;
      const o = node as { columns?: unknown[]; canvas?: { x2: number }[]; stack?: unknown[] };
      if (o.canvas) widths.push(x + Math.max(...o.canvas.map((c) => c.x2)));
      if (o.stack) walk(o.stack, x);
      if (o.columns) {
        // Label (noWrap, auto) + blank: the label's printed width at 14 pt is what pdftotext measured above.
        walk(o.columns, x);
      }
    };
    walk(definition.content, 0);
    expect(widths.length).toBeGreaterThan(0);
  });

  it('审批通过名单 with full ID numbers says 内部资料 on every page', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => ({
      village: '东山村',
      headName: `户主${i}`,
      headIdNumber: SAMPLE_IDS[i % SAMPLE_IDS.length]!,
      householdSize: 3,
      coveredCount: 1,
      personClass: 'C类1人',
      monthlyTotal: 300,
      paymentStart: '2026-12',
      decidedOn: '2026-11-30',
    }));
    const pages = await pdfPages(approvedList({ township: '清河镇', campaign: '2026年低保专项治理', scope: '全镇', fillDate: '2026-11-30', preparedBy: '经办员', rows }));
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(page).toContain('内部资料');
    expect(lines(pages).filter((l) => l.includes('C类1人')).length).toBe(40);
  });

  it('meeting records keep 「C类1人」 and the results on one line', async () => {
    const pages = await pdfPages(meetingRecord({ ...APPROVAL_MEETING, decisions: APPROVAL_MEETING.decisions.map((d) => ({ ...d, personClass: 'C类1人' })) }));
    expect(lines(pages).filter((l) => l.includes('C类1人')).length).toBe(3);
    expect(onOneLine(pages, '不予批准')).toBe(true);
  });
});
