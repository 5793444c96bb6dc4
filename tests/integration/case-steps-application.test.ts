import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApplicationView, CaseDetail, DocumentDetail, DocumentView, MaterialItem } from '../../src/contract';
import { validId, ok } from '../helpers/temp-app';
import { admin, cadreOf, clerk, completeApplication, HEAD_ID, leader, setup, type Setup } from '../helpers/case-steps';

let s: Setup;
beforeEach(async () => {
  s = await setup();
});
afterEach(() => s.app.dispose());

const get = async (actor = clerk) => ok<ApplicationView>(await s.app.call('case-application-get', { caseId: s.caseId }, actor));

describe('申请: materials, signatures and submitting', () => {
  it('starts with the plan’s checklist, all missing, and refuses to submit listing everything missing', async () => {
    const v = await get();
    expect(v.materials.map((m) => m.label)).toEqual(['申请声明书', '家庭经济状况核对授权书', '法定赡抚扶养人相关信息', '户口簿及身份证复印件', '残疾证复印件（如有）', '医疗费用票据（如有）']);
    expect(v.materials.filter((m) => m.required)).toHaveLength(4);
    expect(v.canEdit).toBe(true);
    const r = await s.app.call('case-submit-application', { caseId: s.caseId }, clerk);
    expect(r).toMatchObject({ ok: false, error: { code: 'WORKFLOW' } });
    const msg = (r as { error: { message: string } }).error.message;
    expect(msg).toContain('缺少申请材料：申请声明书、家庭经济状况核对授权书、法定赡抚扶养人相关信息、户口簿及身份证复印件');
    expect(msg).toContain('村书记尚未签字确认');
    expect(msg).toContain('分片村干部尚未签字确认');
    expect(msg).not.toContain('残疾证');
  });

  it('records who ticked each material and when; refuses with only one signature; submits with both', async () => {
    const cadre = cadreOf(s.villageId);
    const first = (await get()).materials[0]!;
    const ticked = ok<ApplicationView>(await s.app.call('case-material-set', { caseId: s.caseId, key: first.key, received: true }, cadre));
    expect(ticked.materials[0]).toMatchObject({ received: true, updatedBy: '村干部', updatedAt: '2026-03-10T08:00:00.000Z' });
    await completeApplication(s);
    ok(await s.app.call('case-application-update', { caseId: s.caseId, secretary: { name: '王书记', date: '2026-03-06' }, cadre: null }, clerk));
    const oneSig = await s.app.call('case-submit-application', { caseId: s.caseId }, cadre);
    expect(oneSig).toMatchObject({ ok: false, error: { message: expect.stringContaining('分片村干部尚未签字确认') } });
    expect((oneSig as { error: { message: string } }).error.message).not.toContain('缺少申请材料');
    ok(await s.app.call('case-application-update', { caseId: s.caseId, secretary: { name: '王书记', date: '2026-03-06' }, cadre: { name: '赵干部', date: '2026-03-07' } }, clerk));
    const d = ok<CaseDetail>(await s.app.call('case-submit-application', { caseId: s.caseId, note: '材料齐全' }, cadre));
    expect(d.state).toBe('verification');
    expect(d.events.at(-1)).toMatchObject({ action: 'submit-application', fromState: 'application', toState: 'verification', actor: '村干部', note: '材料齐全' });
    // The step's data is frozen once the case moved on.
    expect(await s.app.call('case-material-set', { caseId: s.caseId, key: first.key, received: false }, clerk)).toMatchObject({ ok: false, error: { code: 'WORKFLOW' } });
    expect(await s.app.call('case-submit-application', { caseId: s.caseId }, clerk)).toMatchObject({ ok: false, error: { code: 'WORKFLOW', message: expect.stringContaining('「经济状况核对」阶段') } });
  });

  it('refuses the wrong role and a cadre of another village', async () => {
    await completeApplication(s);
    expect(await s.app.call('case-submit-application', { caseId: s.caseId }, leader)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await s.app.call('case-submit-application', { caseId: s.caseId }, cadreOf(s.otherVillageId))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await s.app.call('case-material-set', { caseId: s.caseId, key: 'declaration', received: true }, cadreOf(s.otherVillageId))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await s.app.call('case-application-get', { caseId: s.caseId }, cadreOf(s.otherVillageId))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await get(leader)).canEdit).toBe(false);
  });

  it('validates supporters’ ID numbers with the domain rules and keeps them with the case', async () => {
    const good = validId('99010119850101001');
    const wrongCheck = good.slice(0, 17) + (good.endsWith('1') ? '2' : '1');
    const bad = await s.app.call('case-supporter-add', { caseId: s.caseId, name: '张大', relation: '儿子', idNumber: wrongCheck, monthlyIncome: 2000 }, clerk);
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: [{ path: 'idNumber', message: '校验码错误' }] } });
    const added = ok<ApplicationView>(
      await s.app.call(
        'case-supporter-add',
        { caseId: s.caseId, name: '张大', relation: '儿子', idNumber: validId('99010119850101001').toLowerCase(), phone: '13800000000', monthlyIncome: 2500, supportProvided: '每月给付赡养费300元' },
        clerk,
      ),
    );
    expect(added.supporters).toEqual([expect.objectContaining({ name: '张大', monthlyIncome: 2500, idNumber: validId('99010119850101001'), createdBy: '民政所经办员' })]);
    const dup = await s.app.call('case-supporter-add', { caseId: s.caseId, name: '张大', relation: '儿子', idNumber: validId('99010119850101001') }, clerk);
    expect(dup).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const removed = ok<ApplicationView>(await s.app.call('case-supporter-remove', { caseId: s.caseId, id: added.supporters[0]!.id }, clerk));
    expect(removed.supporters).toEqual([]);
  });

  it('the 近亲属 declaration needs whom and what relation', async () => {
    const r = await s.app.call('case-application-update', { caseId: s.caseId, isStaffRelative: true }, clerk);
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const paths = (r as { error: { fields: { path: string }[] } }).error.fields.map((f) => f.path);
    expect(paths).toEqual(['staffRelativeOf', 'staffRelativePost', 'staffRelation']);
    const v = ok<ApplicationView>(await s.app.call('case-application-update', { caseId: s.caseId, isStaffRelative: true, staffRelativeOf: '王五', staffRelativePost: '村委会委员', staffRelation: '兄弟' }, clerk));
    expect(v).toMatchObject({ isStaffRelative: true, staffRelativeOf: '王五', staffRelativePost: '村委会委员', staffRelation: '兄弟' });
  });

  it('the materials checklist is an admin setting; keys stay with their items', async () => {
    const items = ok<MaterialItem[]>(await s.app.call('materials-settings-get', {}, clerk));
    expect(await s.app.call('materials-settings-update', { items }, clerk)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const next = ok<MaterialItem[]>(
      await s.app.call(
        'materials-settings-update',
        { items: [...items.slice(0, 3).map((i) => ({ ...i, required: i.key !== 'supporters' })), { label: '低保申请审批表', required: true }] },
        admin,
      ),
    );
    expect(next.map((i) => i.key)).toEqual(['declaration', 'authorization', 'supporters', 'item-1']);
    const v = await get();
    expect(v.missing[0]).toBe('缺少申请材料：申请声明书、家庭经济状况核对授权书、低保申请审批表');
    expect(await s.app.call('materials-settings-update', { items: [{ label: '甲' }, { label: '甲' }] }, admin)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('issues 附件2 and 附件3 for the campaign’s cases of a village through the documents registry', async () => {
    ok(await s.app.call('case-application-update', { caseId: s.caseId, isStaffRelative: true, staffRelativeOf: '王五', staffRelativePost: '村委会委员', staffRelation: '兄弟' }, clerk));
    const filing = ok<DocumentView>(await s.app.call('case-annex-issue', { campaignId: s.campaign.id, villageId: s.villageId, kind: 'filing-register' }, clerk));
    expect(filing.kind).toBe('filing-register');
    expect(existsSync(join(s.app.dir, 'documents', '2026', 'filing-register'))).toBe(true);
    const detail = ok<DocumentDetail>(await s.app.call('document-get', { id: filing.id }, clerk));
    expect(detail.snapshot).toMatchObject({ campaignId: s.campaign.id, rows: [{ headName: '张三', isStaffRelative: true, officialName: '王五', officialPost: '村委会委员', relation: '兄弟', householdSize: 2 }] });
    // The head's ID number, and whether the home visit saw every member (none recorded yet at the application step).
    expect(detail.snapshot).toMatchObject({ rows: [{ headIdNumber: HEAD_ID, fullHomeVisit: null }] });
    const summary = ok<DocumentView>(await s.app.call('case-annex-issue', { campaignId: s.campaign.id, villageId: s.villageId, kind: 'person-summary' }, clerk));
    const sd = ok<DocumentDetail>(await s.app.call('document-get', { id: summary.id }, clerk));
    expect((sd.snapshot as { rows: { name: string; applicationType: string }[] }).rows.map((r) => [r.name, r.applicationType])).toEqual([
      ['张三', '新申请'],
      ['李四', '新申请'],
    ]);
    const pdf = readFileSync(join(s.app.dir, 'documents', '2026', 'person-summary', summary.fileName));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(await s.app.call('case-annex-issue', { campaignId: s.campaign.id, villageId: s.otherVillageId, kind: 'filing-register' }, clerk)).toMatchObject({
      ok: false,
      error: { code: 'WORKFLOW' },
    });
    expect(await s.app.call('case-annex-issue', { campaignId: s.campaign.id, villageId: s.villageId, kind: 'filing-register' }, cadreOf(s.villageId))).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  }, 30_000);
});
