import { FileExcelOutlined } from '@ant-design/icons';
import { App, Button, Empty, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { CrossCheckFinding, CrossCheckKind, CrossCheckResult } from '../../../../src/contract';
import { request } from '../../api';
import { downloadBase64 } from '../../components/download';
import { errorMessage } from '../../components/form-rules';

const KINDS: Record<CrossCheckKind, { label: string; color: string }> = {
  'two-townships': { label: '跨乡镇重复享受', color: 'red' },
  'two-households': { label: '同一乡镇两户重复享受', color: 'volcano' },
  'approved-and-exited': { label: '一乡镇纳入、另一乡镇退出', color: 'orange' },
  'too-old': { label: '年龄超过110岁', color: 'gold' },
  'impossible-birth-date': { label: '出生日期不可能', color: 'purple' },
};

/** 交叉比对: what no township can see alone, each finding with every source, exported for the townships to answer. */
export function CountyCrossCheckPage() {
  const { message } = App.useApp();
  const [r, setR] = useState<CrossCheckResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [kind, setKind] = useState<CrossCheckKind | null>(null);
  useEffect(() => {
    void request('county-cross-check', {}).then(setR, (err) => message.error(errorMessage(err)));
  }, [message]);
  const exportXlsx = async () => {
    setBusy(true);
    try {
      const f = await request('county-cross-check-export', {});
      downloadBase64(f.fileName, f.base64, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const shown = r ? r.findings.filter((f) => kind === null || f.kind === kind) : [];
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          交叉比对
        </Typography.Title>
        <Button icon={<FileExcelOutlined />} loading={busy} onClick={() => void exportXlsx()} disabled={!r?.findings.length}>
          导出 Excel（发乡镇核实）
        </Button>
      </Space>
      {r && (
        <Space wrap>
          <Tag.CheckableTag checked={kind === null} onChange={() => setKind(null)}>
            全部 {r.findings.length}
          </Tag.CheckableTag>
          {(Object.keys(KINDS) as CrossCheckKind[]).map((k) => (
            <Tag.CheckableTag key={k} checked={kind === k} onChange={() => setKind(kind === k ? null : k)} data-testid={`cross-kind-${k}`}>
              {KINDS[k].label} {r.counts[k]}
            </Tag.CheckableTag>
          ))}
        </Space>
      )}
      {r && r.findings.length === 0 ? (
        <Empty description="已接收的备案包之间未发现问题" />
      ) : (
        <Table<CrossCheckFinding>
          size="small"
          bordered
          rowKey={(f) => `${f.kind}:${f.idNumber}`}
          dataSource={shown}
          locale={{ emptyText: '这一类没有发现问题：点「全部」查看其他类别。' }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          data-testid="cross-check-table"
          columns={[
            { title: '问题', width: 150, render: (_, f) => <Tag color={KINDS[f.kind].color}>{KINDS[f.kind].label}</Tag> },
            { title: '姓名', dataIndex: 'name', width: 80 },
            { title: '身份证号码', dataIndex: 'idNumber', width: 180, render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
            {
              title: '来源（乡镇 · 备案包 · 村 · 户/案件）',
              render: (_, f) => (
                <div>
                  <div style={{ marginBottom: 4 }}>{f.detail}</div>
                  {f.sources.map((s, i) => (
                    <div key={i} style={{ fontSize: 12, color: '#555' }} data-testid="cross-source">
                      <b>{s.township}</b> · {s.village} · {s.headName}户{s.householdRef !== null ? `（户编号 ${s.householdRef}）` : ''}
                      {s.caseRef !== null ? `（案件 ${s.caseRef}）` : ''} · {s.role}
                      <div style={{ color: '#999' }}>{s.packageName}</div>
                    </div>
                  ))}
                </div>
              ),
            },
          ]}
        />
      )}
    </Space>
  );
}
