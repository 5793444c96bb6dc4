// Migration 14: 医保 lists of serious illness carry yearly amounts (年度医疗总费用, 个人自付金额). They are kept with
// the list row they came from, so that the self-paid amount offered as M (因病支出型, spec §2.3) names its source.
// Existing rows stay NULL: the older lists carried no amounts.
export const migration014 = `
ALTER TABLE screening_flags ADD COLUMN self_paid REAL CHECK (self_paid IS NULL OR self_paid >= 0);
ALTER TABLE screening_flags ADD COLUMN total_cost REAL CHECK (total_cost IS NULL OR total_cost >= 0);
`;
