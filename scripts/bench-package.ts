// `npm run bench -- package [HOUSEHOLDS]`: the county filing package (备案包) for 2,000 households — cases with
// events, approvals with frozen snapshots, refusals with registered 不予批准通知书 (one rendered PDF written to
// every registered file), 公示 and meeting records per village, audit rows — built, written and verified (target
// < 20 s); then the backup of a 100,000-person database (BENCH_PERSONS) with 100,000 audit rows (BENCH_AUDIT_ROWS:
// the chain is walked in the snapshot and again in the read-back), encrypted, signed and checked after writing.
import { mkdtempSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { FilingResult } from '../src/contract';
import { computeCheckChar } from '../src/domain/id-number';
import { defaultPhases } from '../src/domain/workflow';
import { nameKeys } from '../src/domain/name-keys';
import { renderPdf } from '../src/documents';
import { denialNotice } from '../src/documents/templates/denial-notice';
import { sha256Hex } from '../src/exchange/durable';
import { openApp } from '../src/services/app';
import { makeBackup } from '../src/services/backups';
import { seedDemo } from '../src/services/demo';
import { insertApproval, insertMeeting } from '../src/store/approvals';
import { appendAudit } from '../src/store/audit';
import { insertCampaign, insertCase, insertCaseEvent } from '../src/store/campaigns';
import { insertDocument } from '../src/store/documents';
import { insertHousehold, setHead, setHouseholdStatus } from '../src/store/households';
import { insertPerson, type PersonWrite } from '../src/store/persons';
import { insertVillage } from '../src/store/villages';

const HOUSEHOLDS = Number(process.argv[3] ?? process.env.BENCH_HOUSEHOLDS ?? 2_000);
const PERSONS = Number(process.env.BENCH_PERSONS ?? 100_000);
const AUDIT_ROWS = Number(process.env.BENCH_AUDIT_ROWS ?? 100_000);
const VILLAGES = 20;
const DENY_EVERY = 7; // about one household in seven is refused

function person(name: string, idNumber: string, head: boolean): PersonWrite {
  const keys = nameKeys(name);
  return {
    name, idNumber, sex: 'male', birthDate: `${idNumber.slice(6, 10)}-01-01`, relation: head ? '户主' : '子女', monthlyIncome: 0,
    disabilityType: null, disabilityLevel: null, seriousIllness: false, severeDisabilityNoSelfCare: false, mentalHospitalized: false,
    laborCapacity: 'full', threeNo: false, hiv: false, collegeStudent: false, priorityCare: false, note: null, initials: keys.initials, pinyin: keys.pinyin,
  };
}

/** Households with `size` members each, spread over the given villages; returns the household ids with their members. */
function seedHouseholds(db: ReturnType<typeof openApp>['db'], villages: number[], total: number, size: (i: number) => number, seq0: number, at: string) {
  const out: { id: number; villageId: number; members: { personId: number; name: string; idNumber: string }[] }[] = [];
  let seq = seq0;
  for (let h = 0; h < total; h++) {
    const villageId = villages[h % villages.length]!;
    const id = insertHousehold(db, { villageId, groupName: null, address: `${h + 1}号`, phone: null, note: null }, at);
    const members: { personId: number; name: string; idNumber: string }[] = [];
    for (let m = 0; m < size(h); m++) {
      seq++;
      // Valid and unique: the birth date moves on a day every 1,000 people, the sequence digits run within it.
      const birth = new Date(Date.UTC(1940, 0, 1) + Math.floor(seq / 1000) * 86_400_000 * 7).toISOString().slice(0, 10).replaceAll('-', '');
      const first17 = `990102${birth}${String(seq % 1000).padStart(3, '0')}`;
      const idNumber = first17 + computeCheckChar(first17);
      const name = `${'王李张刘陈杨黄赵吴周'[seq % 10]}${'伟芳娜秀英敏静丽强磊'[Math.floor(seq / 10) % 10]}${seq}`;
      const personId = insertPerson(db, id, person(name, idNumber, m === 0), at);
      if (m === 0) setHead(db, id, personId, at);
      members.push({ personId, name, idNumber });
    }
    out.push({ id, villageId, members });
  }
  return out;
}

async function benchFilingPackage(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dibao-bench-pkg-'));
  const app = openApp({ dataDir: dir });
  try {
    seedDemo(app.ctx(), { cycle: false });
    const at = new Date().toISOString();
    const t0 = performance.now();
    const pdf = await renderPdf(
      denialNotice({
        issuer: '示范镇人民政府', issueDate: at.slice(0, 10), documentNumber: '示民〔2026〕1号', addressee: '某某', applicationDate: at.slice(0, 10),
        decisionDate: at.slice(0, 10), reasons: ['家庭人均收入高于低保标准'], legalBasis: '《社会救助暂行办法》', remedies: '可在60日内申请行政复议，或在6个月内提起行政诉讼。',
        contacts: { issuerPhone: '0550-1234500', reviewBody: '清河县人民政府', reviewBodyPhone: '0550-7650000' },
    supervisionPhones: { township: '0000-1234567', county: '0000-7654321' },
      }),
    );
    const pdfSha = sha256Hex(pdf);
    let docs = 0;
    app.db.transaction(() => {
      const villages = Array.from({ length: VILLAGES }, (_, i) => insertVillage(app.db, { name: `测试${i + 1}村`, code: String(500 + i), kind: 'village', groups: [] }, at));
      const households = seedHouseholds(app.db, villages, HOUSEHOLDS, (h) => 1 + (h % 4), 0, at);
      const campaignId = insertCampaign(app.db, { name: '基准专项治理', year: 2026, phases: defaultPhases(2026), villageIds: villages, createdAt: at, createdBy: 'bench' });
      const panel = insertMeeting(app.db, { campaignId, kind: 'approval', villageId: null, heldOn: at.slice(0, 10), place: '镇政府', members: [{ name: '镇长', title: '组长' }], note: null, createdAt: at, createdBy: 'bench' });
      const register = (kind: string, seq: number, householdId: number | null, villageId: number | null) => {
        const relPath = `documents/2026/${kind}/${kind}-2026-${String(seq).padStart(5, '0')}.pdf`;
        mkdirSync(join(dir, 'documents/2026', kind), { recursive: true });
        writeFileSync(join(dir, relPath), pdf);
        docs++;
        return insertDocument(app.db, {
          kind, documentNumber: kind === 'meeting-record' ? null : `示民〔2026〕${kind === 'public-notice' ? 'G' : ''}${seq}号`, year: 2026, seq, householdId, villageId,
          subject: 'bench', title: kind, filePath: relPath, sha256: pdfSha, size: pdf.length, snapshot: { issueDate: at.slice(0, 10) }, options: {},
          issuedAt: at, issuedBy: 'bench', supersedesId: null,
        });
      };
      households.forEach((h, i) => {
        const caseId = insertCase(app.db, { campaignId, householdId: h.id, villageId: h.villageId, kind: 'new-application', state: 'township-approval' }, at);
        for (const action of ['open', 'submit-application', 'preliminary-decide']) {
          insertCaseEvent(app.db, { caseId, action, fromState: null, toState: 'township-approval', actor: 'bench', actorRole: 'clerk', at, note: null, data: null });
        }
        appendAudit(app.db, { at, actor: 'bench', actorRole: 'clerk', command: 'case-open', entityType: 'case', entityId: caseId, before: null, after: { state: 'application' } });
        if (i % DENY_EVERY === 0) {
          const docId = register('denial-notice', i + 1, h.id, null);
          insertApproval(app.db, { caseId, householdId: h.id, meetingId: panel, decision: 'deny', reason: '家庭人均收入高于低保标准', monthlyTotal: 0, paymentStart: null, snapshot: { documentId: docId }, decidedAt: at, decidedBy: 'bench' });
          insertCaseEvent(app.db, { caseId, action: 'deny', fromState: 'township-approval', toState: 'denied', actor: 'bench', actorRole: 'leader', at, note: null, data: { documentId: docId } });
          app.db.prepare("UPDATE cases SET state = 'denied' WHERE id = ?").run(caseId);
        } else {
          const lines = h.members.map((m, k) => ({ personId: m.personId, name: m.name, class: 'ABC'[k % 3]!, proposed: 300, decided: 300 }));
          insertApproval(app.db, {
            caseId, householdId: h.id, meetingId: panel, decision: 'approve', reason: null, monthlyTotal: 300 * lines.length, paymentStart: '2026-04',
            snapshot: { determination: { members: h.members, household: { headName: h.members[0]!.name } }, lines, monthlyTotal: 300 * lines.length, paymentStart: '2026-04' },
            decidedAt: at, decidedBy: 'bench',
          });
          insertCaseEvent(app.db, { caseId, action: 'approve', fromState: 'township-approval', toState: 'approved', actor: 'bench', actorRole: 'leader', at, note: null, data: null });
          app.db.prepare("UPDATE cases SET state = 'approved' WHERE id = ?").run(caseId);
          setHouseholdStatus(app.db, h.id, 'recipient', at);
        }
      });
      villages.forEach((v, i) => {
        register('public-notice', 1000 + i, null, v);
        register('meeting-record', 1000 + i, null, v);
      });
    })();
    console.log(`生成 ${HOUSEHOLDS.toLocaleString()} 户的专项治理（审批、不予批准通知书 ${docs} 份）用时 ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const campaignId = (app.db.prepare("SELECT id FROM campaigns WHERE name = '基准专项治理'").get() as { id: number }).id;
    const out = join(dir, 'usb');
    const t1 = performance.now();
    const r = await app.call('filing-export', { campaignId, destination: out });
    const seconds = (performance.now() - t1) / 1000;
    if (!r.ok) throw new Error(r.error.message);
    const v = r.value as FilingResult;
    console.log(
      `备案包：${v.counts.cases} 件案件，审批通过 ${v.counts.approved} 户，不予批准 ${v.counts.ineligible} 户，文书 ${v.counts.documents} 份，` +
        `${v.fileCount} 个文件，${(v.totalBytes / 1024 / 1024).toFixed(1)} MB（另有同样内容的 zip）`,
    );
    console.log(`生成（汇总、Excel、PDF、复制文书、写入、逐个核验、zip 及核验）用时 ${seconds.toFixed(1)} s  目标 < 20 s  ${seconds < 20 ? '达标' : '未达标'}`);
  } finally {
    app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchBackup(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dibao-bench-bak-'));
  const app = openApp({ dataDir: dir });
  try {
    const at = new Date().toISOString();
    const t0 = performance.now();
    app.db.transaction(() => {
      const villages = Array.from({ length: VILLAGES }, (_, i) => insertVillage(app.db, { name: `第${i + 1}村`, code: String(100 + i), kind: 'village', groups: [] }, at));
      seedHouseholds(app.db, villages, Math.ceil(PERSONS / 3), (h) => Math.min(3, PERSONS - h * 3), 0, at);
      for (let i = 0; i < AUDIT_ROWS; i++) {
        appendAudit(app.db, { at, actor: 'bench', actorRole: 'clerk', command: 'person-update', entityType: 'person', entityId: (i % PERSONS) + 1, before: { note: null }, after: { note: `第${i}次` } });
      }
    })();
    const persons = (app.db.prepare('SELECT count(*) AS n FROM persons').get() as { n: number }).n;
    const auditRows = (app.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    app.db.pragma('wal_checkpoint(TRUNCATE)');
    const dbMb = statSync(join(dir, 'dibao.sqlite')).size / 1024 / 1024;
    console.log(`生成 ${persons.toLocaleString()} 人、审计记录 ${auditRows.toLocaleString()} 条的数据库（${dbMb.toFixed(1)} MB）用时 ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const t1 = performance.now();
    const item = await makeBackup(app.db, dir, app.backupKeys, () => new Date(), 'manual', join(dir, 'usb'));
    const seconds = (performance.now() - t1) / 1000;
    console.log(`备份 ${persons.toLocaleString()} 人的数据库（online backup、审计链核验、AES-256-GCM 加密、Ed25519 签名、写入后解密、验签、完整性检查、链头和 SHA-256 核验）用时 ${seconds.toFixed(1)} s，备份文件 ${(item.size / 1024 / 1024).toFixed(1)} MB`);
  } finally {
    app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchPackage(): Promise<void> {
  await benchFilingPackage();
  await benchBackup();
}
