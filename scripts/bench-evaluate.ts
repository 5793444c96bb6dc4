// Benchmark of the determination engine: 20,000 generated households (deterministic seed, valid ID numbers)
// through determine(). Generation is not timed. Run with `npm run bench -- evaluate`.
import { performance } from 'node:perf_hooks';
import { DISABILITY_TYPES } from '../src/contract/labels';
import { determine, type Category, type DeterminationInput, type MemberFacts } from '../src/domain/determination';
import { computeCheckChar } from '../src/domain/id-number';
import { DEFAULT_POLICY } from '../src/domain/policy';

const HOUSEHOLDS = 20_000;
const SEED = 20200320;
const EVALUATION_DATE = '2020-03-20';

/** mulberry32: small, fast, and the same sequence on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateHouseholds(count: number, seed = SEED): DeterminationInput[] {
  const rnd = prng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const chance = (p: number) => rnd() < p;
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  const money = (max: number) => int(0, max * 100) / 100;

  const person = (): MemberFacts => {
    const year = int(1925, 2019);
    const month = int(1, 12);
    const day = int(1, 28);
    const first17 = `341221${year}${pad(month, 2)}${pad(day, 2)}${pad(int(0, 999), 3)}`;
    const disabled = chance(0.08);
    return {
      name: '成员',
      idNumber: first17 + computeCheckChar(first17),
      birthDate: null, // age from the ID number, the common path for imported households
      monthlyIncome: chance(0.3) ? 0 : money(1800),
      disabilityType: disabled ? DISABILITY_TYPES[int(0, DISABILITY_TYPES.length - 1)]! : null,
      disabilityLevel: disabled ? int(1, 4) : null,
      seriousIllness: chance(0.1),
      severeDisabilityNoSelfCare: chance(0.03),
      mentalHospitalized: chance(0.01),
      laborCapacity: chance(0.1) ? 'none' : chance(0.1) ? 'partial' : 'full',
      threeNo: chance(0.01),
      hiv: chance(0.002),
      collegeStudent: chance(0.03),
      priorityCare: chance(0.02),
    };
  };

  return Array.from({ length: count }, () => {
    const members = Array.from({ length: int(1, 6) }, person);
    const hasMedical = chance(0.15);
    return {
      assetsCompliant: chance(0.9),
      otherMonthlyIncome: chance(0.2) ? money(500) : 0,
      singleCoverIndex: null,
      medical: hasMedical
        ? {
            selfPaidLast12Months: money(80_000),
            disposableIncomeLast12Months: money(150_000),
            patientIndex: int(0, members.length - 1),
          }
        : null,
      members,
    };
  });
}

export async function benchEvaluate(): Promise<void> {
  const households = generateHouseholds(HOUSEHOLDS);
  const counts: Record<Category, number> = { poor: 0, 'low-income': 0, 'medical-expense': 0, ineligible: 0 };
  let total = 0;
  const start = performance.now();
  for (const h of households) {
    const d = determine(h, DEFAULT_POLICY, EVALUATION_DATE);
    counts[d.category] += 1;
    total += d.monthlyTotal;
  }
  const ms = performance.now() - start;
  const perSecond = Math.round((HOUSEHOLDS / ms) * 1000);
  console.log(`evaluate: ${HOUSEHOLDS} 户，用时 ${ms.toFixed(1)} ms，约 ${perSecond} 户/秒`);
  console.log(
    `  困难家庭 ${counts.poor}，低收入家庭 ${counts['low-income']}，因病支出型 ${counts['medical-expense']}，不符合条件 ${counts.ineligible}；月保障金合计 ${total.toFixed(2)} 元`,
  );
}
