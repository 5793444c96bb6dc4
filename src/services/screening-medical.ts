// M for 因病支出型 (spec §2.3) from a 医保 list (issue 18): the list's 个人自付金额 of a household member is offered
// as the household's self-paid medical cost, never written silently — the clerk confirms it on the facts panel, and
// the audit row names the list and row it came from.
import { AppError, type HouseholdFacts, type MedicalProposal } from '../contract';
import { getHouseholdFacts, updateHouseholdFacts } from '../store/households';
import { latestMedicalAmounts, type MedicalAmountRow } from '../store/screening';
import { audit } from './audit';
import { nowIso, type Ctx } from './context';
import { requireHousehold } from './households';

const sourceText = (r: MedicalAmountRow) => `医保部门名单「${r.fileName}」第${r.rowNumber}行（个人自付金额）`;

export function medicalProposals(ctx: Ctx, input: { householdId: number }): MedicalProposal[] {
  requireHousehold(ctx, input.householdId);
  const facts = getHouseholdFacts(ctx.db, input.householdId)!;
  return latestMedicalAmounts(ctx.db, input.householdId).map((r) => ({
    batchId: r.batchId,
    fileName: r.fileName,
    importedAt: r.importedAt,
    rowNumber: r.rowNumber,
    personId: r.personId,
    personName: r.personName,
    diagnosis: r.detail,
    selfPaid: r.selfPaid!,
    totalCost: r.totalCost,
    sourceText: sourceText(r),
    isConfirmed: facts.medicalSelfPaid === r.selfPaid && facts.medicalPatientPersonId === r.personId,
  }));
}

/** Writes the proposed amount as M and the member as the patient; Y (近12个月可支配收入) stays the clerk's to enter. */
export function medicalProposalAccept(ctx: Ctx, input: { householdId: number; batchId: number; personId: number }): HouseholdFacts {
  return ctx.db.transaction(() => {
    requireHousehold(ctx, input.householdId);
    const row = latestMedicalAmounts(ctx.db, input.householdId).find((r) => r.batchId === input.batchId && r.personId === input.personId);
    if (!row) {
      throw new AppError('WORKFLOW', '该金额已不是最新医保名单中本户成员的金额，请刷新后重试', [{ path: 'batchId', message: '不是最新医保名单' }]);
    }
    const before = getHouseholdFacts(ctx.db, input.householdId)!;
    const after: HouseholdFacts = { ...before, medicalSelfPaid: row.selfPaid, medicalPatientPersonId: row.personId };
    updateHouseholdFacts(ctx.db, input.householdId, after, nowIso(ctx.clock));
    audit(ctx, 'screening-medical-accept', 'household', input.householdId, before, { ...after, source: sourceText(row) });
    return after;
  })();
}
