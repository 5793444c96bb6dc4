import { AuditOutlined, DownloadOutlined, FileTextOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Divider, Modal, Row, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import {
  REQUIRED_VERIFICATION_FIELDS,
  VERIFICATION_FIELD_LABELS,
  VERIFICATION_FIELDS,
  type CampaignView,
  type DocumentView,
  type ImportProblem,
  type VerificationBatchCases,
  type VerificationField,
  type VerificationImportHousehold,
  type VerificationImportPreview,
} from '../../../../src/contract';
import { request } from '../../api';
import { downloadBase64 } from '../../components/download';
import { errorMessage } from '../../components/form-rules';
import { SheetPicker, uploadTooLarge } from '../../components/sheet-picker';
import { DocumentPreview } from '../documents/document-preview';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const toBase64 = (file: Blob): Promise<string> =>
  new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(new Error('无法读取该文件'));
    reader.readAsDataURL(file);
  });

/** The campaign's 核对 batch (plan 三(二)第三步): 附件2/附件3, the Excel for the county platform, and its findings back. */
export function VerificationBatchButton({ campaign, onDone }: { campaign: CampaignView; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon={<AuditOutlined />} onClick={() => setOpen(true)}>
        经济状况核对
      </Button>
      {open && (
        <VerificationBatchModal
          campaign={campaign}
          onClose={() => {
            setOpen(false);
            onDone();
          }}
        />
      )}
    </>
  );
}

function VerificationBatchModal({ campaign, onClose }: { campaign: CampaignView; onClose: () => void }) {
  const { message, modal } = App.useApp();
  const [villageId, setVillageId] = useState<number | null>(null);
  const [file, setFile] = useState<{ fileName: string; base64: string; sheetName: string | null } | null>(null);
  const [mapping, setMapping] = useState<Partial<Record<VerificationField, number | null>> | null>(null);
  const [preview, setPreview] = useState<VerificationImportPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [doc, setDoc] = useState<DocumentView | null>(null);
  const villageOptions = campaign.villageIds.map((v, i) => ({ value: v, label: campaign.villageNames[i] }));

  const runPreview = async (f: { fileName: string; base64: string; sheetName: string | null }, m: Partial<Record<VerificationField, number | null>> | null) => {
    setBusy(true);
    try {
      const p = await request('verification-import-preview', { campaignId: campaign.id, ...f, mapping: m });
      setPreview(p);
      setMapping(p.mapping);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  /** One confirmation for the batch: the cases it moves are listed, and the success message says what moved. */
  const confirmAdvance = (ready: VerificationBatchCases) =>
    modal.confirm({
      title: `核对完成，将 ${ready.cases.length} 户转入入户调查？`,
      width: 560,
      content: (
        <>
          <Typography.Paragraph type="secondary">按「{ready.fileName}」的核对结果，以下各户的经济状况核对已完成：</Typography.Paragraph>
          <ul style={{ maxHeight: 240, overflow: 'auto', paddingLeft: 20 }}>
            {ready.cases.map((c) => (
              <li key={c.caseId}>
                {c.villageName} {c.headName ?? ''}户{c.compliant ? '' : '（财产状况不符合）'}
              </li>
            ))}
          </ul>
          <Typography.Text type="secondary">也可稍后在各户案件中逐一确认。</Typography.Text>
        </>
      ),
      okText: '确认转入入户调查',
      cancelText: '稍后逐户确认',
      onOk: async () => {
        try {
          const r = await request('verification-batch-advance', { batchId: ready.batchId, caseIds: ready.cases.map((c) => c.caseId) });
          message.success(`已将 ${r.moved} 户转入入户调查：${r.cases.map((c) => `${c.headName ?? ''}户`).join('、')}`);
        } catch (err) {
          message.error(errorMessage(err));
          throw err;
        }
      },
    });

  const issueAnnex = async (kind: 'person-summary' | 'filing-register') => {
    if (!villageId) {
      message.warning('请先选择村（社区）');
      return;
    }
    try {
      setDoc(await request('case-annex-issue', { campaignId: campaign.id, villageId, kind }));
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  return (
    <Modal open title="经济状况核对（批量）" width={1000} footer={<Button onClick={onClose}>关闭</Button>} onCancel={onClose}>
      <Typography.Paragraph type="secondary">
        方案三(二)第三步：镇将人员信息汇总表报县民政局，通过家庭经济财产核对系统核对。导出的表格包含处于「经济状况核对」阶段的全部家庭成员，核对平台填写核定月收入、财产情况和结论后，在此导入。
      </Typography.Paragraph>
      <Card size="small" title="一、导出人员信息汇总表">
        <Space wrap>
          <Select allowClear style={{ width: 180 }} placeholder="全部村（社区）" options={villageOptions} value={villageId ?? undefined} onChange={(v: number | undefined) => setVillageId(v ?? null)} />
          <Button
            type="primary"
            icon={<DownloadOutlined />}
            onClick={async () => {
              try {
                const r = await request('verification-export', { campaignId: campaign.id, villageId });
                downloadBase64(r.fileName, r.base64, XLSX);
                message.success(`已导出 ${r.households} 户`);
              } catch (err) {
                message.error(errorMessage(err));
              }
            }}
          >
            导出 Excel（报县核对平台）
          </Button>
          <Button icon={<FileTextOutlined />} onClick={() => void issueAnnex('person-summary')}>
            出具附件2 人员信息汇总表
          </Button>
          <Button icon={<FileTextOutlined />} onClick={() => void issueAnnex('filing-register')}>
            出具附件3 备案登记表
          </Button>
        </Space>
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            附件2、附件3 按村（社区）出具，列入本次专项治理中已进入申请步骤的案件。
          </Typography.Text>
        </div>
      </Card>

      <Card size="small" title="二、导入核对结果" style={{ marginTop: 16 }}>
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
            setMapping(null);
            await runPreview(next, null);
            onSuccess?.(null);
          }}
        >
          <Button icon={<UploadOutlined />} loading={busy}>
            选择核对结果文件（.xlsx）
          </Button>
        </Upload>
        {file && preview && (
          <>
            <div style={{ marginTop: 12 }}>
              <SheetPicker
                sheets={preview.sheets}
                value={preview.sheetName}
                disabled={busy}
                onChange={(sheetName) => {
                  const next = { ...file, sheetName };
                  setFile(next);
                  setMapping(null);
                  void runPreview(next, null);
                }}
              />
            </div>
            <Divider orientation="left" plain>
              列对应（{file.fileName}{preview.sheets.length > 1 ? `，工作表「${preview.sheetName}」` : ''}，{preview.dataRows} 行）
            </Divider>
            <Row gutter={[12, 8]}>
              {VERIFICATION_FIELDS.map((f) => (
                <Col span={12} key={f}>
                  <Space.Compact style={{ width: '100%' }}>
                    <Button tabIndex={-1} style={{ width: 200, textAlign: 'left', pointerEvents: 'none' }}>
                      {VERIFICATION_FIELD_LABELS[f]}
                      {REQUIRED_VERIFICATION_FIELDS.includes(f) && <span style={{ color: '#cf1322' }}>*</span>}
                    </Button>
                    <Select
                      style={{ flex: 1 }}
                      allowClear
                      placeholder="（不导入）"
                      aria-label={`${VERIFICATION_FIELD_LABELS[f]}对应列`}
                      value={mapping?.[f] ?? undefined}
                      options={preview.headers.map((h) => ({ value: h.column, label: `第${h.column}列 ${h.header}` }))}
                      onChange={(v: number | undefined) => {
                        const m = { ...(mapping ?? {}), [f]: v ?? null };
                        setMapping(m);
                        void runPreview(file, m);
                      }}
                    />
                  </Space.Compact>
                </Col>
              ))}
            </Row>
            <Divider orientation="left" plain>
              预览
            </Divider>
            {preview.alreadyImported && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={`该文件已于 ${preview.alreadyImported.importedAt.slice(0, 16).replace('T', ' ')} 由 ${preview.alreadyImported.importedBy} 导入，再次导入不会改变任何数据。`} />}
            {preview.problems.length > 0 ? (
              <>
                <Alert type="error" showIcon style={{ marginBottom: 12 }} message={`发现 ${preview.problems.length} 处问题：须全部改正后才能导入（全部导入或全部不导入）`} />
                <Table<ImportProblem>
                  locale={{ emptyText: '没有发现问题。' }}
                  size="small"
                  rowKey={(p, i) => `${p.row}-${p.column ?? ''}-${i}`}
                  pagination={{ pageSize: 10, hideOnSinglePage: true }}
                  dataSource={preview.problems}
                  columns={[
                    { title: '行', dataIndex: 'row', width: 60 },
                    { title: '列', dataIndex: 'column', width: 200, render: (v: string | null) => v ?? '—' },
                    { title: '问题', dataIndex: 'message' },
                  ]}
                />
              </>
            ) : (
              <Alert type="success" showIcon style={{ marginBottom: 12 }} message={`共 ${preview.households.length} 户可导入`} />
            )}
            <Table<VerificationImportHousehold>
              size="small"
              rowKey="caseId"
              style={{ marginTop: 12 }}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              dataSource={preview.households}
              locale={{ emptyText: '没有可识别的家庭' }}
              columns={[
                { title: '村（社区）', dataIndex: 'villageName', width: 110 },
                { title: '户主', dataIndex: 'headName', width: 90 },
                { title: '户主身份证号码', dataIndex: 'headIdNumber', width: 180 },
                {
                  title: '成员行数',
                  dataIndex: 'rows',
                  width: 110,
                  align: 'right',
                  render: (v: number, h) => (h.problemRows ? <Typography.Text type="danger">{`${v}（${h.problemRows} 行有误）`}</Typography.Text> : v),
                },
                {
                  title: '核定月收入合计（元）',
                  dataIndex: 'monthlyIncomeTotal',
                  width: 150,
                  align: 'right',
                  render: (v: number | null) => (v === null ? <Typography.Text type="secondary">待改正后计算</Typography.Text> : v.toFixed(2)),
                },
                {
                  title: '财产状况',
                  dataIndex: 'compliant',
                  render: (v: boolean | null) => (v === null ? <Tag>未填写</Tag> : v ? <Tag color="green">符合</Tag> : <Tag color="red">不符合</Tag>),
                },
              ]}
            />
            <div style={{ marginTop: 12, textAlign: 'right' }}>
              <Button
                type="primary"
                disabled={preview.problems.length > 0 || preview.households.length === 0}
                loading={busy}
                onClick={async () => {
                  setBusy(true);
                  try {
                    const r = await request('verification-import-commit', { campaignId: campaign.id, ...file, sheetName: preview.sheetName, mapping });
                    if (r.alreadyImported) message.info('该文件已导入过，未作任何改动');
                    else message.success(`已导入 ${r.households} 户的核对结果${r.ready.cases.length ? `，其中 ${r.ready.cases.length} 户可一次确认核对完成、转入入户调查` : ''}`);
                    setFile(null);
                    setPreview(null);
                    if (r.ready.cases.length) confirmAdvance(r.ready);
                  } catch (err) {
                    message.error(errorMessage(err));
                  } finally {
                    setBusy(false);
                  }
                }}
              >
                确认导入
              </Button>
            </div>
          </>
        )}
      </Card>
      <DocumentPreview document={doc} onClose={() => setDoc(null)} />
    </Modal>
  );
}
