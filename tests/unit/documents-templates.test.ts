import { describe, expect, it } from 'vitest';
import {
  BODY_LINE_HEIGHT,
  BODY_LINE_PITCH,
  chineseNumeral,
  documentTimestamp,
  formatChineseDate,
  formatChineseMonth,
  formatYuan,
  mm,
  PORTRAIT_MARGINS,
} from '../../src/documents/layout.js';
import type { ContentObject } from '../../src/documents/doc-definition.js';
import { personSummary } from '../../src/documents/templates/annex2-person-summary.js';
import { filingRegister } from '../../src/documents/templates/annex3-filing-register.js';
import { ineligibleRegister } from '../../src/documents/templates/annex4-ineligible-register.js';
import { authorization } from '../../src/documents/templates/authorization.js';
import { declaration } from '../../src/documents/templates/declaration.js';
import { denialNotice } from '../../src/documents/templates/denial-notice.js';
import { homeVisitForm } from '../../src/documents/templates/home-visit-form.js';
import { meetingRecord } from '../../src/documents/templates/meeting-record.js';
import { publicNotice, publicNoticeTitle, toPublicRow } from '../../src/documents/templates/public-notice.js';
import { screeningSheet } from '../../src/documents/templates/screening-sheet.js';
import { stopNotice } from '../../src/documents/templates/stop-notice.js';
import type { PublicRow } from '../../src/documents/types.js';
import { DEFAULT_POLICY } from '../../src/domain/policy.js';
import { definitionText } from '../fixtures/documents/definition-text.js';
import {
  AUTHORIZATION,
  DECLARATION,
  DENIAL,
  FILING,
  HOME_VISIT,
  INELIGIBLE,
  MEETING,
  PERSON_SUMMARY,
  PUBLIC_NOTICE,
  ruledPublicRows,
  REMEDIES,
  SAMPLE_IDS,
  SCREENING,
  STOP,
} from '../fixtures/documents/sample-data.js';

/** Every table node in a definition, however deeply nested. */
function tables(node: unknown, out: ContentObject[] = []): ContentObject[] {
  if (Array.isArray(node)) for (const child of node) tables(child, out);
  else if (node && typeof node === 'object') {
    const object = node as ContentObject;
    if (object.table) out.push(object);
    for (const value of Object.values(object)) if (typeof value === 'object') tables(value, out);
  }
  return out;
}

describe('layout helpers', () => {
  it('formats Chinese dates and months without leading zeros', () => {
    expect(formatChineseDate('2020-03-20')).toBe('2020年3月20日');
    expect(formatChineseDate('2020-11-05')).toBe('2020年11月5日');
    expect(formatChineseMonth('2020-04')).toBe('2020年4月');
    expect(() => formatChineseDate('20.3.2020')).toThrow();
  });

  it('formats amounts and numerals', () => {
    expect(formatYuan(602)).toBe('602');
    expect(formatYuan(361.5)).toBe('361.50');
    expect(chineseNumeral(3)).toBe('三');
    expect(chineseNumeral(12)).toBe('十二');
    expect(chineseNumeral(40)).toBe('四十');
  });

  it('uses GB/T 9704 margins and a 28.9 pt body pitch', () => {
    expect(mm(25.4)).toBeCloseTo(72);
    const [left, top, right, bottom] = PORTRAIT_MARGINS;
    expect(top).toBeCloseTo(104.88, 1);
    expect(left).toBeCloseTo(79.37, 1);
    expect(right).toBeCloseTo(73.7, 1);
    expect(bottom).toBeCloseTo(99.21, 1);
    // 225 mm / 22 lines = 28.99 pt, the "≈ 28.9 pt" of the standard.
    expect(Math.abs(BODY_LINE_PITCH - 28.9)).toBeLessThan(0.1);
    expect(BODY_LINE_HEIGHT * 16 * 1.437).toBeCloseTo(BODY_LINE_PITCH, 5);
  });

  it('dates the PDF metadata from the data at midnight China time', () => {
    expect(documentTimestamp('2020-03-20').toISOString()).toBe('2020-03-19T16:00:00.000Z');
    expect(denialNotice(DENIAL).info.creationDate?.toISOString()).toBe('2020-03-19T16:00:00.000Z');
  });
});

describe('denial notice', () => {
  const definition = denialNotice(DENIAL);
  const text = definitionText(definition);

  it('quotes every reason verbatim as a numbered list', () => {
    DENIAL.reasons.forEach((reason, index) => {
      expect(text).toContain(reason);
      expect(text).toContain(`${index + 1}．`);
    });
  });

  it('carries addressee, dates, number, legal basis, remedies, phones and issuer', () => {
    expect(text).toContain('最低生活保障待遇不予批准通知书');
    expect(text).toContain('王建国：');
    expect(text).toContain('2020年3月6日提出');
    expect(text).toContain('2020年3月20日决定不予批准');
    expect(text).toContain('清河民低不批〔2020〕3号');
    expect(text).toContain(DENIAL.legalBasis);
    expect(text).toContain(REMEDIES);
    expect(text).toContain('0558-1234567');
    expect(text).toContain('0558-7654321');
    expect(text).toContain('清河镇人民政府');
  });

  it('omits the number line on a draft and uses the remedy text it is given', () => {
    const draft = definitionText(denialNotice({ ...DENIAL, documentNumber: undefined, remedies: '新的救济途径文本。' }));
    expect(draft).not.toContain('〔2020〕');
    expect(draft).toContain('新的救济途径文本。');
    expect(draft).not.toContain(REMEDIES);
  });

  it('is a pure function of its data', () => {
    expect(JSON.stringify(denialNotice(DENIAL))).toBe(JSON.stringify(definition));
  });
});

describe('stop notice', () => {
  const text = definitionText(stopNotice(STOP));
  it('states the stop month, the previous amount, reasons and remedies', () => {
    expect(text).toContain('最低生活保障金停发通知书');
    expect(text).toContain('自2020年4月起停发');
    expect(text).toContain('（每月362元）');
    for (const reason of STOP.reasons) expect(text).toContain(reason);
    expect(text).toContain(REMEDIES);
    expect(text).toContain('0558-7654321');
  });
});

describe('public notice', () => {
  const leaky = PUBLIC_NOTICE.rows.map((row, index) => ({
    ...row,
    idNumber: SAMPLE_IDS[index % SAMPLE_IDS.length],
    address: `桃园村第${index + 1}组秘密路${index + 1}号`,
    monthlyIncome: 1234.56,
    illness: '尿毒症',
    disability: '肢体残疾二级',
    phone: '13912345678',
    bankAccount: '6222020200112233445',
  }));

  it('toPublicRow keeps only the seven allowed fields', () => {
    const row = toPublicRow(leaky[0] as PublicRow);
    expect(Object.keys(row).sort()).toEqual(['category', 'coveredPersons', 'headName', 'householdSize', 'monthlyAmount', 'personClass', 'village']);
    expect(JSON.stringify(row)).not.toMatch(/idNumber|address|1234\.56|尿毒症|残疾|139|6222/);
  });

  it('prints no ID number, address, income, illness, disability, phone or bank number even when given them', () => {
    const text = definitionText(publicNotice({ ...PUBLIC_NOTICE, rows: leaky }));
    expect(text).not.toMatch(/\d{17}[\dX]/);
    for (const id of SAMPLE_IDS) expect(text).not.toContain(id);
    expect(text).not.toContain('秘密路');
    expect(text).not.toContain('1234.56');
    expect(text).not.toContain('尿毒症');
    expect(text).not.toContain('肢体残疾');
    expect(text).not.toContain('13912345678');
    expect(text).not.toContain('6222020200112233445');
  });

  it('shows the allowed columns, posting window and both supervision phones', () => {
    const text = definitionText(publicNotice(PUBLIC_NOTICE));
    for (const header of ['户主姓名', '家庭人口', '保障类别', '人员类别', '月保障金（元）']) expect(text).toContain(header);
    expect(text).toContain('清河镇桃园村');
    expect(text).toContain('公示期为2020年3月20日至2020年3月26日');
    expect(text).toContain('清河镇民政所 0558-1234567');
    expect(text).toContain('县低保中心 0558-7654321');
    expect(text).toContain(PUBLIC_NOTICE.rows[0]!.headName);
  });

  it('titles each kind and direction', () => {
    expect(publicNoticeTitle('evaluation', 'addition')).toBe('最低生活保障拟纳入对象评议结果公示');
    expect(publicNoticeTitle('evaluation', 'exit')).toBe('最低生活保障拟退出对象评议结果公示');
    expect(publicNoticeTitle('approval', 'addition')).toBe('最低生活保障对象审批结果公示');
    expect(publicNoticeTitle('long-term', 'addition')).toBe('最低生活保障对象长期公示');
    expect(definitionText(publicNotice({ ...PUBLIC_NOTICE, direction: 'exit' }))).toContain('原月保障金（元）');
  });

  it('counts covered persons, not household members', () => {
    const rows = [
      { village: '桃园村', headName: '甲', householdSize: 4, category: '低收入家庭', personClass: 'A类1人', coveredPersons: 1, monthlyAmount: 602 },
      { village: '桃园村', headName: '乙', householdSize: 3, category: '困难家庭', personClass: 'B类1人、C类2人', coveredPersons: 3, monthlyAmount: 900 },
    ];
    expect(definitionText(publicNotice({ ...PUBLIC_NOTICE, rows }))).toContain('合计：2户，保障4人，月保障金合计1502元。');
  });

  it('审批结果公示 lists the round’s approvals and exits apart, each with its own total', () => {
    const add = [{ village: '桃园村', headName: '甲', householdSize: 2, category: '困难家庭', personClass: 'C类2人', coveredPersons: 2, monthlyAmount: 700 }];
    const exits = [{ village: '桃园村', headName: '乙', householdSize: 3, category: '低收入家庭', personClass: 'A类1人', coveredPersons: 1, monthlyAmount: 602 }];
    const text = definitionText(publicNotice({ ...PUBLIC_NOTICE, kind: 'approval', round: '2020年3月19日镇审批会议', rows: add, exits }));
    expect(text).toContain('经审核、审批（2020年3月19日镇审批会议）');
    expect(text).toContain('一、新增对象（1户）');
    expect(text).toContain('合计：1户，保障2人，月保障金合计700元。');
    expect(text).toContain('二、退出（停发）对象（1户）');
    expect(text).toContain('原月保障金（元）');
    expect(text).toContain('合计：1户，保障1人，原月保障金合计602元。');
    expect(text.indexOf('甲')).toBeLessThan(text.indexOf('二、退出'));
    expect(text.indexOf('乙')).toBeGreaterThan(text.indexOf('二、退出'));
    const none = definitionText(publicNotice({ ...PUBLIC_NOTICE, kind: 'approval', rows: add, exits: [] }));
    expect(none).toContain('二、退出（停发）对象（0户）');
    expect(none).toContain('本轮无。');
  });

  it('长期公示 has no window and says 长期公示', () => {
    const { postingStart: _s, postingEnd: _e, ...standing } = PUBLIC_NOTICE;
    const text = definitionText(publicNotice({ ...standing, kind: 'long-term' }));
    expect(text).toContain('予以长期公示');
    expect(text).toContain('公示期：长期公示');
    expect(text).not.toContain('公示期为');
  });

  it('sample rows follow the rules: a 低收入家庭 covers one person at the standard, a 困难家庭 every member', () => {
    for (const row of ruledPublicRows(9)) {
      const classes = [...row.personClass.matchAll(/类(\d+)人/g)].reduce((n, m) => n + Number(m[1]), 0);
      expect(classes, row.headName).toBe(row.coveredPersons);
      if (row.category === '低收入家庭') expect(row, row.headName).toMatchObject({ coveredPersons: 1, monthlyAmount: DEFAULT_POLICY.standard });
      else expect(row, row.headName).toMatchObject({ category: '困难家庭', coveredPersons: row.householdSize });
    }
  });
});

describe('annex forms and registers', () => {
  it('人员信息汇总表 prints full ID numbers in a landscape table whose header repeats and rows never split', () => {
    const definition = personSummary(PERSON_SUMMARY);
    expect(definition.pageOrientation).toBe('landscape');
    expect(definitionText(definition)).toContain(SAMPLE_IDS[1]);
    const [table] = tables(definition.content);
    expect(table?.table?.headerRows).toBe(1);
    expect(table?.table?.dontBreakRows).toBe(true);
    expect(definitionText(definition)).toContain('附件2');
  });

  it('备案登记表 flags relatives of cadres and staff', () => {
    const text = definitionText(filingRegister(FILING));
    expect(text).toContain('附件3');
    expect(text).toContain('近亲属');
    // The official's name, post and the relation are three cells, and the full home visit a fourth.
    expect(text).toMatch(/陈国庆\s*\n\s*村委会委员\s*\n\s*姐\s*\n\s*是/);
    expect(text).toContain('其中近亲属备案：1户');
  });

  it('不符合低保对象登记表 lists reason and notice number', () => {
    const text = definitionText(ineligibleRegister(INELIGIBLE));
    expect(text).toContain('附件4');
    expect(text).toContain('家庭财产状况不符合规定');
    expect(text).toContain('清河民低不批〔2020〕4号');
  });

  it('摸排表 names the area and carries the cadre signature line and blank rows', () => {
    const definition = screeningSheet(SCREENING);
    const text = definitionText(definition);
    expect(text).toContain('重点对象摸排表');
    expect(text).toContain('第三、四村民小组');
    expect(text).toContain('分片村干部（签字）');
    expect(tables(definition.content)[0]?.table?.body).toHaveLength(1 + SCREENING.rows.length + 5);
  });
});

describe('household forms', () => {
  it('入户调查表 has at least two investigator signatures and the family member present', () => {
    const text = definitionText(homeVisitForm({ ...HOME_VISIT, investigators: [] }));
    expect(text).toContain('调查人员1（签字）');
    expect(text).toContain('调查人员2（签字）');
    expect(text).toContain('被调查家庭成员（签字）');
    expect(text).toContain(HOME_VISIT.members[2]!.idNumber);
    const three = definitionText(homeVisitForm({ ...HOME_VISIT, investigators: ['甲', '乙', '丙'] }));
    expect(three).toContain('调查人员3（签字）');
  });

  it('授权书 lists every member for signature and names the verifying authority', () => {
    const text = definitionText(authorization(AUTHORIZATION));
    expect(text).toContain('家庭经济状况核对授权书');
    expect(text).toContain('清河县民政局');
    for (const member of AUTHORIZATION.members) expect(text).toContain(member.name);
    expect(text).toContain('本人签字（按手印）');
  });

  it('申请声明书 is prefilled and has the applicant signature', () => {
    const text = definitionText(declaration(DECLARATION));
    expect(text).toContain('最低生活保障申请声明书');
    expect(text).toContain(DECLARATION.applicantIdNumber);
    expect(text).toContain('申请人（签字、按手印）');
  });

  it('meeting records are titled by kind and list the decisions and attendees', () => {
    expect(definitionText(meetingRecord(MEETING))).toContain('最低生活保障评议听证会记录');
    expect(definitionText(meetingRecord({ ...MEETING, kind: 'review' }))).toContain('最低生活保障审核会议记录');
    const text = definitionText(meetingRecord({ ...MEETING, kind: 'approval', village: undefined }));
    expect(text).toContain('最低生活保障审批会议记录');
    expect(text).toContain('审批结果（共3户）');
    expect(text).toContain('暂缓（重新调查）');
    expect(text).toContain('钱国庆（村党总支书记）');
  });
});
