import { AppError, type PersonFields, type Relation } from '../contract';
import { computeCheckChar } from '../domain/id-number';
import { seededRandom } from '../domain/sampling';
import { listVillages } from '../store/villages';
import type { Ctx } from './context';
import { householdCreate, personAdd, requireHousehold } from './households';
import { getOfficeSettings, updateOfficeSettings } from './settings';
import { villageCreate } from './villages';
import { DEFAULT_POLICY } from '../domain/policy';
import { setHouseholdStatus } from '../store/households';
import { determinationSave, householdFactsUpdate, policyAdd } from './determinations';
import { audit } from './audit';
import { insertAccount } from './accounts';
import { hashPassword, hashPasswordBlocking } from './passwords';
import { getUserByName } from '../store/users';
import { nowIso } from './context';
import { bankAccountSave } from './payments';
import { luhnCheckDigit } from '../domain/bank-account';

/** Division code 990101 does not exist: every demo ID number is obviously fictitious, yet checksum-valid. */
export const DEMO_DIVISION = '990101';

export function demoIdNumber(birth: string, seq: number, sex: 'male' | 'female'): string {
  // Odd sequence digit = male (GB 11643-1999).
  const s = seq * 2 + (sex === 'male' ? 1 : 0);
  const first17 = `${DEMO_DIVISION}${birth.replaceAll('-', '')}${String(s % 1000).padStart(3, '0')}`;
  return first17 + computeCheckChar(first17);
}


const SURNAMES = ['张', '王', '李', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗'];
const GIVEN_M = ['建国', '德明', '志强', '海军', '国庆', '永福', '小龙', '家豪', '文斌', '振华', '子轩', '浩然'];
const GIVEN_F = ['秀英', '桂兰', '玉梅', '春花', '丽娟', '小红', '静怡', '雨欣', '淑珍', '美玲', '思琪', '梓涵'];

type DemoMember = { relation: Relation; age: number; sex: 'male' | 'female'; extra?: Partial<PersonFields> };

/** Household shapes of a rural township: elderly alone, couples with children, three generations, disability. */
const SHAPES: DemoMember[][] = [
  [{ relation: '户主', age: 78, sex: 'male', extra: { laborCapacity: 'none', threeNo: true } }],
  [
    { relation: '户主', age: 45, sex: 'male', extra: { monthlyIncome: 900 } },
    { relation: '配偶', age: 43, sex: 'female', extra: { seriousIllness: true, laborCapacity: 'partial' } },
    { relation: '子女', age: 16, sex: 'female' },
  ],
  [
    { relation: '户主', age: 62, sex: 'female', extra: { monthlyIncome: 300 } },
    { relation: '子女', age: 35, sex: 'male', extra: { disabilityType: 'intellectual', disabilityLevel: 2, laborCapacity: 'none' } },
  ],
  [
    { relation: '户主', age: 38, sex: 'male', extra: { monthlyIncome: 2600 } },
    { relation: '配偶', age: 36, sex: 'female', extra: { monthlyIncome: 1500 } },
    { relation: '子女', age: 12, sex: 'male' },
    { relation: '父母', age: 68, sex: 'female' },
  ],
  [
    { relation: '户主', age: 51, sex: 'male', extra: { disabilityType: 'physical', disabilityLevel: 3, monthlyIncome: 800 } },
    { relation: '配偶', age: 49, sex: 'female', extra: { monthlyIncome: 600 } },
    { relation: '子女', age: 20, sex: 'female', extra: { collegeStudent: true } },
  ],
  [
    { relation: '户主', age: 70, sex: 'male', extra: { priorityCare: true, monthlyIncome: 400 } },
    { relation: '配偶', age: 69, sex: 'female', extra: { disabilityType: 'visual', disabilityLevel: 1 } },
  ],
  [
    { relation: '户主', age: 33, sex: 'female', extra: { disabilityType: 'mental', disabilityLevel: 3, mentalHospitalized: true } },
    { relation: '子女', age: 8, sex: 'male' },
    { relation: '子女', age: 5, sex: 'female' },
  ],
  [
    { relation: '户主', age: 57, sex: 'male', extra: { monthlyIncome: 1800 } },
    { relation: '配偶', age: 55, sex: 'female', extra: { hiv: true, seriousIllness: true, laborCapacity: 'partial' } },
  ],
];

/** A birth date that makes the person exactly `age` years old on `today`. */
function isoBirth(today: string, age: number, rand: () => number): string {
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  const month = 1 + Math.floor(rand() * tm);
  const day = Math.min(1 + Math.floor(rand() * 28), month === tm ? td : 28);
  return `${ty - age}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Loads a realistic demo office (2 villages, 36 households). Refused when the office already has villages.
 * `passwordHash`: the demo password's hash, derived off the event loop by the app (`seedDemoAsync`); synchronous
 * test set-ups let it be derived here.
 */
export function seedDemo(ctx: Ctx, passwordHash: string = hashPasswordBlocking(DEMO_PASSWORD)): { villages: number; households: number; persons: number } {
  return ctx.db.transaction(() => {
    if (listVillages(ctx.db).length > 0) throw new AppError('CONFLICT', '本镇已有村（社区）数据，不能再载入演示数据');
    if (!getOfficeSettings(ctx)) {
      updateOfficeSettings(ctx, {
        townshipName: '清河镇人民政府',
        divisionCode: '990101100',
        officeName: '清河镇民政所',
        officePhone: '0550-1234567',
        countyCentrePhone: '0550-7654321',
        townshipPhone: '0550-1234500',
        countyGovernmentName: '清河县人民政府',
        countyGovernmentPhone: '0550-7650000',
        countyBureauName: '清河县民政局',
        countyBureauPhone: '0550-7654000',
        idleLockMinutes: 15,
      });
    }
    const villages = [
      villageCreate(ctx, { name: '东山村', code: '990101100201', kind: 'village', groups: ['第一村民小组', '第二村民小组', '第三村民小组'] }),
      villageCreate(ctx, { name: '柳河社区', code: '990101100001', kind: 'community', groups: ['一组', '二组'] }),
    ];
    const rand = seededRandom(20200303);
    const today = ctx.clock().toISOString().slice(0, 10);
    let seq = 0;
    const householdIds: number[] = [];
    let persons = 0;
    const households = 36;
    for (let h = 0; h < households; h++) {
      const village = villages[h % 2]!;
      const shape = SHAPES[h % SHAPES.length]!;
      const surname = SURNAMES[h % SURNAMES.length]!;
      let householdId = 0;
      const record = (id: number) => householdIds.push(id);
      for (const [i, m] of shape.entries()) {
        const given = (m.sex === 'male' ? GIVEN_M : GIVEN_F)[Math.floor(rand() * 12)]!;
        const name = (m.relation === '配偶' || m.relation === '父母' ? SURNAMES[(h + 7) % SURNAMES.length]! : surname) + given;
        const birth = isoBirth(today, m.age, rand);
        const person: PersonFields = {
          name,
          idNumber: demoIdNumber(birth, seq++, m.sex),
          relation: m.relation,
          monthlyIncome: 0,
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
          note: null,
          ...m.extra,
        };
        if (i === 0) {
          householdId = householdCreate(ctx, {
            villageId: village.id,
            groupName: village.groups[h % village.groups.length] ?? null,
            address: `${village.name}${village.groups[h % village.groups.length]}${10 + h}号`,
            phone: `1390000${String(1000 + h).padStart(4, '0')}`,
            note: null,
            head: person,
          }).id;
          record(householdId);
        } else {
          personAdd(ctx, { householdId, person });
        }
        persons++;
      }
    }
    seedDemoDeterminations(ctx, householdIds);
    seedDemoBankAccounts(ctx, householdIds);
    seedDemoAccounts(ctx, villages.map((v) => v.id), passwordHash);
    return { villages: villages.length, households, persons };
  })();
}

/**
 * The demo office as it would stand after migrating its old Excel roster: the plan's policy confirmed, the
 * verification findings entered, a determination saved for every household, and the eligible ones on the roll.
 */
function seedDemoDeterminations(ctx: Ctx, householdIds: number[]): void {
  const { version: _v, ...defaults } = DEFAULT_POLICY;
  policyAdd(ctx, defaults);
  for (const [i, id] of householdIds.entries()) {
    // The working-couple shape carries a parent's hospital bills: a 因病支出型 case (方案二(一)3).
    const patient = i % SHAPES.length === 3 ? requireHousehold(ctx, id).members[3] : undefined;
    // Every ninth household failed the asset check (e.g. a registered vehicle).
    householdFactsUpdate(ctx, {
      householdId: id,
      assetsCompliant: i % 9 !== 4,
      assetsNote: i % 9 === 4 ? '核对发现名下登记小型轿车一辆' : '经济状况核对报告及入户调查未发现不符合规定的财产',
      otherMonthlyIncome: 0,
      singleCoverPersonId: null,
      medicalSelfPaid: patient ? 30_000 : null,
      medicalDisposable: patient ? 49_200 : null,
      medicalPatientPersonId: patient?.id ?? null,
    });
    const saved = determinationSave(ctx, { householdId: id });
    if (saved.category !== 'ineligible') {
      setHouseholdStatus(ctx.db, id, 'recipient', nowIso(ctx.clock));
      audit(ctx, 'demo-load', 'household', id, { status: 'registered' }, { status: 'recipient' });
    }
  }
}

/** The demo password of every demo account (documented in the README; the demo is for training only). */
export const DEMO_PASSWORD = 'demo1234';

/** One account per role; the two cadres are scoped to the two villages. An existing username is left alone. */
function seedDemoAccounts(ctx: Ctx, villageIds: number[], passwordHash: string): void {
  const accounts = [
    { username: 'admin', displayName: '系统管理员', role: 'admin' as const, villageId: null },
    { username: 'clerk', displayName: '民政所经办员', role: 'clerk' as const, villageId: null },
    { username: 'leader', displayName: '分管领导', role: 'leader' as const, villageId: null },
    { username: 'cadre1', displayName: '东山村干部', role: 'cadre' as const, villageId: villageIds[0] ?? null },
    { username: 'cadre2', displayName: '柳河社区干部', role: 'cadre' as const, villageId: villageIds[1] ?? null },
  ];
  for (const a of accounts) if (!getUserByName(ctx.db, a.username)) insertAccount(ctx, a, passwordHash);
}

/**
 * Fictitious bank cards (prefix 629999, which no bank issues; Luhn-valid) in the household head's name for most
 * recipients; every eighth household has none, so that the payment page shows what a missing account looks like.
 */
function seedDemoBankAccounts(ctx: Ctx, householdIds: number[]): void {
  for (const [i, id] of householdIds.entries()) {
    const h = requireHousehold(ctx, id);
    if (h.status !== 'recipient' || i % 8 === 6 || h.headPersonId === null) continue;
    const body = `629999${DEMO_DIVISION.slice(0, 4)}${String(id).padStart(8, '0')}`;
    bankAccountSave(ctx, { householdId: id, holderPersonId: h.headPersonId, bankName: '清河农商银行', kind: 'card', accountNumber: body + luhnCheckDigit(body) });
  }
}

/** The demo as the app loads it: the password hash is derived off the event loop first. */
export async function seedDemoAsync(ctx: Ctx): Promise<{ villages: number; households: number; persons: number }> {
  return seedDemo(ctx, await hashPassword(DEMO_PASSWORD));
}
