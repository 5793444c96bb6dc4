import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AttachmentView, CaseDetail, HomeVisitView } from '../../src/contract';
import { ok } from '../helpers/temp-app';
import { cadreOf, clerk, leader, setup, toHomeVisit, type Setup } from '../helpers/case-steps';

let s: Setup;
beforeEach(async () => {
  s = await setup();
});
afterEach(() => s.app.dispose());

const full = (over: Record<string, unknown> = {}) => ({
  caseId: s.caseId,
  visitDate: '2026-03-09',
  investigators: ['刘调查', '陈调查'],
  familyMemberPresent: '张三',
  membersSeen: [s.household.members[0]!.id],
  incomes: [{ personId: s.household.members[0]!.id, farming: 200, pension: 120 }],
  housing: '砖混平房三间，约80平方米',
  appliances: '电视机、冰箱各一台',
  vehicles: '无',
  livingConditions: '家庭生活困难',
  findings: '情况属实',
  ...over,
});

// 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

describe('入户调查', () => {
  it('refuses one investigator or no family member, and moves to 初审 when the record is complete', async () => {
    await toHomeVisit(s);
    const cadre = cadreOf(s.villageId);
    const one = ok<HomeVisitView>(await s.app.call('case-home-visit-save', full({ investigators: ['刘调查', ' 刘调查 '], familyMemberPresent: '' }), cadre));
    expect(one.missing).toEqual(['入户调查须至少两名调查人员签字', '须由在场的家庭成员签字确认']);
    const refused = await s.app.call('case-record-home-visit', { caseId: s.caseId }, cadre);
    expect(refused).toMatchObject({ ok: false, error: { code: 'WORKFLOW', message: expect.stringContaining('入户调查须至少两名调查人员签字') } });

    const saved = ok<HomeVisitView>(await s.app.call('case-home-visit-save', full(), cadre));
    expect(saved.missing).toEqual([]);
    expect(saved.record).toMatchObject({ investigators: ['刘调查', '陈调查'], incomes: [{ farming: 200, pension: 120, wages: 0 }] });
    expect(saved.updatedBy).toBe('村干部');
    const d = ok<CaseDetail>(await s.app.call('case-record-home-visit', { caseId: s.caseId }, cadre));
    expect(d.state).toBe('preliminary-review');
    expect(d.events.at(-1)).toMatchObject({ action: 'record-home-visit', toState: 'preliminary-review', data: { investigators: ['刘调查', '陈调查'], familyMemberPresent: '张三' } });
    expect(await s.app.call('case-home-visit-save', full(), cadre)).toMatchObject({ ok: false, error: { code: 'WORKFLOW' } });
  });

  it('a future visit date is refused', async () => {
    await toHomeVisit(s);
    const v = ok<HomeVisitView>(await s.app.call('case-home-visit-save', full({ visitDate: '2026-03-11' }), clerk));
    expect(v.missing).toEqual([expect.stringMatching(/^调查日期（2026-03-11）不能晚于今天（2026-03-1\d）$/)]);
  });

  it('a declared 近亲属 case needs every member seen (full home visit)', async () => {
    await toHomeVisit(s, { isStaffRelative: true, staffRelativeOf: '王五', staffRelativePost: '村委会委员', staffRelation: '兄弟' });
    const partial = ok<HomeVisitView>(await s.app.call('case-home-visit-save', full(), clerk));
    expect(partial.requiresFullVisit).toBe(true);
    expect(partial.missing).toEqual([expect.stringContaining('须全面入户调查，以下成员尚未见面核实：李四')]);
    expect(await s.app.call('case-record-home-visit', { caseId: s.caseId }, clerk)).toMatchObject({ ok: false, error: { code: 'WORKFLOW', message: expect.stringContaining('李四') } });
    ok(await s.app.call('case-home-visit-save', full({ membersSeen: s.household.members.map((m) => m.id) }), clerk));
    expect(ok<CaseDetail>(await s.app.call('case-record-home-visit', { caseId: s.caseId }, clerk)).state).toBe('preliminary-review');
  });

  it('refuses the wrong role, a cadre of another village and the wrong state', async () => {
    expect(await s.app.call('case-record-home-visit', { caseId: s.caseId }, clerk)).toMatchObject({ ok: false, error: { code: 'WORKFLOW', message: expect.stringContaining('「申请」阶段') } });
    await toHomeVisit(s);
    ok(await s.app.call('case-home-visit-save', full(), clerk));
    expect(await s.app.call('case-record-home-visit', { caseId: s.caseId }, leader)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await s.app.call('case-record-home-visit', { caseId: s.caseId }, cadreOf(s.otherVillageId))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await s.app.call('case-home-visit-save', full(), cadreOf(s.otherVillageId))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('attachments', () => {
  it('stores a PNG under attachments/<caseId>/ with its SHA-256 and size, and reads it back checked', async () => {
    await toHomeVisit(s);
    const a = ok<AttachmentView>(await s.app.call('case-attachment-upload', { caseId: s.caseId, fileName: '入户调查表（签字）.png', base64: PNG.toString('base64') }, cadreOf(s.villageId)));
    const sha = createHash('sha256').update(PNG).digest('hex');
    expect(a).toMatchObject({ caseId: s.caseId, step: 'home-visit', mime: 'image/png', size: PNG.length, sha256: sha, fileName: '入户调查表（签字）.png', uploadedBy: '村干部' });
    const row = s.app.db.prepare('SELECT rel_path FROM case_attachments WHERE id = ?').get(a.id) as { rel_path: string };
    expect(row.rel_path).toMatch(new RegExp(`^attachments/${s.caseId}/[0-9a-f]{16}-[0-9a-f]{8}\\.png$`));
    expect(readFileSync(join(s.app.dir, ...row.rel_path.split('/'))).equals(PNG)).toBe(true);
    const back = ok<AttachmentView & { base64: string }>(await s.app.call('case-attachment-get', { id: a.id }, clerk));
    expect(Buffer.from(back.base64, 'base64').equals(PNG)).toBe(true);
    expect(ok<AttachmentView[]>(await s.app.call('case-attachment-list', { caseId: s.caseId }, clerk))).toHaveLength(1);
    expect(await s.app.call('case-attachment-get', { id: a.id }, cadreOf(s.otherVillageId))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('accepts JPEG and PDF by their first bytes, refuses anything else whatever its name, and files over 10 MB', async () => {
    await toHomeVisit(s);
    const up = (fileName: string, bytes: Buffer) => s.app.call('case-attachment-upload', { caseId: s.caseId, fileName, base64: bytes.toString('base64') }, clerk);
    expect(ok<AttachmentView>(await up('a.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).mime).toBe('image/jpeg');
    expect(ok<AttachmentView>(await up('a.pdf', Buffer.from('%PDF-1.4\n%%EOF\n'))).mime).toBe('application/pdf');
    expect(await up('fake.png', Buffer.from('GIF89a....'))).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('PNG、JPEG') } });
    expect(await up('evil.pdf', Buffer.from('MZ\x90\x00'))).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const big = Buffer.alloc(10 * 1024 * 1024 + 1);
    PNG.copy(big);
    expect(await up('big.png', big)).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: '附件不能超过10MB' } });
    expect(ok<AttachmentView[]>(await s.app.call('case-attachment-list', { caseId: s.caseId }, clerk))).toHaveLength(2);
  });

  it('refuses uploads by those who may not act on the step, and detects a changed file', async () => {
    await toHomeVisit(s);
    expect(await s.app.call('case-attachment-upload', { caseId: s.caseId, fileName: 'a.png', base64: PNG.toString('base64') }, leader)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const a = ok<AttachmentView>(await s.app.call('case-attachment-upload', { caseId: s.caseId, fileName: 'a.png', base64: PNG.toString('base64') }, clerk));
    const row = s.app.db.prepare('SELECT rel_path FROM case_attachments WHERE id = ?').get(a.id) as { rel_path: string };
    writeFileSync(join(s.app.dir, ...row.rel_path.split('/')), Buffer.concat([PNG, Buffer.from([0])]));
    expect(await s.app.call('case-attachment-get', { id: a.id }, clerk)).toMatchObject({ ok: false, error: { code: 'INTEGRITY' } });
  });
});
