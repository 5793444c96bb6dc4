import { Button, Input, Space, Tag, Typography, type InputRef } from 'antd';
import type { Rule } from 'antd/es/form';
import { useRef } from 'react';
import { DOCUMENT_KIND_LABELS, NUMBERED_KINDS, type NumberedKind } from '../../../../src/contract';
import {
  DEFAULT_NUMBER_PATTERN,
  displayPattern,
  formatDocumentNumber,
  NUMBER_PARTS,
  NUMBER_PART_LABELS,
  partTag,
  patternSegments,
  readDisplayPattern,
  type NumberPart,
} from '../../../../src/domain/document-number';

/** The form holds the pattern as the clerk sees it (【序号】…); this rule says in Chinese what is wrong with it. */
export const numberPatternRule: Rule = {
  validator: async (_rule, value: unknown) => {
    const r = readDisplayPattern(typeof value === 'string' ? value : '');
    if (!r.ok) throw new Error(r.message);
  },
};

const PART_HINTS: Record<NumberPart, string> = {
  township: '下方“乡镇简称”一栏，留空取乡镇名称',
  kind: '每类文书各自的代字，如“不批”“停发”',
  year: '出具当年，如 2026',
  seq: '当年该类文书的第几份，每年从1起',
};

/**
 * 文号格式 as text with named parts: the clerk types the fixed characters and inserts 【乡镇简称】, 【文书类别代字】,
 * 【年份】 and 【序号】 with the buttons at the caret. Used as a Form.Item child (value/onChange).
 */
export function NumberPatternInput({ value, onChange }: { value?: string; onChange?: (value: string) => void }) {
  const ref = useRef<InputRef>(null);
  const text = value ?? '';
  const insert = (part: NumberPart) => {
    const el = ref.current?.input;
    const start = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? start;
    const tag = partTag(part);
    onChange?.(text.slice(0, start) + tag + text.slice(end));
    // Put the caret after the inserted part once React has written the new value.
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + tag.length, start + tag.length);
    });
  };
  return (
    <Space direction="vertical" size={6} style={{ width: '100%' }}>
      <Input ref={ref} value={text} onChange={(e) => onChange?.(e.target.value)} style={{ maxWidth: 520 }} aria-label="文号格式" />
      <Space size={6} wrap>
        <Typography.Text type="secondary">在光标处插入：</Typography.Text>
        {NUMBER_PARTS.map((p) => (
          <Button key={p} size="small" autoInsertSpace={false} onClick={() => insert(p)} title={PART_HINTS[p]}>
            {NUMBER_PART_LABELS[p]}
          </Button>
        ))}
        <Button size="small" type="link" onClick={() => onChange?.(displayPattern(DEFAULT_NUMBER_PATTERN))}>
          恢复默认格式
        </Button>
      </Space>
    </Space>
  );
}

export type LiveParts = { township: string; prefixes: Partial<Record<NumberedKind, string>>; year: number; nextSeq: Record<NumberedKind, number> };

/** The pattern being edited, as its parts and as the next number of each kind, updated at every keystroke. */
export function NumberPatternPreview({ text, parts }: { text: string; parts: LiveParts }) {
  const read = readDisplayPattern(text);
  if (!read.ok) return <Typography.Text type="secondary">填写正确后，这里显示按此格式编出的文号。</Typography.Text>;
  const segments = patternSegments(read.pattern);
  return (
    <Space direction="vertical" size={4}>
      <span>
        <Typography.Text type="secondary">组成：</Typography.Text>
        {segments.map((s, i) =>
          s.kind === 'part' ? (
            <Tag key={i} color="blue" style={{ marginInline: 2 }} title={PART_HINTS[s.part]}>
              {NUMBER_PART_LABELS[s.part]}
            </Tag>
          ) : (
            <Typography.Text key={i} code>
              {s.text}
            </Typography.Text>
          ),
        )}
      </span>
      <Typography.Text type="secondary">按当前填写，今年下一份文书的文号（保存后生效）：</Typography.Text>
      <Space size={[24, 4]} wrap>
        {NUMBERED_KINDS.map((kind) => (
          <span key={kind} data-testid={`number-example-${kind}`}>
            <Typography.Text type="secondary">{DOCUMENT_KIND_LABELS[kind]}　</Typography.Text>
            <Typography.Text strong>
              {formatDocumentNumber(read.pattern, { township: parts.township, kind: parts.prefixes[kind] || '（代字）', year: parts.year, seq: parts.nextSeq[kind] })}
            </Typography.Text>
          </span>
        ))}
      </Space>
    </Space>
  );
}
