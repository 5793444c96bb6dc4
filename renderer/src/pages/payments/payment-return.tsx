import { CheckOutlined, DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, Divider, Row, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { PaymentBatchView, RetryItem, ReturnField, ReturnMapping, ReturnPreview } from '../../../../src/contract';
import { formatAccountNumber } from '../../../../src/domain/bank-account';
import { request } from '../../api';
import { downloadBase64 } from '../../components/download';
import { errorMessage } from '../../components/form-rules';
import { SheetPicker, uploadTooLarge } from '../../components/sheet-picker';
import { href } from '../../router';
import { STATUS_TAGS, XLSX } from './payment-labels';

const toBase64 = (file: Blob): Promise<string> =>
  new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(new Error('无法读取该文件'));
    reader.readAsDataURL(file);
  });

type ReturnFile = { fileName: string; base64: string; sheetName: string | null };

const FIELD_LABELS: Record<ReturnField, string> = { account: '账号', name: '户名/姓名', amount: '金额', status: '状态/处理结果', reason: '失败原因' };

/** The bank's return file: preview with every problem by row and column, then all or nothing. */
export function ReturnImport({ view, onImported }: { view: PaymentBatchView; onImported: () => void }) {
  const { message } = App.useApp();
  const [file, setFile] = useState<ReturnFile | null>(null);
  const [preview, setPreview] = useState<ReturnPreview | null>(null);
  const [busy, setBusy] = useState(false);

  const runPreview = async (f: ReturnFile, mapping: ReturnMapping | null) => {
    setBusy(true);
    try {
      setPreview(await request('payment-return-preview', { batchId: view.batch.id, ...f, mapping }));
    } catch (err) {
      setPreview(null);
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const commit = async () => {
    if (!file || !preview) return;
    setBusy(true);
    try {
      const r = await request('payment-return-commit', { batchId: view.batch.id, ...file, sheetName: preview.sheetName, mapping: preview.mapping });
      if (r.alreadyImported) message.info('该回盘文件已导入过，未作任何修改');
      else message.success(`已导入银行回盘：成功 ${r.paid} 户，失败 ${r.failed} 户${r.unchanged ? `，${r.unchanged} 户无变化` : ''}`);
      setFile(null);
      setPreview(null);
      onImported();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Upload
          accept=".xlsx"
          showUploadList={false}
          customRequest={async ({ file: f, onSuccess }) => {
            const picked = f as File;
            const tooLarge = uploadTooLarge(picked);
            if (tooLarge) {
              message.error(tooLarge);
              return;
            }
            const next = { fileName: picked.name, base64: await toBase64(picked), sheetName: null };
            setFile(next);
            await runPreview(next, null);
            onSuccess?.(null);
          }}
        >
          <Button icon={<UploadOutlined />} loading={busy}>
            选择银行回盘文件（.xlsx）
          </Button>
        </Upload>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          按账号对应本批次的代发记录；有任何一行有问题，整个文件都不导入。同一文件重复导入不会改变任何记录。
        </Typography.Text>
      </Space>
      {view.returns.length > 0 && (
        <Typography.Text type="secondary">
          已导入：
          {view.returns.map((r) => `${r.fileName}（成功${r.paid}户、失败${r.failed}户，${r.importedBy} ${r.importedAt.slice(0, 10)}）`).join('；')}
        </Typography.Text>
      )}
      {file && preview && (
        <>
          <SheetPicker
            sheets={preview.sheets}
            value={preview.sheetName}
            disabled={busy}
            onChange={(sheetName) => {
              const next = { ...file, sheetName };
              setFile(next);
              void runPreview(next, null);
            }}
          />
          <Divider orientation="left" plain>
            列对应（{preview.fileName}{preview.sheets.length > 1 ? `，工作表「${preview.sheetName}」` : ''}，{preview.dataRows} 行）
          </Divider>
          <Row gutter={[12, 8]}>
            {(Object.keys(FIELD_LABELS) as ReturnField[]).map((f) => (
              <Col key={f} span={8}>
                <Space>
                  <span style={{ display: 'inline-block', width: 96 }}>{FIELD_LABELS[f]}</span>
                  <Select
                    aria-label={`${FIELD_LABELS[f]}列`}
                    style={{ width: 180 }}
                    value={preview.mapping[f] ?? -1}
                    onChange={(v) => void runPreview(file, { ...preview.mapping, [f]: v === -1 ? null : v })}
                    options={[{ value: -1, label: '（无此列）' }, ...preview.headers.map((h, i) => ({ value: i, label: h || `第${i + 1}列` }))]}
                  />
                </Space>
              </Col>
            ))}
          </Row>
          {preview.alreadyImported && <Alert type="info" showIcon message="该回盘文件已导入过本批次，再次导入不会改变任何记录。" />}
          {preview.problems.length > 0 ? (
            <>
              <Alert type="error" showIcon message={`发现 ${preview.problems.length} 处问题，整个文件不能导入。请与银行核实或更正后重新选择文件。`} />
              <Table
                locale={{ emptyText: '没有发现问题。' }}
                size="small"
                rowKey={(p) => `${p.row}-${p.column ?? ''}-${p.message}`}
                pagination={false}
                dataSource={preview.problems}
                columns={[
                  { title: '行', dataIndex: 'row', width: 60 },
                  { title: '列', dataIndex: 'column', width: 120, render: (v: string | null) => v ?? '—' },
                  { title: '问题', dataIndex: 'message' },
                ]}
              />
            </>
          ) : (
            <Alert
              type="success"
              showIcon
              message={`可以导入：成功 ${preview.paid} 户，失败 ${preview.failed} 户${preview.unchanged ? `，${preview.unchanged} 户与已导入结果相同` : ''}`}
            />
          )}
          {preview.items.length > 0 && (
            <Table
              locale={{ emptyText: '回盘文件中没有可导入的行：请核对是否选错了文件或工作表。' }}
              size="small"
              rowKey="row"
              pagination={{ pageSize: 20, showSizeChanger: false }}
              dataSource={preview.items}
              columns={[
                { title: '行', dataIndex: 'row', width: 60 },
                { title: '户主', dataIndex: 'headName', width: 90 },
                { title: '账号', dataIndex: 'accountNumber', render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{formatAccountNumber(v)}</span> },
                { title: '金额（元）', dataIndex: 'amount', width: 100, align: 'right', render: (v: number) => v.toFixed(2) },
                {
                  title: '结果',
                  width: 260,
                  render: (_v, i) => (
                    <Space>
                      <Tag color={i.result === 'paid' ? 'green' : 'red'}>{i.result === 'paid' ? '成功' : '失败'}</Tag>
                      {i.reason}
                      {i.change === 'unchanged' && <Typography.Text type="secondary">（无变化）</Typography.Text>}
                    </Space>
                  ),
                },
              ]}
            />
          )}
          <Space>
            <Button type="primary" icon={<CheckOutlined />} loading={busy} disabled={preview.problems.length > 0 || preview.alreadyImported} onClick={() => void commit()}>
              确认导入
            </Button>
            <Button onClick={() => (setFile(null), setPreview(null))}>取消</Button>
          </Space>
        </>
      )}
    </Space>
  );
}

const FIX_COLORS: Record<RetryItem['fix'], string> = { 'account-changed': 'green', 'account-added': 'green', 'same-account': 'orange', 'no-account': 'red', sent: 'blue' };
const FIX_LABELS: Record<RetryItem['fix'], string> = { 'account-changed': '账号已更正', 'account-added': '已补录账户', 'same-account': '账号未更改', 'no-account': '无有效账户', sent: '已补发待回盘' };

/** Failed and excluded rows, what to fix, and the retry bank file for those that can be paid now. */
export function RetryList({ view, onChanged }: { view: PaymentBatchView; onChanged: () => void }) {
  const { message } = App.useApp();
  const [items, setItems] = useState<RetryItem[] | null>(null);
  const load = useCallback(async () => {
    try {
      setItems(await request('payment-retry-list', { batchId: view.batch.id }));
    } catch (err) {
      message.error(errorMessage(err));
    }
  }, [view, message]);
  useEffect(() => {
    void load();
  }, [load]);
  const ready = (items ?? []).filter((i) => i.current !== null && i.fix !== 'sent').length;
  const sent = (items ?? []).some((i) => i.fix === 'sent');

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Button
          type="primary"
          icon={<DownloadOutlined />}
          disabled={ready === 0 && !sent}
          onClick={async () => {
            try {
              const f = await request('payment-retry-export', { batchId: view.batch.id });
              downloadBase64(f.fileName, f.base64, XLSX);
              message.success(`已生成补发文件：${f.rows} 户`);
              await load();
              onChanged();
            } catch (err) {
              message.error(errorMessage(err));
            }
          }}
        >
          {ready > 0 ? `生成补发文件（${ready} 户）` : '重新下载补发文件'}
        </Button>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          补发按原批次金额，发往家庭现在登记的账户；银行回盘仍在「银行回盘」中导入。
        </Typography.Text>
      </Space>
      <Table
        size="small"
        rowKey={(i) => i.row.id}
        loading={items === null}
        locale={{ emptyText: '没有发放失败或未列入代发的家庭' }}
        pagination={false}
        dataSource={items ?? []}
        columns={[
          { title: '村（社区）', width: 96, render: (_v, i) => i.row.villageName },
          { title: '户主', width: 80, render: (_v, i) => <a href={href({ page: 'household', id: i.row.householdId })}>{i.row.headName}</a> },
          { title: '金额（元）', width: 90, align: 'right', render: (_v, i) => i.row.amount.toFixed(2) },
          {
            title: '原因',
            width: 200,
            render: (_v, i) => (
              <div>
                <Tag color={STATUS_TAGS[i.row.status].color}>{STATUS_TAGS[i.row.status].label}</Tag>
                <Typography.Text type="danger" style={{ fontSize: 12 }}>
                  {i.row.failReason ?? i.row.problem}
                </Typography.Text>
              </div>
            ),
          },
          {
            title: '原账号',
            width: 200,
            render: (_v, i) => <span style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{i.row.accountNumber ? formatAccountNumber(i.row.accountNumber) : '—'}</span>,
          },
          {
            title: '现登记账号',
            width: 220,
            render: (_v, i) =>
              i.current ? (
                <div>
                  <span style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{formatAccountNumber(i.current.accountNumber)}</span>
                  <br />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {i.current.bankName} · {i.current.holderName}
                  </Typography.Text>
                </div>
              ) : (
                '—'
              ),
          },
          {
            title: '处理',
            render: (_v, i) => (
              <div>
                <Tag color={FIX_COLORS[i.fix]}>{FIX_LABELS[i.fix]}</Tag>
                <Typography.Text style={{ fontSize: 12 }}>{i.advice}</Typography.Text>
              </div>
            ),
          },
        ]}
      />
    </Space>
  );
}
