import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { computeCheckChar } from '../src/domain/id-number';
import { nameKeys } from '../src/domain/name-keys';
import { openApp } from '../src/services/app';
import { insertHousehold, setHead } from '../src/store/households';
import { insertPerson, type PersonWrite } from '../src/store/persons';
import { insertVillage } from '../src/store/villages';
import type { SearchHit, Page } from '../src/contract';

const PERSONS = Number(process.env.BENCH_PERSONS ?? 100_000);
const QUERIES = 200;
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华建国玉梅志红春花海燕德福永兵辉鹏飞宇浩然子轩梓涵欣怡思琪文博';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

function stats(samples: number[]): { median: number; p95: number } {
  const s = [...samples].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)]!, p95: s[Math.floor(s.length * 0.95)]! };
}

export async function benchSearch(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dibao-bench-'));
  const app = openApp({ dataDir: dir });
  const rand = rng(42);
  const pick = (s: string) => [...s][Math.floor(rand() * [...s].length)]!;
  const people: { name: string; id: string }[] = [];
  const t0 = performance.now();
  const at = new Date().toISOString();
  app.db.transaction(() => {
    const villages = Array.from({ length: 20 }, (_, i) => insertVillage(app.db, { name: `第${i + 1}村`, code: String(100 + i), kind: 'village', groups: [] }, at));
    let p = 0;
    while (p < PERSONS) {
      const hh = insertHousehold(app.db, { villageId: villages[p % 20]!, groupName: null, address: `${p}号`, phone: null, note: null }, at);
      const size = 1 + Math.floor(rand() * 5);
      for (let m = 0; m < size && p < PERSONS; m++, p++) {
        const name = pick(SURNAMES) + pick(GIVEN) + (rand() < 0.6 ? pick(GIVEN) : '');
        const year = 1930 + Math.floor(rand() * 90);
        const first17 = `${String(110000 + Math.floor(rand() * 800000))}${year}${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}${String(p % 1000).padStart(3, '0')}`;
        const id = first17 + computeCheckChar(first17);
        const keys = nameKeys(name);
        const w: PersonWrite = {
          name, idNumber: id, sex: p % 2 ? 'male' : 'female', birthDate: `${year}-01-01`, relation: m === 0 ? '户主' : '子女',
          monthlyIncome: 0, disabilityType: null, disabilityLevel: null, seriousIllness: false, severeDisabilityNoSelfCare: false,
          mentalHospitalized: false, laborCapacity: 'full', threeNo: false, hiv: false, collegeStudent: false, priorityCare: false,
          note: null, initials: keys.initials, pinyin: keys.pinyin,
        };
        try {
          const pid = insertPerson(app.db, hh, w, at);
          if (m === 0) setHead(app.db, hh, pid, at);
          people.push({ name, id });
        } catch {
          m--; p--; // a duplicate random ID number: draw again
        }
      }
    }
  })();
  app.db.exec('ANALYZE');
  console.log(`生成 ${PERSONS.toLocaleString()} 人用时 ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const kinds: Record<string, () => string> = {
    '姓名': () => people[Math.floor(rand() * people.length)]!.name,
    '姓氏（前缀，结果多）': () => pick(SURNAMES),
    '完整身份证号': () => people[Math.floor(rand() * people.length)]!.id,
    '身份证后6位': () => people[Math.floor(rand() * people.length)]!.id.slice(-6),
    '身份证后4位': () => people[Math.floor(rand() * people.length)]!.id.slice(-4),
    '拼音首字母': () => nameKeys(people[Math.floor(rand() * people.length)]!.name).initials,
    '全部（按村过滤）': () => '',
  };
  console.log('检索类型'.padEnd(16), 'median ms', '  p95 ms', '  平均命中');
  for (const [label, make] of Object.entries(kinds)) {
    const times: number[] = [];
    let hits = 0;
    for (let i = 0; i < QUERIES; i++) {
      const query = make();
      const villageId = label.startsWith('全部') ? 1 + (i % 20) : null;
      const t = performance.now();
      const r = await app.call('search', { query, villageId, page: 1, pageSize: 20 });
      times.push(performance.now() - t);
      if (!r.ok) throw new Error(r.error.message);
      hits += (r.value as Page<SearchHit>).total;
    }
    const s = stats(times);
    console.log(label.padEnd(16), s.median.toFixed(2).padStart(9), s.p95.toFixed(2).padStart(8), (hits / QUERIES).toFixed(0).padStart(10));
  }
  app.close();
  rmSync(dir, { recursive: true, force: true });
}
