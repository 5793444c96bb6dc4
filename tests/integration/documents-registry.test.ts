import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentDetail, DocumentPdf, DocumentView, Page } from '../../src/contract';
import { documentFiles } from '../../src/services/documents';
import { documentOffice, type Office } from '../helpers/document-office';
import { ok, person } from '../helpers/temp-app';

let office: Office;
beforeEach(async () => {
  office = await documentOffice();
});
afterEach(() => office.dispose());

const denial = () => office.issue({ kind: 'denial-notice', householdId: office.applicant.id });
const fileOf = (d: DocumentView) => join(office.dir, 'documents', String(d.year), d.kind, d.fileName);
const rowCount = () => (office.db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n;

describe('numbering', () => {
  it('is sequential per kind per year, and restarts in the next year', async () => {
    const a = await denial();
    const b = await denial();
    const visit = await office.issue({ kind: 'home-visit-form', householdId: office.recipient.id });
    const stop = await office.issue({ kind: 'stop-notice', householdId: office.recipient.id, options: { stopReason: '家庭成员已稳定就业' } });
    expect([a.documentNumber, b.documentNumber]).toEqual(['清河民低不批〔2026〕1号', '清河民低不批〔2026〕2号']);
    expect(stop.documentNumber).toBe('清河民低停发〔2026〕1号');
    // Forms carry no 文号 but are registered with their own sequence.
    expect(visit).toMatchObject({ documentNumber: null, seq: 1, fileName: 'home-visit-form-2026-0001.pdf' });
    // The download gets a Chinese name (issue 14); a notice's is its 文号.
    const visitPdf = ok<DocumentPdf>(await office.call('document-pdf', { id: visit.id }));
    expect(visitPdf.fileName).toBe(`入户调查表_${visit.subject.replace(/\s/g, '_')}_2026年第1份.pdf`);
    expect(ok<DocumentPdf>(await office.call('document-pdf', { id: a.id })).fileName).toBe('清河民低不批〔2026〕1号.pdf');

    office.setNow('2027-01-04T02:00:00Z');
    const next = await denial();
    expect(next).toMatchObject({ documentNumber: '清河民低不批〔2027〕1号', year: 2027, seq: 1 });
    expect(existsSync(fileOf(next))).toBe(true);
  });

  it('follows the configured pattern and prefixes', async () => {
    const state = ok<{ examples: Record<string, string> }>(
      await office.call('document-settings-update', {
        numberPattern: '{township}民〔{year}〕{kind}{seq}号',
        prefixes: { 'denial-notice': '低否', 'stop-notice': '低停', 'public-notice': '低示' },
        townshipAbbr: '清',
        fontPath: null,
        fontBoldPath: null,
      }),
    );
    expect(state.examples['denial-notice']).toBe('清民〔2026〕低否1号');
    expect((await denial()).documentNumber).toBe('清民〔2026〕低否1号');
    const bad = await office.call('document-settings-update', {
      numberPattern: '{township}〔{year}〕号',
      prefixes: { 'denial-notice': '不批', 'stop-notice': '停发', 'public-notice': '公示' },
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.fields?.[0]?.path).toBe('numberPattern');
      // The clerk is told in Chinese which parts are missing, never shown {kind} or {seq}.
      expect(bad.error.message).toContain('【文书类别代字】【序号】');
      expect(bad.error.message).not.toMatch(/[{}]/);
    }
    const unknown = await office.call('document-settings-update', {
      numberPattern: '{township}{kind}〔{year}〕{no}{seq}号',
      prefixes: { 'denial-notice': '不批', 'stop-notice': '停发', 'public-notice': '公示' },
    });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error.message).toContain('无法识别的组成部分“{no}”');
    // A refused pattern changes nothing.
    expect((await denial()).documentNumber).toBe('清民〔2026〕低否2号');
  });
});

describe('the stored file', () => {
  it('is written under documents/<year>/<kind>/ with its SHA-256; a reprint returns exactly the stored bytes', async () => {
    const d = await denial();
    const stored = readFileSync(fileOf(d));
    expect(createHash('sha256').update(stored).digest('hex')).toBe(d.sha256);
    expect(stored.length).toBe(d.size);
    const reprint = ok<DocumentPdf>(await office.call('document-pdf', { id: d.id }));
    expect(reprint.sha256).toBe(d.sha256);
    expect(Buffer.from(reprint.base64, 'base64').equals(stored)).toBe(true);
    // No temp files left behind.
    expect(readdirSync(join(office.dir, 'documents', '2026', 'denial-notice'))).toEqual([d.fileName]);
  });

  it('refuses to reprint a tampered or missing file with INTEGRITY', async () => {
    const d = await denial();
    const bytes = readFileSync(fileOf(d));
    bytes[bytes.length - 20]! ^= 0x01;
    writeFileSync(fileOf(d), bytes);
    const tampered = await office.call('document-pdf', { id: d.id });
    expect(tampered.ok).toBe(false);
    if (!tampered.ok) expect(tampered.error).toMatchObject({ code: 'INTEGRITY', message: expect.stringContaining('SHA-256') });
    rmSync(fileOf(d));
    const missing = await office.call('document-pdf', { id: d.id });
    expect(!missing.ok && missing.error.code).toBe('INTEGRITY');
  });

  it('registers nothing when the file cannot be written (the folder is blocked by a file)', async () => {
    // Running as root, chmod would not stop the write: a plain file where the year folder should be does.
    mkdirSync(join(office.dir, 'documents'), { recursive: true });
    writeFileSync(join(office.dir, 'documents', '2026'), 'not a folder');
    const r = await office.attempt({ kind: 'denial-notice', householdId: office.applicant.id });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('文书未出具');
    expect(rowCount()).toBe(0);
  });

  it('registers nothing and leaves no file when the rename fails', async () => {
    const rename = documentFiles.rename;
    documentFiles.rename = () => Promise.reject(Object.assign(new Error('EIO'), { code: 'EIO' }));
    try {
      const r = await office.attempt({ kind: 'denial-notice', householdId: office.applicant.id });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message).toContain('EIO');
    } finally {
      documentFiles.rename = rename;
    }
    expect(rowCount()).toBe(0);
    expect(readdirSync(join(office.dir, 'documents', '2026', 'denial-notice'))).toEqual([]);
    // The number was not consumed.
    expect((await denial()).documentNumber).toBe('清河民低不批〔2026〕1号');
  });

  it('keeps issues that run at the same time in order, each with its own number and file', async () => {
    const all = await Promise.all([denial(), denial(), denial()]);
    expect(all.map((d) => d.seq).sort()).toEqual([1, 2, 3]);
    expect(new Set(all.map((d) => d.sha256)).size).toBe(3);
  });
});

describe('immutability and corrections', () => {
  it('a correction is a new number referencing the old document, which stays unchanged', async () => {
    const old = await office.issue({ kind: 'stop-notice', householdId: office.recipient.id, options: { stopReason: '家庭成员已稳定就业' } });
    const oldBytes = readFileSync(fileOf(old));
    const fixed = ok<DocumentView>(await office.call('document-correct', { id: old.id, options: { stopReason: '家庭成员已在县城稳定就业，月收入3500元' } }));
    expect(fixed).toMatchObject({ supersedesId: old.id, supersedesNumber: old.documentNumber, documentNumber: '清河民低停发〔2026〕2号' });
    const detail = ok<DocumentDetail>(await office.call('document-get', { id: fixed.id }));
    expect((detail.snapshot as { reasons: string[] }).reasons[0]).toBe('家庭成员已在县城稳定就业，月收入3500元');

    const oldNow = ok<DocumentDetail>(await office.call('document-get', { id: old.id }));
    expect(oldNow).toMatchObject({ sha256: old.sha256, documentNumber: old.documentNumber, supersededById: fixed.id });
    expect((oldNow.snapshot as { reasons: string[] }).reasons[0]).toBe('家庭成员已稳定就业');
    expect(readFileSync(fileOf(old)).equals(oldBytes)).toBe(true);

    const again = await office.call('document-correct', { id: old.id });
    expect(!again.ok && again.error.code).toBe('CONFLICT');
    expect(() => office.db.prepare('UPDATE documents SET sha256 = ?').run('0'.repeat(64))).toThrow(/不可修改/);
    expect(() => office.db.prepare('DELETE FROM documents').run()).toThrow(/不可删除/);
  });

  it('the snapshot survives later edits of the household; the audit log records the issue', async () => {
    const d = await office.issue({ kind: 'home-visit-form', householdId: office.recipient.id });
    ok(await office.call('household-update', { id: office.recipient.id, villageId: office.village.id, address: '新地址88号', phone: null, note: null, groupName: null }));
    const detail = ok<DocumentDetail>(await office.call('document-get', { id: d.id }));
    expect((detail.snapshot as { address: string }).address).toBe('东山村一组桃树巷17号');
    const audit = ok<Page<{ command: string; entityId: number }>>(await office.call('audit-list', { entityType: 'document' }));
    expect(audit.items[0]).toMatchObject({ command: 'document-issue', entityId: d.id });
  });

  it('lists by household, village and kind, newest first', async () => {
    await denial();
    await office.issue({ kind: 'home-visit-form', householdId: office.recipient.id });
    await office.issue({ kind: 'public-notice', villageId: office.village.id, options: { noticeKind: 'long-term' } });
    const list = async (input: object) => ok<Page<DocumentView>>(await office.call('document-list', input));
    const byHousehold = await list({ householdId: office.recipient.id });
    expect(byHousehold.items.map((d) => d.kind)).toEqual(['home-visit-form']);
    expect((await list({ villageId: office.village.id })).total).toBe(3);
    expect((await list({ kind: 'public-notice' })).items[0]?.subject).toBe('东山村');
  });
});

describe('roles', () => {
  it('lets every role list and view, only office roles issue, only the administrator change texts', async () => {
    const d = await denial();
    const cadre = { id: 7, name: '村干部甲', role: 'cadre' as const, villageId: office.village.id };
    expect((await office.call('document-list', {}, cadre)).ok).toBe(true);
    expect((await office.call('document-pdf', { id: d.id }, cadre)).ok).toBe(true);
    const r = await office.call('document-issue', { kind: 'home-visit-form', householdId: office.recipient.id }, cadre);
    expect(!r.ok && r.error.code).toBe('FORBIDDEN');
    const clerk = { id: 8, name: '经办员乙', role: 'clerk' as const };
    expect((await office.call('document-issue', { kind: 'home-visit-form', householdId: office.recipient.id }, clerk)).ok).toBe(true);
    const t = await office.call('legal-text-add', { key: 'remedies', effectiveFrom: '2027-01-01', text: '如对本决定不服，可以依法申请行政复议或者提起行政诉讼。' }, clerk);
    expect(!t.ok && t.error.code).toBe('FORBIDDEN');
  });
});

describe('households with documents', () => {
  it('cannot be deleted: the issued documents must stay traceable to them', async () => {
    const h = ok<{ id: number }>(
      await office.call('household-create', { villageId: office.village.id, address: '东山村一组9号', head: person('赵六', '99010119800101001', { relation: '户主' }) }),
    );
    await office.issue({ kind: 'home-visit-form', householdId: h.id });
    const r = await office.call('household-delete', { id: h.id });
    expect(!r.ok && r.error).toMatchObject({ code: 'WORKFLOW', message: '该户已出具过文书，档案须留存备查，不能删除' });
  });
});
