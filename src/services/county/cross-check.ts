// 交叉比对 (issue 15): what no township can see alone — the same ID number covered in two townships, or in two
// households of one township; a person in one township's approvals and another's exits in the same round; covered
// persons older than 110 or with an impossible birth date. Each finding names every source (township, package,
// village, household or case), so the townships can answer it.
import type { CrossCheckFinding, CrossCheckKind, CrossCheckResult, CrossCheckSource } from '../../contract';
import { checkBirth } from '../../domain/cross-check';
import { approvedAndExited, birthSuspects, coveredMoreThanOnce, type CoveredSource } from '../../store/county';
import { nowIso, type Ctx } from '../context';

export const CROSS_CHECK_LABELS: Record<CrossCheckKind, string> = {
  'two-townships': '跨乡镇重复享受',
  'two-households': '同一乡镇两户重复享受',
  'approved-and-exited': '一乡镇纳入、另一乡镇退出',
  'too-old': '年龄超过110岁',
  'impossible-birth-date': '出生日期不可能',
};

const coveredSource = (s: CoveredSource, role = '在保'): CrossCheckSource => ({
  township: s.township,
  packageName: s.packageName,
  village: s.village,
  headName: s.headName,
  householdRef: s.householdRef,
  caseRef: null,
  role,
});

export function countyCrossCheck(ctx: Ctx): CrossCheckResult {
  const findings: CrossCheckFinding[] = [];
  const byId = new Map<string, CoveredSource[]>();
  for (const s of coveredMoreThanOnce(ctx.db)) {
    const list = byId.get(s.idNumber);
    if (list) list.push(s);
    else byId.set(s.idNumber, [s]);
  }
  for (const [idNumber, sources] of byId) {
    const townships = [...new Set(sources.map((s) => s.township))];
    const first = sources[0]!;
    if (townships.length > 1) {
      findings.push({
        kind: 'two-townships',
        idNumber,
        name: first.name,
        detail: `同一身份证号码同时在${townships.map((t) => `「${t}」`).join('、')}在保`,
        sources: sources.map((s) => coveredSource(s)),
      });
    } else {
      findings.push({
        kind: 'two-households',
        idNumber,
        name: first.name,
        detail: `同一身份证号码在「${first.township}」的 ${sources.length} 户中在保（${sources.map((s) => s.headName).join('、')}户）`,
        sources: sources.map((s) => coveredSource(s)),
      });
    }
  }
  const exits = new Map<string, ReturnType<typeof approvedAndExited>>();
  for (const o of approvedAndExited(ctx.db)) {
    const key = `${o.idNumber}|${o.roundYear}`;
    const list = exits.get(key);
    if (list) list.push(o);
    else exits.set(key, [o]);
  }
  for (const list of exits.values()) {
    const first = list[0]!;
    const approvedIn = [...new Set(list.filter((o) => o.kind === 'approve').map((o) => o.township))];
    const exitedIn = [...new Set(list.filter((o) => o.kind === 'exit').map((o) => o.township))];
    findings.push({
      kind: 'approved-and-exited',
      idNumber: first.idNumber,
      name: first.name,
      detail: `${first.roundYear}年度：${approvedIn.map((t) => `「${t}」`).join('、')}批准纳入，${exitedIn.map((t) => `「${t}」`).join('、')}退出`,
      sources: list.map((o) => ({
        township: o.township,
        packageName: o.packageName,
        village: o.village,
        headName: o.headName,
        householdRef: null,
        caseRef: o.caseRef,
        role: `${o.kind === 'approve' ? '批准纳入' : '退出'}${o.decidedOn ? `（${o.decidedOn}）` : ''}`,
      })),
    });
  }
  for (const s of birthSuspects(ctx.db)) {
    const b = checkBirth(s.idNumber, s.packageCreatedAt.slice(0, 10));
    if (b.kind === 'ok') continue;
    findings.push({
      kind: b.kind,
      idNumber: s.idNumber,
      name: s.name,
      detail: b.kind === 'too-old' ? `按身份证号码出生于 ${b.birthDate}，报送时已 ${b.age} 岁（超过110岁），请核实是否健在` : `${b.reason}，请核实身份证号码`,
      sources: [coveredSource(s)],
    });
  }
  const counts = { 'two-townships': 0, 'two-households': 0, 'approved-and-exited': 0, 'too-old': 0, 'impossible-birth-date': 0 } satisfies Record<CrossCheckKind, number>;
  for (const f of findings) counts[f.kind]++;
  return { generatedAt: nowIso(ctx.clock), counts, findings };
}
