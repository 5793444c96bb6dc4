// Issue 12, page-break rules, with worst-case data (9 members, 5 reasons, a long minority name): a notice with up to
// five reason lines fits one page; the signature/date block never stands alone on a page; no page holds only a
// list's signature row; every document with full ID numbers is marked 内部资料 on every page.
import { describe, expect, it } from 'vitest';
import { renderPdf } from '../../src/documents';
import { INTERNAL_MARK } from '../../src/documents/layout';
import { approvedList } from '../../src/documents/templates/approved-list';
import { authorization } from '../../src/documents/templates/authorization';
import { declaration } from '../../src/documents/templates/declaration';
import { denialNotice } from '../../src/documents/templates/denial-notice';
import { homeVisitForm } from '../../src/documents/templates/home-visit-form';
import { personSummary } from '../../src/documents/templates/annex2-person-summary';
import { publicNotice } from '../../src/documents/templates/public-notice';
import { stopNotice } from '../../src/documents/templates/stop-notice';
import type { MemberLine } from '../../src/documents/types';
import { determine } from '../../src/domain/determination';
import { ineligibilityGrounds } from '../../src/domain/notice-wording';
import { DEFAULT_POLICY } from '../../src/domain/policy';
import { DEFAULT_LEGAL_TEXTS } from '../../src/services/legal-texts';
import { extractPageTexts } from '../fixtures/documents/pdf-text';
import { AUTHORIZATION, DECLARATION, DENIAL, HOME_VISIT, MEMBERS, PERSON_SUMMARY, PUBLIC_NOTICE, ruledPublicRows, SAMPLE_IDS, STOP, summaryRows } from '../fixtures/documents/sample-data';
import { SAMPLE_DOCUMENTS } from '../fixtures/documents/samples';

const LONG_NAME = '欧阳·买买提江';
const pages = async (definition: Parameters<typeof renderPdf>[0]) => extractPageTexts(await renderPdf(definition)).map((p) => p.replace(/\s+/g, ''));
/** The remedies and legal basis an office starts with, as a notice prints them: the longest standing texts. */
const remedies = DEFAULT_LEGAL_TEXTS.find((t) => t.key === 'remedies')!.text.replace('{县人民政府}', '清河县人民政府');
const legalBasis = DEFAULT_LEGAL_TEXTS.filter((t) => t.key === 'legal-basis').at(-1)!.text;
const worstNotice = { addressee: LONG_NAME, remedies, legalBasis, issueDate: '2026-12-28', decisionDate: '2026-12-26', applicationDate: '2026-11-30' };

const FIVE_LINES = [
  `户主${LONG_NAME}已在县城工业园区稳定就业`,
  '家庭月人均收入1600元，不低于低保标准602元',
  '人均1600元，不低于低保标准2倍1204元',
  '家庭成员中无重病、重残人员（方案二(一)2）',
  '前12个月无自负住院医药费用（方案二(一)3）',
];

/** Nine members, the longest health and labour labels the program prints. */
const NINE: MemberLine[] = Array.from({ length: 9 }, (_, i) => ({
  ...MEMBERS[i % MEMBERS.length]!,
  name: i === 0 ? LONG_NAME : `${MEMBERS[i % MEMBERS.length]!.name}${i}`,
  health: i % 3 === 0 ? '重病、肢体残疾二级、重残（生活不能自理）' : '健康',
  laborCapacity: '完全丧失劳动能力',
}));

describe('a notice with up to five reason lines fits one page', () => {
  it.each([1, 2, 3, 4, 5])('%i one-line reasons, a long minority name, two-digit dates and a decimal amount', async (n) => {
    const reasons = FIVE_LINES.slice(0, n);
    expect(await pages(denialNotice({ ...DENIAL, ...worstNotice, reasons }))).toHaveLength(1);
    expect(await pages(stopNotice({ ...STOP, ...worstNotice, stopFromMonth: '2027-01', previousMonthlyAmount: 1234.5, reasons }))).toHaveLength(1);
  });

  it('with the grounds the engine gives a family above the ceiling, and the written reason before them', async () => {
    const d = determine(
      {
        assetsCompliant: true,
        otherMonthlyIncome: 0,
        singleCoverIndex: null,
        medical: null,
        members: [0, 1, 2].map((i) => ({
          name: `成员${i}`, idNumber: null, birthDate: '1980-01-01', monthlyIncome: 1600, disabilityType: null, disabilityLevel: null, seriousIllness: false,
          severeDisabilityNoSelfCare: false, mentalHospitalized: false, laborCapacity: 'full' as const, threeNo: false, hiv: false, collegeStudent: false, priorityCare: false,
        })),
      },
      DEFAULT_POLICY,
      '2026-12-26',
    );
    const grounds = ineligibilityGrounds({ category: d.category, reasons: d.reasons, assetsNote: null })!;
    const reasons = [`户主${LONG_NAME}已在县城工业园区稳定就业`, ...grounds];
    expect(reasons.length).toBeLessThanOrEqual(5);
    const stop = await pages(stopNotice({ ...STOP, ...worstNotice, stopFromMonth: '2027-01', previousMonthlyAmount: 1234.5, reasons }));
    expect(stop).toHaveLength(1);
    for (const r of grounds) expect(stop[0]).toContain(r.replace(/\s+/g, ''));
  });
});

describe('the signature and date never stand alone on a page', () => {
  // Reasons long enough to need a second page: the remedies paragraph goes with the issuer and date.
  it.each([6, 8, 10, 14])('a notice with %i long reasons keeps the remedies with the issuer and date', async (n) => {
    const reasons = Array.from({ length: n }, (_, i) => `第${i + 1}项：家庭月总收入 4800.00 元 ÷ 3 人 = 人均 1600.00 元，不低于低保标准 602 元（方案二(一)1）`);
    for (const built of [denialNotice({ ...DENIAL, ...worstNotice, reasons }), stopNotice({ ...STOP, ...worstNotice, reasons })]) {
      const texts = await pages(built);
      const signed = texts.find((t) => t.includes('2026年12月28日'))!;
      expect(signed).toContain('清河镇人民政府');
      expect(signed).toContain('申请行政复议');
    }
  });

  it.each([1, 8, 14, 18, 22, 30])('a 公示 of %i households keeps its closing paragraph with the issuer and date', async (n) => {
    const texts = await pages(publicNotice({ ...PUBLIC_NOTICE, rows: ruledPublicRows(n) }));
    const last = texts.at(-1)!;
    expect(last).toContain('2020年3月20日');
    expect(last).toContain('公示期间');
  });

  it('the declaration keeps its last paragraph with the applicant’s signature', async () => {
    const texts = await pages(declaration({ ...DECLARATION, applicantName: LONG_NAME, hardship: '\u3000\n\u3000\n\u3000\n\u3000' }));
    const signed = texts.find((t) => t.includes('申请人（签字、按手印）'))!;
    expect(signed).toContain('承担相应的法律责任');
  });
});

describe('no page holds only a list’s signature row', () => {
  // Every row count from one page to four: the page breaks fall after every possible row.
  it('附件2 人员信息汇总表 with 9-member households, 1 to 40 rows', async () => {
    for (let n = 1; n <= 40; n++) {
      const rows = summaryRows(n).map((r, i) => ({ ...r, householdSize: 9, name: i % 9 === 0 ? LONG_NAME : r.name }));
      const texts = await pages(personSummary({ ...PERSON_SUMMARY, rows }));
      const last = texts.at(-1)!;
      expect(last, `${n} rows`).toContain('村党组织书记');
      // A data row stands above the signature on its page: its 18-digit ID number.
      expect(last, `${n} rows`).toMatch(/\d{17}[\dX]/);
    }
  }, 120_000);

  it('审批通过名单, 1 to 30 rows', async () => {
    for (let n = 1; n <= 30; n++) {
      const rows = Array.from({ length: n }, (_, i) => ({
        village: '柳河社区', headName: i === 0 ? LONG_NAME : `户主${i}`, headIdNumber: SAMPLE_IDS[i % 4]!, householdSize: 9, coveredCount: 9,
        personClass: 'A类2人、B类3人、C类4人', monthlyTotal: 3456.5, paymentStart: '2027-01', decidedOn: '2026-12-26',
      }));
      const texts = await pages(approvedList({ township: '清河镇', campaign: '2026年低保专项治理', scope: '全镇', fillDate: '2026-12-28', preparedBy: '张敏', rows }));
      expect(texts.at(-1)!, `${n} rows`).toMatch(/\d{17}[\dX]/);
    }
  }, 120_000);
});

describe('内部资料 on every page of a document with full ID numbers', () => {
  it('every sample kind that prints an ID number, on every page; none that does not', async () => {
    for (const [kind, build] of Object.entries(SAMPLE_DOCUMENTS)) {
      const texts = await pages(build());
      const withIds = texts.some((t) => /\d{17}[\dX]/.test(t));
      for (const [i, t] of texts.entries()) {
        if (withIds) expect(t, `${kind} page ${i + 1}`).toContain(INTERNAL_MARK);
        else expect(t, `${kind} page ${i + 1}`).not.toContain(INTERNAL_MARK);
      }
    }
  });

  it('a multi-page 附件2, home-visit form and authorization of nine members', async () => {
    for (const built of [
      personSummary({ ...PERSON_SUMMARY, rows: summaryRows(40) }),
      homeVisitForm({ ...HOME_VISIT, headName: LONG_NAME, members: NINE }),
      authorization({ ...AUTHORIZATION, headName: LONG_NAME, members: NINE }),
    ]) {
      const texts = await pages(built);
      for (const [i, t] of texts.entries()) expect(t, `page ${i + 1}`).toContain(INTERNAL_MARK);
    }
  });
});

describe('page counts with worst-case data', () => {
  it('nine members: the authorization on two pages, its signature under member rows; the home-visit form on three', async () => {
    const auth = await pages(authorization({ ...AUTHORIZATION, headName: LONG_NAME, members: NINE }));
    expect(auth).toHaveLength(2);
    expect(auth[1]).toMatch(/\d{17}[\dX][\s\S]*授权人（户主）签字/);
    const visit = await pages(homeVisitForm({ ...HOME_VISIT, headName: LONG_NAME, members: NINE }));
    expect(visit).toHaveLength(3);
    expect(visit[2]).toMatch(/四、调查人员意见[\s\S]*调查人员1（签字）/);
  });
});
