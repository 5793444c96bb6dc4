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

  it('a good file exits 0 with the determination', () => {
    const r = cli(fixture('poor-family.json'));
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).monthlyTotal).toBe(747);
  });
});
