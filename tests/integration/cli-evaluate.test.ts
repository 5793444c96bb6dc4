// `dibao evaluate` (spec §10): exit codes, stdout and stderr, driven through runEvaluate with in-memory io,
// plus one spawn of the real CLI entry point.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runEvaluate } from '../../src/cli/evaluate';

const ROOT = resolve(import.meta.dirname, '../..');
const FIXTURES = join(ROOT, 'tests/fixtures/evaluate');
const fixture = (name: string) => join(FIXTURES, name);

async function evaluate(args: string[], stdinText = '') {
  let stdout = '';
  let stderr = '';
  const code = await runEvaluate(args, {
    stdin: Readable.from([Buffer.from(stdinText)]),
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
  });
  return { code, stdout, stderr };
}

describe('runEvaluate: good files', () => {
  it.each([
    // The spec §10 example: 300 < 602, 72 years old → B, 302 × 1.2 = 362.4 → 362. File policy → custom label.
    ['poor-elder.json', { category: 'poor', perCapitaIncome: 300, covered: [{ index: 0, class: 'B', amount: 362 }], monthlyTotal: 362, policyVersion: 'custom@2020-03-20' }],
    // (500 + 600 + 0 + 100) ÷ 3 = 400, base 202: B 242, A 263, B 242.
    ['poor-family.json', { category: 'poor', perCapitaIncome: 400, monthlyTotal: 747, policyVersion: 'plan-2020-03' }],
    // (900 + 700) ÷ 2 = 800 in [602, 1204), member 1 重病 → 602.
    ['low-income.json', { category: 'low-income', covered: [{ index: 1, class: 'A', amount: 602 }], monthlyTotal: 602 }],
    // I = 1300; M 30000 ≤ Y 48000, (48000 − 30000) ÷ 36 = 500 < 1204; 48000 ÷ 36 = 1333.33 < 1751.
    ['medical-expense.json', { category: 'medical-expense', covered: [{ index: 0, class: 'A', amount: 602 }] }],
    ['ineligible.json', { category: 'ineligible', covered: [], monthlyTotal: 0 }],
    ['assets-not-compliant.json', { category: 'ineligible', reasons: ['家庭财产状况不符合规定（方案二(一)）'] }],
  ])('%s → exit 0, one JSON document on stdout', async (name, expected) => {
    const r = await evaluate([fixture(name)]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out).sort()).toEqual(['category', 'covered', 'monthlyTotal', 'perCapitaIncome', 'policyVersion', 'reasons']);
    expect(out).toMatchObject(expected);
  });

  it('reads stdin for -', async () => {
    const r = await evaluate(['-'], readFileSync(fixture('low-income.json'), 'utf8'));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).category).toBe('low-income');
  });

  it('accepts a UTF-8 BOM', async () => {
    const r = await evaluate(['-'], `\uFEFF${readFileSync(fixture('ineligible.json'), 'utf8')}`);
    expect(r.code).toBe(0);
  });
});

describe('runEvaluate: bad input → exit 2, stderr lines, empty stdout', () => {
  it.each([
    ['bad-id.json', ['household.members[1].idNumber: 校验码错误']],
    [
      'bad-several.json',
      [
        'household.assetsCompliant: 请填写家庭财产状况核对结论（true 或 false）',
        'household.members[0].monthlyIncome: 金额不能为负数',
        'household.members[1].monthlyIncome: 请填写金额（元）',
        'household.singleCoverIndex: 成员序号 5 不存在（共 2 人，序号从0开始）',
      ],
    ],
    [
      'bad-single-cover.json',
      ['household.singleCoverIndex: 指定的保障对象（褚某）不是重病或重残人员，不能作为低收入家庭的保障对象'],
    ],
  ])('%s', async (name, lines) => {
    const r = await evaluate([fixture(name)]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n').sort()).toEqual([...lines].sort());
  });

  it('malformed JSON is one (root) line', async () => {
    const r = await evaluate([fixture('bad-json.json')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^\(root\): JSON 格式错误：第 2 行第 1 列附近/);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('a missing file, no argument, and empty stdin', async () => {
    const missing = await evaluate([fixture('no-such-file.json')]);
    expect(missing).toMatchObject({ code: 2, stdout: '' });
    expect(missing.stderr).toMatch(/^\(root\): 文件不存在/);
    expect(await evaluate([])).toMatchObject({ code: 2, stdout: '' });
    const empty = await evaluate(['-'], '');
    expect(empty).toMatchObject({ code: 2, stdout: '' });
    expect(empty.stderr).toMatch(/^\(root\): JSON 格式错误/);
  });
});

describe('runEvaluate: the settled points of spec §10', () => {
  // Raw JSON text on stdin, so `1e400` goes through JSON.parse as a clerk's file would.
  const member = (extra = '') =>
    `{ "name": "张某", "idNumber": "340000194801010011", "monthlyIncome": 300${extra} }`;
  const fileText = (opts: { top?: string; household?: string; member?: string; members?: string } = {}) =>
    `{ "evaluationDate": "2020-03-20"${opts.top ?? ''},
       "household": { "assetsCompliant": true${opts.household ?? ''},
                      "members": [ ${opts.members ?? member(opts.member)} ] } }`;
  const UNKNOWN = '未知字段，请检查拼写';
  const MENTAL = '只有残疾类别为精神残疾的成员才能填写「精神残疾正在住院治疗」';

  it.each<[string, string, string[]]>([
    ['misspelt member flag', fileText({ member: ', "seriousIlness": true' }), [`household.members[0].seriousIlness: ${UNKNOWN}`]],
    ['misspelt top-level policy', fileText({ top: ', "polciy": { "standard": 700 }' }), [`polciy: ${UNKNOWN}`]],
    ['unknown key in classUplift', fileText({ top: ', "policy": { "classUplift": { "A": { "mode": "none", "valeu": 1 } } }' }), [`policy.classUplift.A.valeu: ${UNKNOWN}`]],
    ['unknown key in medical', fileText({ household: ', "medical": { "selfPaid": 100 }' }), [`household.medical.selfPaid: ${UNKNOWN}`]],
    ['mentalHospitalized without a disability', fileText({ member: ', "mentalHospitalized": true' }), [`household.members[0].mentalHospitalized: ${MENTAL}`]],
    [
      'mentalHospitalized with a physical disability',
      fileText({ member: ', "mentalHospitalized": true, "disabilityType": "physical", "disabilityLevel": 1' }),
      [`household.members[0].mentalHospitalized: ${MENTAL}`],
    ],
    ['1e400 as an income', fileText({ member: '' }).replace('"monthlyIncome": 300', '"monthlyIncome": 1e400'), ['household.members[0].monthlyIncome: 金额过大']],
    ['1e400 as other income', fileText({ household: ', "otherMonthlyIncome": 1e400' }), ['household.otherMonthlyIncome: 金额过大']],
    ['2e9 as other income', fileText({ household: ', "otherMonthlyIncome": 2000000000' }), ['household.otherMonthlyIncome: 金额过大']],
    [
      // I = 700 in the band, no member qualifies: the index is still an input error.
      'singleCoverIndex at a non-qualifying member, none qualifies',
      fileText({ household: ', "singleCoverIndex": 0' }).replace('"monthlyIncome": 300', '"monthlyIncome": 700'),
      ['household.singleCoverIndex: 指定的保障对象（张某）不是重病或重残人员，不能作为低收入家庭的保障对象'],
    ],
    [
      'several problems at once: one line each',
      fileText({ top: ', "polciy": {}', member: ', "seriousIlness": true, "mentalHospitalized": true' }),
      [`polciy: ${UNKNOWN}`, `household.members[0].seriousIlness: ${UNKNOWN}`, `household.members[0].mentalHospitalized: ${MENTAL}`],
    ],
  ])('%s → exit 2 with its path', async (_name, text, lines) => {
    const r = await evaluate(['-'], text);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n').sort()).toEqual([...lines].sort());
  });

  it.each<[string, string, { covered: { index: number; class: string; amount: number }[] }]>([
    // Partial classUplift: only B named; A keeps +30 %: 三无 member, base 302 × 1.3 = 392.6 → 393.
    ['partial classUplift keeps the other classes', fileText({ top: ', "policy": { "classUplift": { "B": { "mode": "none" } } }', member: ', "threeNo": true' }), { covered: [{ index: 0, class: 'A', amount: 393 }] }],
    // …and the named class is replaced: 72 years old → B, none → 302.
    ['partial classUplift replaces the named class', fileText({ top: ', "policy": { "classUplift": { "B": { "mode": "none" } } }' }), { covered: [{ index: 0, class: 'B', amount: 302 }] }],
    // jiao: income 301.75 → base 300.25 × 1.2 = 360.3 → 360.3.
    ['jiao-half-up', fileText({ top: ', "policy": { "rounding": "jiao-half-up" }' }).replace('"monthlyIncome": 300', '"monthlyIncome": 301.75'), { covered: [{ index: 0, class: 'B', amount: 360.3 }] }],
    // Single cover exact: S 602.35, I = 700 in band, 重病 → 602.35, not 602.
    ['single-cover amount not rounded', fileText({ top: ', "policy": { "standard": 602.35 }', member: ', "seriousIllness": true' }).replace('"monthlyIncome": 300', '"monthlyIncome": 700'), { covered: [{ index: 0, class: 'A', amount: 602.35 }] }],
  ])('%s → exit 0', async (_name, text, expected) => {
    const r = await evaluate(['-'], text);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject(expected);
  });
});

describe('dibao evaluate (spawned)', () => {
  const cli = (file: string) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'evaluate', file], {
      cwd: ROOT,
      encoding: 'utf8',
    });

  it('a bad file exits 2 with nothing on stdout', () => {
    const r = cli(fixture('bad-id.json'));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('household.members[1].idNumber: 校验码错误\n');
  });

  it('an unknown key exits 2 with its path', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'evaluate', '-'], {
      cwd: ROOT,
      encoding: 'utf8',
      input: readFileSync(fixture('poor-elder.json'), 'utf8').replace('"policy"', '"polciy"'),
    });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('polciy: 未知字段，请检查拼写\n');
  });

  it('a good file exits 0 with the determination', () => {
    const r = cli(fixture('poor-family.json'));
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).monthlyTotal).toBe(747);
  });
});
