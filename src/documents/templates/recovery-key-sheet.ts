// 数据备份恢复密钥单 (issue 11): the office backup key on paper, printed once by the administrator and kept in
// the safe. Backups are encrypted with this key; on a new PC (or after the old one is lost) the backup opens only
// with these 80 digits. The sheet is made on request and never stored by the program.
import type { ContentObject, DocDefinition } from '../doc-definition.js';
import { FORM_SIZE, GRID_LAYOUT, SMALL_SIZE, fieldGrid, formatChineseDate, mm, numberedList, officialDocument, signatureLine, title } from '../layout.js';

export const RECOVERY_KEY_SHEET_TITLE = '数据备份恢复密钥单';

export type RecoveryKeySheetData = {
  /** The township (乡镇), as in 本镇设置. */
  township: string;
  /** The issuing office, e.g. "××镇民政所". */
  officeName: string;
  /** The key's public id, printed on every backup it encrypts. */
  keyId: string;
  /** The key as 20 groups of 4 digits (the last two digits are a check). */
  groups: readonly string[];
  printedOn: string;
  printedBy: string;
};

const GROUPS_PER_ROW = 4;
const KEY_SIZE = 18;

export function recoveryKeySheet(data: RecoveryKeySheetData): DocDefinition {
  if (data.groups.length !== 20 || !data.groups.every((g) => /^\d{4}$/.test(g))) throw new Error('恢复密钥应为 20 组、每组 4 位数字');
  const rows: string[][] = [];
  for (let i = 0; i < data.groups.length; i += GROUPS_PER_ROW) rows.push(data.groups.slice(i, i + GROUPS_PER_ROW));
  const keyTable: ContentObject = {
    margin: [0, 4, 0, 6],
    table: {
      widths: [mm(14), '*', '*', '*', '*'],
      body: rows.map((groups, r) => [
        { text: `第${r + 1}行`, fontSize: FORM_SIZE, alignment: 'center', margin: [0, 4, 0, 0] },
        ...groups.map((g): ContentObject => ({ text: g, fontSize: KEY_SIZE, bold: true, alignment: 'center', characterSpacing: 3, lineHeight: 1 })),
      ]),
    },
    layout: { ...GRID_LAYOUT, paddingTop: () => 4, paddingBottom: () => 2 },
  };
  return officialDocument({ title: RECOVERY_KEY_SHEET_TITLE, issueDate: data.printedOn, density: 'form', subject: `${data.officeName}${RECOVERY_KEY_SHEET_TITLE}` }, [
    { text: '重要凭证　请勿复制', bold: true, fontSize: SMALL_SIZE, margin: [0, -mm(10), 0, 4] },
    title(RECOVERY_KEY_SHEET_TITLE),
    fieldGrid([
      ['单位', data.officeName],
      ['乡镇', data.township],
      ['密钥编号', data.keyId],
      ['打印日期', formatChineseDate(data.printedOn)],
      ['打印人', data.printedBy],
      ['用途', '恢复加密的数据备份'],
    ]),
    { text: '恢复密钥（共 80 位数字，按行从左到右输入）', bold: true, fontSize: SMALL_SIZE, margin: [0, 8, 0, 0] },
    keyTable,
    { text: '请妥善保管于保险柜', bold: true, fontSize: SMALL_SIZE + 2, alignment: 'center', margin: [0, 0, 0, 4] },
    numberedList(
      [
        '本所的数据备份均已加密。在新电脑上或重装系统后恢复备份时，必须输入本单上的恢复密钥；没有它，任何人都无法打开备份文件。',
        '本单请妥善保管于保险柜，不得拍照、复印、扫描，不得存入电脑、U 盘或手机，不得与备份 U 盘放在一起。',
        '恢复时，在程序「备案与备份 → 备份与恢复」中选择备份文件，按提示逐组输入上表数字（空格、横线可不输入）。',
        '备份文件上记录的密钥编号与本单密钥编号一致时，本单才能打开该备份。',
        '本单如有遗失或泄露，请立即报告单位负责人。',
      ],
      FORM_SIZE,
    ),
    {
      // Who keeps the sheet signs on the left; the issuing office and the date (under its seal) on the right.
      unbreakable: true,
      margin: [0, 12, 0, 0],
      columns: [
        {
          width: '*',
          stack: ['保管人（签字）：', '监督人（签字）：', '封存日期：'].map((label): ContentObject => ({ stack: [signatureLine(label, 100, FORM_SIZE)], margin: [0, 0, 0, 10] })),
        },
        {
          width: 'auto',
          margin: [0, 14, mm(10), 0],
          stack: [
            { text: data.officeName, alignment: 'center', fontSize: SMALL_SIZE },
            { text: formatChineseDate(data.printedOn), alignment: 'center', fontSize: SMALL_SIZE },
          ],
        },
      ],
    },
  ]);
}
