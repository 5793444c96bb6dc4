import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentDetail, DocumentPdf, LegalTextView, SavedDetermination } from '../../src/contract';
import { personFieldsOf } from '../../src/contract';
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
import { ok } from '../helpers/temp-app';

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
const remediesDefault = DEFAULT_LEGAL_TEXTS.find((t) => t.key === 'remedies')!.text;

describe('denial notice', () => {
  it("quotes the saved determination's reasons, the legal basis and the remedies in force on the issue date", async () => {
    const [saved] = ok<SavedDetermination[]>(await office.call('determination-list', { householdId: office.applicant.id }));
    expect(saved?.category).toBe('ineligible');
    const d = await office.issue({ kind: 'denial-notice', householdId: office.applicant.id });
    const text = await pdfText(d.id);
    expect(text).toContain('最低生活保障待遇不予批准通知书');
    expect(text).toContain('清河民低不批〔2026〕1号');
    for (const reason of saved!.snapshot.result.reasons) expect(text).toContain(squeeze(reason));
    expect(text).toContain(squeeze(remediesDefault));
    expect(text).toContain('《中华人民共和国行政复议法》（2023年修订）第二十条');
    // Issued after 2026-07-01: the national 社会救助法 is the legal basis.
    expect(text).toContain('《中华人民共和国社会救助法》');
    expect(text).toContain('0550-1234567');
    expect((await detail(d.id)).snapshot).toMatchObject({ reasons: saved!.snapshot.result.reasons, remedies: remediesDefault });
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
    expect(text).toContain('理由如下：1．户主已于2026年10月死亡');
    expect(text).toContain('2026年12月起停发');
    // The saved determination still says 困难家庭: its trace is not quoted against the stop.
    expect(text).not.toContain('认定为困难家庭');

    // After a re-determination finds the family ineligible, its reasons follow the clerk's.
    const recipient = office.recipient;
    ok(await office.call('person-update', { id: recipient.members[0]!.id, person: { ...personFieldsOf(recipient.members[0]!), monthlyIncome: 5000 } }));
    const latest = ok<SavedDetermination>(await office.call('determination-save', { householdId: recipient.id }));
    expect(latest.category).toBe('ineligible');
    const second = await office.issue({ kind: 'stop-notice', householdId: recipient.id, options: { stopReason: '户主已稳定就业' } });
    const secondText = await pdfText(second.id);
    expect(secondText).toContain('理由如下：1．户主已稳定就业2．');
    for (const reason of latest.snapshot.result.reasons) expect(secondText).toContain(squeeze(reason));
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
    expect(text).toContain('2026年11月28日至2026年12月4日');
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
