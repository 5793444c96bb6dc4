import { AppError, NO_RECORDED_FACTS, type PersonFields, type Relation } from '../contract';
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
import { DEMO_BASE_OFFSET, demoDays, seedDemoCycle, type DemoCycleSummary } from './demo-cycle';

/** Division code 990101 does not exist: every demo ID number is obviously fictitious, yet checksum-valid. */
export const DEMO_DIVISION = '990101';

export function demoIdNumber(birth: string, seq: number, sex: 'male' | 'female', division = DEMO_DIVISION): string {
  // Odd sequence digit = male (GB 11643-1999).
  const s = seq * 2 + (sex === 'male' ? 1 : 0);
  const first17 = `${division}${birth.replaceAll('-', '')}${String(s % 1000).padStart(3, '0')}`;
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

export type DemoSummary = { villages: number; households: number; persons: number };

/**
 * A demo township. The first is the demo office of the README; the county demo (issue 15) seeds a second one with
 * its own names, division code (990102, as fictitious as 990101) and random seed, so that its people are others.
 */
export type DemoTownship = {
  townshipName: string;
  officeName: string;
  divisionCode: string;
  idDivision: string;
  villages: [{ name: string; code: string; groups: string[] }, { name: string; code: string; groups: string[] }];
  seed: number;
};

export const DEMO_TOWNSHIPS: readonly [DemoTownship, DemoTownship] = [
  {
    townshipName: '清河镇人民政府',
    officeName: '清河镇民政所',
    divisionCode: '990101100',
    idDivision: DEMO_DIVISION,
    villages: [
      { name: '东山村', code: '990101100201', groups: ['第一村民小组', '第二村民小组', '第三村民小组'] },
      { name: '柳河社区', code: '990101100001', groups: ['一组', '二组'] },
    ],
    seed: 20200303,
  },
  {
    townshipName: '柳溪镇人民政府',
    officeName: '柳溪镇民政所',
    divisionCode: '990102100',
    idDivision: '990102',
    villages: [
      { name: '西岭村', code: '990102100201', groups: ['第一村民小组', '第二村民小组'] },
      { name: '南湖社区', code: '990102100001', groups: ['一组', '二组'] },
    ],
    seed: 20200415,
  },
];

/** `township`: which demo township (default the README's 清河镇). */
export type DemoOptions = { passwordHash?: string; township?: DemoTownship };

/**
 * Loads the demo office. Refused when the office already has villages.
 *
 * By default (`载入演示数据`, `seed-demo`) it is the office two months on: the base office below seeded 60 days ago,
 * then a 专项治理 in progress on top of it (src/services/demo-cycle.ts) — a case in every state, its notices, this
 * month's payments and a filing package. `{ cycle: false }` gives the bare office only, synchronously: for tests
 * that build their own campaign on it (they pin their own dates and count the recipients' review cases).
 * `passwordHash`: the demo password's hash, derived off the event loop by the app (`seedDemoAsync`).
 */
export function seedDemo(ctx: Ctx, options: DemoOptions & { cycle: false }): DemoSummary;
export function seedDemo(ctx: Ctx, options?: DemoOptions & { cycle?: true }): Promise<DemoSummary & { cycle: DemoCycleSummary }>;
export function seedDemo(ctx: Ctx, options: DemoOptions & { cycle?: boolean } = {}): DemoSummary | Promise<DemoSummary & { cycle: DemoCycleSummary }> {
  const passwordHash = options.passwordHash ?? hashPasswordBlocking(DEMO_PASSWORD);
  const township = options.township ?? DEMO_TOWNSHIPS[0];
  if (options.cycle === false) return seedDemoOffice(ctx, passwordHash, township);
  return seedDemoWithCycle(ctx, passwordHash, township);
}

async function seedDemoWithCycle(ctx: Ctx, passwordHash: string, township: DemoTownship): Promise<DemoSummary & { cycle: DemoCycleSummary }> {
  if (listVillages(ctx.db).length > 0) throw new AppError('CONFLICT', '本镇已有村（社区）数据，不能再载入演示数据');
  // The cycle acts as the demo's clerk, leader and cadres: an account of the office under one of those names with
  // another role would stop it half-way, so it is refused before anything is written.
  for (const a of DEMO_ACCOUNTS.filter((x) => x.role !== 'admin')) {
    const existing = getUserByName(ctx.db, a.username);
    if (existing && (existing.role !== a.role || a.role === 'cadre')) {
      throw new AppError('CONFLICT', `本机已有账户「${a.username}」，演示数据需要用这个用户名建立${a.displayName}账户，请先改名或停用该账户`);
    }
  }
  const base = demoDays(ctx.clock())(DEMO_BASE_OFFSET);
  const office = seedDemoOffice({ ...ctx, clock: () => base }, passwordHash, township);
  // In the order they were created (东山村, 柳河社区), which the cadres' accounts follow.
  const villages = listVillages(ctx.db)
    .sort((a, b) => a.id - b.id)
    .map((v) => ({ id: v.id, name: v.name, groups: v.groups }));
  // The base office is one transaction; the cycle is many, as the clerk's own steps are (rendering a notice happens
  // outside the database). A failure names the step; the office then holds the demo as far as it got.
  const idNumber = (birth: string, seq: number, sex: 'male' | 'female') => demoIdNumber(birth, seq, sex, township.idDivision);
  const cycle = await seedDemoCycle(ctx, villages, { idNumber, bankCard: demoBankCard });
  return { ...office, households: office.households + cycle.newHouseholds, persons: office.persons + cycle.newPersons, cycle };
}

/** The bare demo office (2 villages, 36 households, 32 on the roll, accounts, bank cards), in one transaction. */
function seedDemoOffice(ctx: Ctx, passwordHash: string, township: DemoTownship): DemoSummary {
  return ctx.db.transaction(() => {
    if (listVillages(ctx.db).length > 0) throw new AppError('CONFLICT', '本镇已有村（社区）数据，不能再载入演示数据');
    if (!getOfficeSettings(ctx)) {
      updateOfficeSettings(ctx, {
        townshipName: township.townshipName,
        divisionCode: township.divisionCode,
        officeName: township.officeName,
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
    const [v1, v2] = township.villages;
    const villages = [
      villageCreate(ctx, { name: v1.name, code: v1.code, kind: 'village', groups: v1.groups }),
      villageCreate(ctx, { name: v2.name, code: v2.code, kind: 'community', groups: v2.groups }),
    ];
    const rand = seededRandom(township.seed);
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
          idNumber: demoIdNumber(birth, seq++, m.sex, township.idDivision),
          relation: m.relation,
          ...NO_RECORDED_FACTS,
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
    seedDemoAccounts(ctx, villages, passwordHash);
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

/** One account per role; `village` indexes the demo's villages (the two cadres). */
const DEMO_ACCOUNTS = [
  { username: 'admin', displayName: '系统管理员', role: 'admin' as const, village: null },
  { username: 'clerk', displayName: '民政所经办员', role: 'clerk' as const, village: null },
  { username: 'leader', displayName: '分管领导', role: 'leader' as const, village: null },
  { username: 'cadre1', displayName: '东山村干部', role: 'cadre' as const, village: 0 },
  { username: 'cadre2', displayName: '柳河社区干部', role: 'cadre' as const, village: 1 },
];

/** The demo accounts; an existing username is left alone. */
function seedDemoAccounts(ctx: Ctx, villages: { id: number; name: string }[], passwordHash: string): void {
  for (const { village, ...a } of DEMO_ACCOUNTS) {
    // A cadre is named after the village (the county demo's second township has other villages).
    const v = village === null ? null : villages[village];
    const account = { ...a, displayName: v ? `${v.name}干部` : a.displayName, villageId: v?.id ?? null };
    if (!getUserByName(ctx.db, a.username)) insertAccount(ctx, account, passwordHash);
  }
}

/**
 * Fictitious bank cards (prefix 629999, which no bank issues; Luhn-valid) in the household head's name for most
 * recipients; every eighth household has none, so that the payment page shows what a missing account looks like.
 */
function seedDemoBankAccounts(ctx: Ctx, householdIds: number[]): void {
  for (const [i, id] of householdIds.entries()) {
    const h = requireHousehold(ctx, id);
    if (h.status !== 'recipient' || i % 8 === 6 || h.headPersonId === null) continue;
    bankAccountSave(ctx, { householdId: id, holderPersonId: h.headPersonId, bankName: '清河农商银行', kind: 'card', accountNumber: demoBankCard(id) });
  }
}

/** A fictitious card number (prefix 629999, which no bank issues; Luhn-valid), one per household. */
function demoBankCard(householdId: number): string {
  const body = `629999${DEMO_DIVISION.slice(0, 4)}${String(householdId).padStart(8, '0')}`;
  return body + luhnCheckDigit(body);
}

/** The demo as the app loads it (with the campaign in progress): the password hash is derived off the event loop first. */
export async function seedDemoAsync(ctx: Ctx): Promise<DemoSummary & { cycle: DemoCycleSummary }> {
  return seedDemo(ctx, { passwordHash: await hashPassword(DEMO_PASSWORD) });
}
