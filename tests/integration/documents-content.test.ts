import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentDetail, DocumentPdf, LegalTextView, SavedDetermination } from '../../src/contract';
import { personFieldsOf } from '../../src/contract';
import { ineligibilityGrounds } from '../../src/domain/notice-wording';
import { DEFAULT_LEGAL_TEXTS } from '../../src/services/legal-texts';
import { extractPageTexts } from '../fixtures/documents/pdf-text';
import {
  documentOffice,
  RECIPIENT_ADDRESS,
  RECIPIENT_HEAD_ID,
  RECIPIENT_INCOME,
  RECIPIENT_PHONE,
  RECIPIENT_WIFE_ID,
  type Office,
} from '../helpers/document-office';
import { OFFICE_SETTINGS } from '../helpers/office-settings';
import { ok } from '../helpers/temp-app';
import { putSetting } from '../../src/store/settings';

let office: Office;
beforeEach(async () => {
  office = await documentOffice();
});
afterEach(() => office.dispose());

/** PDF text without whitespace or page numbers: a paragraph may break at any line or page. */
async function pdfText(id: number): Promise<string> {
  const pdf = ok<DocumentPdf>(await office.call('document-pdf', { id }));
  return extractPageTexts(Buffer.from(pdf.base64, 'base64'))
    .join('')
    .replace(/\s+/g, '')
    .replace(/—\d+—/g, '');
}
const squeeze = (s: string) => s.replace(/\s+/g, '');
const detail = async (id: number) => ok<DocumentDetail>(await office.call('document-get', { id }));
/** The default remedies as printed: the review body named from 本镇设置. */
const remediesDefault = DEFAULT_LEGAL_TEXTS.find((t) => t.key === 'remedies')!.text.replace('{县人民政府}', '清河县人民政府');

describe('issuing authorities (本镇设置)', () => {
  const homeVisit = () => office.attempt({ kind: 'home-visit-form', householdId: office.recipient.id });

  it('names the county government in the remedies and the county bureau on the authorization', async () => {
    const d = await office.issue({ kind: 'denial-notice', householdId: office.applicant.id });
    const text = await pdfText(d.id);
    expect(text).toContain('向清河县人民政府申请行政复议');
    expect(text).not.toMatch(/××|XX|某某/);
    const a = await office.issue({ kind: 'authorization', householdId: office.recipient.id });
    const authText = await pdfText(a.id);
    expect(authText).toContain('自愿授权清河县民政局');
    expect(authText).toContain('咨询电话：清河县民政局0550-7654000');
    // The township government's and the review body's phones are in the notice's 附注.
    expect(text).toContain('联系电话：清河镇人民政府0550-1234500；行政复议：清河县人民政府0550-7650000');
  });

  it('refuses every document of an office set up before the county names existed, naming each missing setting', async () => {
    const { townshipPhone: _t, countyGovernmentName: _g, countyGovernmentPhone: _gp, countyBureauName: _b, countyBureauPhone: _bp, ...older } = OFFICE_SETTINGS;
    putSetting(office.db, 'office', JSON.stringify({ ...older, idleLockMinutes: 15 }));
    for (const attempt of [homeVisit(), office.attempt({ kind: 'denial-notice', householdId: office.applicant.id })]) {
      const r = await attempt;
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('WORKFLOW');
        for (const label of ['乡镇人民政府电话', '县人民政府名称', '县人民政府电话', '县民政局名称', '县民政局电话']) expect(r.error.message).toContain(`未填写「${label}」`);
        expect(r.error.message).toContain('本镇设置 → 本镇信息');
      }
    }
    // The page reads the stored settings as they are, so it can ask for the missing ones.
    const stored = ok<Record<string, unknown>>(await office.call('settings-get', {}));
    expect(stored.countyGovernmentName).toBeUndefined();
    ok(await office.call('settings-update', OFFICE_SETTINGS));
    expect((await homeVisit()).ok).toBe(true);
  });

  it('refuses a placeholder, on saving and (for a value stored earlier) on issuing', async () => {
    const saved = await office.call('settings-update', { ...OFFICE_SETTINGS, countyGovernmentName: '××县人民政府' });
    expect(saved).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: [{ path: 'countyGovernmentName', message: expect.stringContaining('占位符') }] } });
    putSetting(office.db, 'office', JSON.stringify({ ...OFFICE_SETTINGS, countyBureauName: 'XX县民政局', idleLockMinutes: 15 }));
    const r = await homeVisit();
    expect(!r.ok && r.error.message).toContain('「县民政局名称」为「XX县民政局」，含有占位符');
  });

  it('fills {县人民政府} in a legal text and refuses a text that still holds 「××」', async () => {
    const withToken = '如对本决定不服，可以自收到本通知书之日起60日内向{县人民政府}申请行政复议，也可以在6个月内依法向人民法院提起行政诉讼。';
    ok(await office.call('legal-text-add', { key: 'remedies', effectiveFrom: '2026-11-01', text: withToken }));
    const d = await office.issue({ kind: 'denial-notice', householdId: office.applicant.id });
    expect(await pdfText(d.id)).toContain(squeeze(withToken.replace('{县人民政府}', '清河县人民政府')));
    const refused = await office.call('legal-text-add', { key: 'remedies', effectiveFrom: '2026-11-02', text: withToken.replace('{县人民政府}', '××县人民政府') });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    // A placeholder written around the program (or by an older version) is refused when issuing, naming the text.
    office.db.prepare("INSERT INTO legal_texts (key, effective_from, text, created_at, created_by) VALUES ('remedies', '2026-11-03', ?, '2026-11-03T00:00:00Z', '管理员')").run(withToken.replace('{县人民政府}', '××县人民政府'));
    const r = await office.attempt({ kind: 'denial-notice', householdId: office.applicant.id });
    expect(!r.ok && r.error.message).toContain('现行的「救济途径」文本（2026年11月3日起施行）含有占位符「××」');
  });
});

describe('denial notice', () => {
  it("quotes the saved determination's reasons, the legal basis and the remedies in force on the issue date", async () => {
    const [saved] = ok<SavedDetermination[]>(await office.call('determination-list', { householdId: office.applicant.id }));
    expect(saved?.category).toBe('ineligible');
    const d = await office.issue({ kind: 'denial-notice', householdId: office.applicant.id });
    const text = await pdfText(d.id);
    expect(text).toContain('最低生活保障待遇不予批准通知书');
    expect(text).toContain('清河民低不批〔2026〕1号');
    // The grounds only (the failed tests with their figures), not the whole trace.
    const grounds = ineligibilityGrounds({ category: saved!.category, reasons: saved!.snapshot.result.reasons, assetsNote: null })!;
    expect(grounds[0]).toContain('人均 3000.00 元，不低于低保标准 602 元');
    for (const reason of grounds) expect(text).toContain(squeeze(reason));
    expect(text).not.toContain('家庭财产状况符合规定');
    expect(text).toContain(squeeze(remediesDefault));
    expect(text).toContain('《中华人民共和国行政复议法》（2023年修订）第二十条');
    // Issued after 2026-07-01: the national 社会救助法 is the legal basis.
    expect(text).toContain('《中华人民共和国社会救助法》');
    expect(text).toContain('0550-1234567');
    expect((await detail(d.id)).snapshot).toMatchObject({ reasons: grounds, remedies: remediesDefault });
  });

  it('uses a later-dated legal text only from its effective date', async () => {
    const county = '如对本决定不服，可以自收到本通知书之日起60日内向清河县人民政府申请行政复议，也可以在6个月内依法向人民法院提起行政诉讼。';
    const texts = ok<LegalTextView[]>(await office.call('legal-text-add', { key: 'remedies', effectiveFrom: '2027-01-01', text: county }));
    expect(texts.find((t) => t.text === county)?.inForce).toBe(false);
    const before = await office.issue({ kind: 'denial-notice', householdId: office.applicant.id });
    expect(await pdfText(before.id)).toContain(squeeze(remediesDefault));

    office.setNow('2027-01-01T01:00:00Z');
    const after = await office.issue({ kind: 'denial-notice', householdId: office.applicant.id });
    const text = await pdfText(after.id);
    expect(text).toContain(squeeze(county));
    expect(text).not.toContain('××县');
    // The earlier notice is untouched.
    expect(await pdfText(before.id)).toContain(squeeze(remediesDefault));
  });

  it('quotes the 社会救助暂行办法 before 2026-07-01', async () => {
    office.setNow('2026-03-20T02:00:00Z');
    const d = await office.issue({ kind: 'denial-notice', householdId: office.applicant.id });
    const text = await pdfText(d.id);
    expect(text).toContain('《社会救助暂行办法》');
    expect(text).not.toContain('《中华人民共和国社会救助法》');
  });

  it('is refused, in Chinese, without an ineligible saved determination', async () => {
    const r = await office.attempt({ kind: 'denial-notice', householdId: office.recipient.id });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'WORKFLOW', message: expect.stringContaining('不能出具不予批准通知书') });
  });
});

describe('stop notice', () => {
  it("carries the clerk's reason before the determination's reasons, and only for recipients", async () => {
    const d = await office.issue({ kind: 'stop-notice', householdId: office.recipient.id, options: { stopReason: '户主已于2026年10月死亡' } });
    const text = await pdfText(d.id);
    expect(text).toContain('最低生活保障金停发通知书');
    expect(text).toContain('本机关于2026年11月28日决定');
    expect(text).not.toContain('已不符合');
    expect((await detail(d.id)).snapshot).toMatchObject({ fromDetermination: false });
    expect(text).toContain('理由如下：1．户主已于2026年10月死亡');
    const [paid] = ok<SavedDetermination[]>(await office.call('determination-list', { householdId: office.recipient.id }));
    expect(text).toContain(`2026年12月起停发你户最低生活保障金（每月${paid!.monthlyTotal}元）`);
    // The saved determination still says 困难家庭: its trace is not quoted against the stop.
    expect(text).not.toContain('认定为困难家庭');

    // After a re-determination finds the family ineligible, its reasons follow the clerk's.
    const recipient = office.recipient;
    ok(await office.call('person-update', { id: recipient.members[0]!.id, person: { ...personFieldsOf(recipient.members[0]!), monthlyIncome: 5000 } }));
    const latest = ok<SavedDetermination>(await office.call('determination-save', { householdId: recipient.id }));
    expect(latest.category).toBe('ineligible');
    const second = await office.issue({ kind: 'stop-notice', householdId: recipient.id, options: { stopReason: '户主已稳定就业' } });
    const secondText = await pdfText(second.id);
    expect((await detail(second.id)).snapshot).toMatchObject({ fromDetermination: true });
    expect(secondText).toContain('理由如下：1．户主已稳定就业2．家庭月总收入');
    for (const reason of ineligibilityGrounds({ category: latest.category, reasons: latest.snapshot.result.reasons, assetsNote: null })!) expect(secondText).toContain(squeeze(reason));
    // The amount that stops is the one paid, not the new determination's nothing.
    expect(secondText).toContain(`（每月${paid!.monthlyTotal}元）`);
    const refused = await office.attempt({ kind: 'stop-notice', householdId: office.applicant.id, options: { stopReason: '无' } });
    expect(!refused.ok && refused.error.message).toBe('只有在保户才能出具停发通知书');
  });
});

describe('public sheet (公示)', () => {
  it('shows only the fields spec §9 allows: no ID number, address, phone, income or illness', async () => {
    const d = await office.issue({ kind: 'public-notice', villageId: office.village.id, options: { noticeKind: 'long-term', postingDays: 7 } });
    const snapshot = JSON.stringify((await detail(d.id)).snapshot);
    const text = await pdfText(d.id);
    expect(text).toContain('最低生活保障对象长期公示');
    expect(text).toContain('张三');
    expect(text).toContain('公示期：长期公示');
    expect(text).not.toContain('公示期为');
    expect(text).toContain('0550-7654321');
    for (const haystack of [snapshot, text]) {
      expect(haystack).not.toMatch(/\d{17}[\dX]/);
      for (const forbidden of [RECIPIENT_HEAD_ID, RECIPIENT_WIFE_ID, RECIPIENT_ADDRESS, RECIPIENT_PHONE, '桃树巷', String(RECIPIENT_INCOME), '317.50', '重病', '李秀兰']) {
        expect(haystack).not.toContain(forbidden);
      }
    }
    // The refused applicant is not on the list.
    expect(text).not.toContain('王富贵');
  });
});

describe('village registers and household forms', () => {
  it('lists refused households on annex 4 with the number of the denial notice issued to them', async () => {
    const notice = await office.issue({ kind: 'denial-notice', householdId: office.applicant.id });
    const d = await office.issue({ kind: 'ineligible-register', villageId: office.village.id });
    const text = await pdfText(d.id);
    expect(text).toContain('不符合低保对象登记表');
    expect(text).toContain('王富贵');
    expect(text).toContain(notice.documentNumber!);
    expect(text).not.toContain('张三');
  });

  it('prefills the home-visit form, authorization and declaration from the household', async () => {
    for (const [kind, title] of [
      ['home-visit-form', '最低生活保障入户调查表'],
      ['authorization', '家庭经济状况核对授权书'],
      ['declaration', '最低生活保障申请声明书'],
    ] as const) {
      const d = await office.issue({ kind, householdId: office.recipient.id });
      const text = await pdfText(d.id);
      expect(text, kind).toContain(title);
      expect(text, kind).toContain('张三');
      expect(text, kind).toContain(RECIPIENT_HEAD_ID);
    }
  });
});
