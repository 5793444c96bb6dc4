// The spec §10 evaluation file: defaults, policy merge, and one issue per problem with its path.
import { describe, expect, it } from 'vitest';
import { parseEvaluationFile, resolvePolicy } from '../../src/contract/evaluation';
import { computeCheckChar } from '../../src/domain/id-number';
import { DEFAULT_POLICY } from '../../src/domain/policy';

const file = (household: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  evaluationDate: '2020-03-20',
  household: {
    assetsCompliant: true,
    members: [{ name: '张某', idNumber: '340000194801010011', monthlyIncome: 300 }],
    ...household,
  },
  ...extra,
});

const pathsOf = (raw: unknown) => {
  const r = parseEvaluationFile(raw);
  if (r.ok) throw new Error('expected issues');
  return r.issues.map((i) => `${i.path}: ${i.message}`);
};

describe('parseEvaluationFile', () => {
  it('fills member defaults and the default policy', () => {
    const r = parseEvaluationFile(file({}));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.policy).toBe(DEFAULT_POLICY);
    expect(r.value.household).toEqual({
      assetsCompliant: true,
      otherMonthlyIncome: 0,
      singleCoverIndex: null,
      medical: null,
      members: [
        {
          name: '张某',
          idNumber: '340000194801010011',
          birthDate: null,
          monthlyIncome: 300,
          disabilityType: null,
          disabilityLevel: null,
          seriousIllness: false,
          severeDisabilityNoSelfCare: false,
          mentalHospitalized: false,
          laborCapacity: 'full',
          threeNo: false,
          hiv: false,
          collegeStudent: false,
          priorityCare: false,
        },
      ],
    });
  });

  it('merges a partial policy over the defaults and labels it', () => {
    const p = resolvePolicy({ standard: 650, classUplift: { B: { mode: 'fixed', value: 30 } } }, '2021-01-05');
    expect(p).toMatchObject({
      version: 'custom@2021-01-05',
      standard: 650,
      singleCoverAmount: null,
      lowIncomeMultiplier: 2,
      classUplift: { A: DEFAULT_POLICY.classUplift.A, B: { mode: 'fixed', value: 30 }, C: { mode: 'none' } },
    });
    expect(resolvePolicy({ version: '2021版' }, '2021-01-05').version).toBe('2021版');
  });

  it('converts a lower-case x and a 15-digit number, with a warning for the latter', () => {
    // 15-digit 340000480101001 → 340000 19 480101001 + check.
    const r = parseEvaluationFile(file({ members: [{ name: '张某', idNumber: '340000480101001', monthlyIncome: 0 }] }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.household.members[0]?.idNumber).toBe('340000194801010011');
    expect(r.value.warnings).toEqual([expect.stringContaining('15位旧身份证号码已转换为18位')]);
  });

  it('reports every problem with its path', () => {
    expect(
      pathsOf(
        file({
          assetsCompliant: undefined,
          singleCoverIndex: 3,
          medical: { selfPaidLast12Months: 100 },
          members: [
            { name: '甲', idNumber: '341221195503150023', monthlyIncome: -1 },
            { name: '乙', birthDate: '2021-01-01', monthlyIncome: 1.005 },
            { name: '丙', monthlyIncome: 0, disabilityType: 'mental' },
          ],
        }),
      ),
    ).toEqual(
      expect.arrayContaining([
        'household.assetsCompliant: 请填写家庭财产状况核对结论（true 或 false）',
        'household.members[0].monthlyIncome: 金额不能为负数',
        'household.members[1].monthlyIncome: 金额最多保留两位小数',
        'household.members[2].disabilityLevel: 残疾类别和残疾等级须同时填写',
        'household.members[2].birthDate: 无法确定年龄：出生日期和身份证号码至少填写一项',
        'household.singleCoverIndex: 成员序号 3 不存在（共 3 人，序号从0开始）',
        'household.medical.patientIndex: 有自负医疗费用时须指定患病成员',
        'household.medical.disposableIncomeLast12Months: 有自负医疗费用时须填写前12个月家庭可支配收入',
        'household.members[0].idNumber: 校验码错误',
        'household.members[1].birthDate: 出生日期晚于测算日期',
      ]),
    );
  });

  it('rejects a missing household, a bad date, an unknown enum and a bad policy', () => {
    expect(pathsOf({ evaluationDate: '2020-02-30' })).toEqual([
      'evaluationDate: 测算日期无效（应为YYYY-MM-DD格式的真实日期）',
      'household: 请填写家庭情况（household）',
    ]);
    expect(pathsOf(file({ members: [{ name: '甲', birthDate: '1980-01-01', monthlyIncome: 0, laborCapacity: 'some' }] }))).toEqual([
      'household.members[0].laborCapacity: 劳动能力无效（full、partial 或 none）',
    ]);
    expect(pathsOf(file({}, { policy: { standard: -1, classUplift: { A: { mode: 'fixed' } } } }))).toEqual([
      'policy.standard: 低保标准应大于0',
      'policy.classUplift.A.value: 请填写上浮值',
    ]);
    expect(pathsOf(file({ members: [] }))).toEqual(['household.members: 家庭成员至少1人']);
    expect(pathsOf([1, 2])).toHaveLength(1);
  });

  it('an ID number born after the evaluation date is refused', () => {
    // A valid number of someone born 2020-05-20, after the evaluation date 2020-03-20.
    const idNumber = '34122120200520001' + computeCheckChar('34122120200520001');
    expect(pathsOf(file({ members: [{ name: '甲', idNumber, monthlyIncome: 0 }] }))).toEqual([
      'household.members[0].idNumber: 出生日期晚于测算日期',
    ]);
  });
});
