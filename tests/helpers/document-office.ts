// A small office for the document tests: settings, one village, the plan's policy confirmed, an ineligible
// applicant and a recipient family whose records hold every field a public sheet must never show.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError, issueOptionsSchema, WORKFLOW_DOCUMENT_KINDS, type DocumentKind, type DocumentView, type Household, type SavedDetermination, type Village } from '../../src/contract';
import { issueDocument } from '../../src/services/documents';
import { DEFAULT_POLICY } from '../../src/domain/policy';
import { openApp, type App } from '../../src/services/app';
import { setHouseholdStatus } from '../../src/store/households';
import { ok, person, validId } from './temp-app';
import { OFFICE_SETTINGS } from './office-settings';

export type Office = App & {
  dir: string;
  /** Moves the frozen clock (ISO instant). */
  setNow: (iso: string) => void;
  village: Village;
  /** Income far above twice the standard: refused. */
  applicant: Household;
  /** Poor family on the roll; ID numbers, address, phone, income and an illness are on record. */
  recipient: Household;
  /** Issues through the command; the two workflow notices as their case step would (the command refuses them). */
  issue: (input: object) => Promise<DocumentView>;
  /** `issue`, with a failure as the result envelope's error instead of a throw. */
  attempt: (input: object) => Promise<{ ok: true; value: DocumentView } | { ok: false; error: { code: string; message: string; fields?: { path: string; message: string }[] } }>;
  dispose: () => void;
};

/** The day the applicant applied (the fixture has no case whose application step would say so). */
export const APPLICATION_DATE = '2026-11-02';
export const RECIPIENT_ADDRESS = '东山村一组桃树巷17号';
export const RECIPIENT_PHONE = '13900001234';
export const RECIPIENT_HEAD_ID = validId('99010119580312001');
export const RECIPIENT_WIFE_ID = validId('99010119600415002');
/** A figure that appears nowhere else: the head's declared income. */
export const RECIPIENT_INCOME = 317.5;

const facts = (householdId: number) => ({
  householdId,
  assetsCompliant: true,
  assetsNote: null,
  otherMonthlyIncome: 0,
  singleCoverPersonId: null,
  medicalSelfPaid: null,
  medicalDisposable: null,
  medicalPatientPersonId: null,
});

export async function documentOffice(now = '2026-11-28T08:00:00Z'): Promise<Office> {
  const dir = mkdtempSync(join(tmpdir(), 'dibao-docs-'));
  let current = new Date(now);
  const app = openApp({ dataDir: dir, clock: () => new Date(current) });
  ok(
    await app.call('settings-update', OFFICE_SETTINGS),
  );
  const village = ok<Village>(await app.call('village-create', { name: '东山村', code: '990101100201', groups: ['一组'] }));
  const { version: _v, ...planFigures } = DEFAULT_POLICY;
  ok(await app.call('policy-add', planFigures));

  let applicant = ok<Household>(
    await app.call('household-create', {
      villageId: village.id,
      address: '东山村一组2号',
      head: person('王富贵', '99010119700101003', { relation: '户主', monthlyIncome: 3000 }),
    }),
  );
  let recipient = ok<Household>(
    await app.call('household-create', {
      villageId: village.id,
      groupName: '一组',
      address: RECIPIENT_ADDRESS,
      phone: RECIPIENT_PHONE,
      head: { name: '张三', idNumber: RECIPIENT_HEAD_ID, relation: '户主', monthlyIncome: RECIPIENT_INCOME },
    }),
  );
  recipient = ok<Household>(
    await app.call('person-add', {
      householdId: recipient.id,
      person: { name: '李秀兰', idNumber: RECIPIENT_WIFE_ID, relation: '配偶', seriousIllness: true, laborCapacity: 'partial' },
    }),
  );
  for (const h of [applicant, recipient]) {
    ok(await app.call('household-facts-update', facts(h.id)));
    ok<SavedDetermination>(await app.call('determination-save', { householdId: h.id }));
  }
  setHouseholdStatus(app.db, recipient.id, 'recipient', current.toISOString());
  applicant = ok<Household>(await app.call('household-get', { id: applicant.id }));
  recipient = ok<Household>(await app.call('household-get', { id: recipient.id }));
  const self: Office = {
    ...app,
    dir,
    setNow: (iso) => {
      current = new Date(iso);
    },
    village,
    applicant,
    recipient,
    issue: async (input) => {
      const i = input as { kind: DocumentKind; householdId?: number | null; villageId?: number | null; options?: object };
      if (!WORKFLOW_DOCUMENT_KINDS[i.kind]) return ok<DocumentView>(await app.call('document-issue', input));
      // These households have no case: a denial is given the application date its case's application step would give.
      const options = i.kind === 'denial-notice' ? { applicationDate: APPLICATION_DATE, ...i.options } : (i.options ?? {});
      return issueDocument(app.ctx(), { kind: i.kind, householdId: i.householdId ?? null, villageId: i.villageId ?? null, options: issueOptionsSchema.parse(options) });
    },
    attempt: async (input) => {
      const i = input as { kind: DocumentKind };
      if (!WORKFLOW_DOCUMENT_KINDS[i.kind]) return (await app.call('document-issue', input)) as Awaited<ReturnType<Office['attempt']>>;
      try {
        return { ok: true, value: await self.issue(input) };
      } catch (err) {
        if (err instanceof AppError) return { ok: false, error: { code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) } };
        throw err;
      }
    },
    dispose: () => {
      app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return self;
}
