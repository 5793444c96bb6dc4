// 备案报送单 (issue 11): the paper that goes to the county with the USB stick, printed, signed and stamped. It
// names what the package holds and carries the manifest's SHA-256, the office key's fingerprint and the audit
// chain head, so the county can match the stamped paper against the package it verifies (verify-package --key).
import type { Content, DocDefinition } from '../doc-definition.js';
import { BODY_SIZE, factLine, fieldGrid, formatChineseDate, GRID_LAYOUT, officialDocument, sectionHeading, SMALL_SIZE, TABLE_SIZE, title } from '../layout.js';

export const FILING_COVER_SHEET_TITLE = '最低生活保障备案报送单';

export type FilingCoverSheetData = {
  township: string;
  officeName: string;
  campaign: string;
  scope: string;
  packageName: string;
  preparedBy: string;
  /** YYYY-MM-DD of the export, office time. */
  fillDate: string;
  counts: { cases: number; approved: number; ineligible: number; documents: number; auditEntries: number; files: number };
  manifestSha256: string;
  /** Upper-case hex SHA-256 of the raw Ed25519 public key. */
  fingerprint: string;
  auditChain: { rows: number; headId: number; headHash: string };
};

/**
 * 64 hex digits as two lines of eight groups, "AB12 CD34 …": the same lines on every sheet, easy to compare
 * with the screen or to read aloud over the phone.
 */
export function groupedHexLines(hex: string): string {
  const groups = hex.toUpperCase().match(/.{1,4}/g) ?? [];
  return [groups.slice(0, 8).join(' '), groups.slice(8).join(' ')].filter((l) => l !== '').join('\n');
}

/** A ruled grid: the label with what the code is under it, and the code on its own two lines. */
function codeTable(rows: readonly (readonly [label: string, what: string, code: string])[]): Content {
  return {
    fontSize: TABLE_SIZE,
    lineHeight: 1.1,
    margin: [0, 0, 0, 4],
    table: {
      widths: [TABLE_SIZE * 11, '*'],
      body: rows.map(([label, what, code]) => [
        { stack: [{ text: label, bold: true }, { text: what, fontSize: TABLE_SIZE - 2.5 }], alignment: 'center' },
        { text: code, characterSpacing: 0.6, margin: [0, 2, 0, 0] },
      ]),
    },
    layout: GRID_LAYOUT,
  };
}

export function filingCoverSheet(data: FilingCoverSheetData): DocDefinition {
  const c = data.counts;
  const chain = data.auditChain;
  return officialDocument({ title: `${FILING_COVER_SHEET_TITLE}（${data.packageName}）`, issueDate: data.fillDate, density: 'form' }, [
    title(FILING_COVER_SHEET_TITLE),
    factLine([
      ['报送单位', data.officeName],
      ['报送日期', formatChineseDate(data.fillDate)],
    ]),
    fieldGrid([
      ['专项治理', data.campaign],
      ['制作人', data.preparedBy],
      ['报送范围', data.scope, 'wide'],
      ['备案包名称', data.packageName, 'wide'],
    ]),
    sectionHeading('一、报送内容'),
    fieldGrid([
      ['案件', `${c.cases}件`],
      ['审批通过', `${c.approved}户`],
      ['不予批准', `${c.ineligible}户`],
      ['文书', `${c.documents}份`],
      ['操作记录', `${c.auditEntries}条`],
      ['文件总数', `${c.files}个`],
    ]),
    sectionHeading('二、电子核验信息'),
    codeTable([
      ['清单哈希', 'manifest.json 的 SHA-256', groupedHexLines(data.manifestSha256)],
      ['签名密钥指纹', '本所 Ed25519 公钥的 SHA-256', groupedHexLines(data.fingerprint)],
      ['审计日志链头', `共 ${chain.rows} 条，第 ${chain.headId} 条的哈希`, groupedHexLines(chain.headHash)],
    ]),
    {
      fontSize: TABLE_SIZE - 1.5,
      lineHeight: 1.15,
      margin: [0, 2, 0, 0],
      text:
        '核验：用低保案件台「备案与备份 → 核验/查看备案包」，或运行 dibao verify-package 备案包路径 --key 签名密钥指纹。' +
        '核验通过且清单哈希、密钥指纹与本单一致，即证明U盘中的备案包由本所制作、未被改动。',
    },
    {
      // Signatures on the left, the office's seal and date on the right (the seal presses on both), the
      // county's receipt under them: one block, never split from the codes it vouches for.
      unbreakable: true,
      margin: [0, 8, 0, 0],
      stack: [
        {
          columns: [
            {
              width: '*',
              // Labels in one fixed-width column, so the three lines start under each other.
              stack: ['经办人', '民政所负责人', '分管领导'].map((label, i) => ({
                margin: [0, i === 0 ? 0 : 8, 0, 0],
                fontSize: TABLE_SIZE,
                columns: [
                  { width: TABLE_SIZE * 11, text: `${label}（签字）：`, noWrap: true },
                  { width: 90, canvas: [{ type: 'line', x1: 0, y1: TABLE_SIZE * 1.25, x2: 90, y2: TABLE_SIZE * 1.25, lineWidth: 0.6 }] },
                ],
              })),
            },
            {
              width: 'auto',
              fontSize: BODY_SIZE,
              stack: [
                { text: data.officeName, alignment: 'center' },
                { text: '（盖章）', alignment: 'center', fontSize: SMALL_SIZE, margin: [0, 8, 0, 0] },
                { text: formatChineseDate(data.fillDate), alignment: 'center', margin: [0, 4, 0, 0] },
              ],
            },
            { width: BODY_SIZE * 2, text: '' },
          ],
        },
        { margin: [0, 12, 0, 0], fontSize: TABLE_SIZE, text: '接收单位（签收）：　　　　　　　　　　　　接收日期：　　年　　月　　日' },
      ],
    },
  ]);
}
