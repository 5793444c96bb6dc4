import ExcelJS from 'exceljs';
import type { Household, Village, WithWarnings } from '../../src/contract';
import { ok, tempApp, validId } from './temp-app';
import { OFFICE_SETTINGS } from './office-settings';

export const clerk = { id: 2, name: '民政所经办员', role: 'clerk' as const, villageId: null };
export const leader = { id: 3, name: '分管领导', role: 'leader' as const, villageId: null };
export const cadreOf = (villageId: number) => ({ id: 4, name: '东山村干部', role: 'cadre' as const, villageId });

/** ID numbers of the small test township (division 990101, fictitious). */
export const ID = {
  zhang: validId('99010119500101001'),
  li: validId('99010119600202002'),
  wang: validId('99010119700303003'),
  zhao: validId('99010119800404004'),
  recipient: validId('99010119450505005'),
  west: validId('99010119550606006'),
  stranger: validId('99010119900707007'),
  stranger2: validId('99010119910808008'),
};

export type World = {
  app: ReturnType<typeof tempApp>;
  east: Village;
  west: Village;
  households: Record<'zhang' | 'li' | 'wang' | 'zhao' | 'recipient' | 'west', Household>;
};

/** Two villages, six households of one person each; one is a current recipient. */
export async function screeningWorld(): Promise<World> {
  const app = tempApp('2026-03-06T08:00:00Z');
  ok(
    await app.call('settings-update', OFFICE_SETTINGS),
  );
  const east = ok<Village>(await app.call('village-create', { name: '东山村', code: '990101100201', groups: ['第一村民小组'] }));
  const west = ok<Village>(await app.call('village-create', { name: '西岭村', code: '990101100202' }));
  const make = async (name: string, idNumber: string, village: Village) =>
    ok<WithWarnings<Household>>(
      await app.call('household-create', { villageId: village.id, address: `${village.name}1号`, head: { name, idNumber, relation: '户主' } }),
    );
  const households = {
    zhang: await make('张建国', ID.zhang, east),
    li: await make('李秀英', ID.li, east),
    wang: await make('王德明', ID.wang, east),
    zhao: await make('赵春花', ID.zhao, east),
    recipient: await make('刘永福', ID.recipient, east),
    west: await make('陈志强', ID.west, west),
  };
  app.db.prepare("UPDATE households SET status = 'recipient' WHERE id = ?").run(households.recipient.id);
  return { app, east, west, households };
}

/** A department list as the office receives it: a title row, then the headers, then the rows. */
export async function listXlsx(headers: string[], rows: (string | number | Date)[][], title = '2026年名单'): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名单');
  ws.addRow([title]);
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

export const rowCount = (w: World, table: string): number => (w.app.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

/**
 * A department list in the shape departments send today (issue 18): a title merged across the table, optionally a
 * second note row, then the headers; the ID-like columns (身份证号码, 残疾人证号) formatted and stored as text.
 */
export async function departmentListXlsx(opts: { title: string; note?: string; headers: string[]; rows: (string | number | null)[][]; textColumns: number[] }): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  const width = opts.headers.length;
  ws.addRow([opts.title]);
  ws.mergeCells(1, 1, 1, width);
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  if (opts.note) {
    ws.addRow([opts.note]);
    ws.mergeCells(2, 1, 2, width);
  }
  ws.addRow(opts.headers);
  for (const r of opts.rows) ws.addRow(r);
  for (const c of opts.textColumns) ws.getColumn(c + 1).numFmt = '@';
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

/** A 20-digit 残疾人证号: the holder's ID number, the category digit (1 视力 … 7 多重) and the level digit (1–4). */
export const cardOf = (idNumber: string, category: number, level: number): string => `${idNumber}${category}${level}`;
