import { Alert, App, Button, Card, Col, Descriptions, Form, Input, InputNumber, Radio, Row, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { ASSET_LABELS, type CaseVerificationView, type VerificationAssets } from '../../../../src/contract';
import { request } from '../../api';
import { errorMessage } from '../../components/form-rules';
import { CaseAttachments } from './case-attachments';
import type { StepPanelProps } from './step-panels';

type FindingForm = { incomes: Record<string, number | null>; assets: VerificationAssets; compliant?: boolean; note?: string };
const ASSET_KEYS = Object.keys(ASSET_LABELS) as (keyof VerificationAssets)[];

/** 第三步核对: the county platform's finding (imported on the campaign page, or entered here by hand). */
export function VerificationPanel({ detail, onChanged }: StepPanelProps) {
  const { message } = App.useApp();
  const [view, setView] = useState<CaseVerificationView | null>(null);
  const [form] = Form.useForm<FindingForm>();
  const load = useCallback(async () => {
    try {
      const v = await request('case-verification-get', { caseId: detail.id });
      setView(v);
      const latest = v.latest;
      form.setFieldsValue({
        incomes: Object.fromEntries(v.members.map((m) => [String(m.personId), latest?.incomes.find((i) => i.personId === m.personId)?.monthlyIncome ?? m.monthlyIncome])),
        assets: latest?.assets ?? { vehicles: '', realEstate: '', deposits: '', business: '', other: '' },
        ...(latest ? { compliant: latest.compliant } : {}),
        note: latest?.note ?? undefined,
      });
    } catch (err) {
      message.error(errorMessage(err));
    }
  }, [detail.id, form, message]);
  useEffect(() => {
    void load();
  }, [load]);
  if (!view) return <Card loading bordered={false} />;
  const latest = view.latest;
  const canMove = detail.allowedActions.includes('record-verification');

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {view.missing.length > 0 ? (
        <Alert type="warning" showIcon message={view.missing.join('；')} description="可在专项治理页面「经济状况核对」中批量导出人员信息汇总表、导入核对平台反馈结果，也可在下方手工录入。" />
      ) : (
        <Alert type="success" showIcon message="已录入核对结果，核对结果已写入家庭测算信息" />
      )}

      {latest && (
        <Card size="small" title="最近一次核对结果">
          <Descriptions size="small" column={3} bordered>
            <Descriptions.Item label="来源">{latest.source === 'import' ? `核对平台反馈文件（批次 ${latest.batchId}）` : '手工录入'}</Descriptions.Item>
            <Descriptions.Item label="录入人">{latest.recordedBy}</Descriptions.Item>
            <Descriptions.Item label="录入时间">{dayjs(latest.recordedAt).format('YYYY-MM-DD HH:mm')}</Descriptions.Item>
            <Descriptions.Item label="财产状况">{latest.compliant ? <Tag color="green">符合规定</Tag> : <Tag color="red">不符合规定</Tag>}</Descriptions.Item>
            <Descriptions.Item label="核定月收入" span={2}>
              {latest.incomes.length ? latest.incomes.map((i) => `${i.name} ${i.monthlyIncome.toFixed(2)} 元`).join('；') : '—'}
            </Descriptions.Item>
            {ASSET_KEYS.map((k) => (
              <Descriptions.Item key={k} label={ASSET_LABELS[k]}>
                {latest.assets[k] || '无'}
              </Descriptions.Item>
            ))}
            <Descriptions.Item label="核对说明">{latest.note ?? '—'}</Descriptions.Item>
          </Descriptions>
          {latest.fileHash && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              文件 SHA-256：{latest.fileHash}
            </Typography.Text>
          )}
        </Card>
      )}

      {view.canEdit && (
        <Card size="small" title={latest ? '重新录入核对结果' : '手工录入核对结果'}>
          <Form
            form={form}
            layout="vertical"
            onFinish={async (v) => {
              try {
                const next = await request('case-verification-record', {
                  caseId: detail.id,
                  incomes: view.members.map((m) => ({ personId: m.personId, monthlyIncome: v.incomes[String(m.personId)] ?? 0 })),
                  assets: v.assets,
                  compliant: v.compliant!,
                  note: v.note ?? null,
                });
                setView(next);
                message.success('核对结果已保存，并已更新家庭成员收入和财产状况');
              } catch (err) {
                message.error(errorMessage(err));
              }
            }}
          >
            <Typography.Text strong>核定月收入（元）</Typography.Text>
            <Table
              locale={{ emptyText: '本户还没有登记成员：请先在家庭档案中「添加成员」。' }}
              rowKey="personId"
              size="small"
              pagination={false}
              style={{ margin: '8px 0 16px' }}
              dataSource={view.members}
              columns={[
                { title: '姓名', dataIndex: 'name', width: 100 },
                { title: '与户主关系', dataIndex: 'relation', width: 100 },
                { title: '身份证号码', dataIndex: 'idNumber', width: 190 },
                { title: '登记月收入', dataIndex: 'monthlyIncome', width: 110, align: 'right', render: (v: number) => v.toFixed(2) },
                {
                  title: '核定月收入',
                  render: (_v, m) => (
                    <Form.Item name={['incomes', String(m.personId)]} noStyle rules={[{ required: true, message: '请填写' }]}>
                      <InputNumber precision={2} style={{ width: 140 }} aria-label={`${m.name}核定月收入`} />
                    </Form.Item>
                  ),
                },
              ]}
            />
            <Row gutter={16}>
              {ASSET_KEYS.map((k) => (
                <Col span={8} key={k}>
                  <Form.Item label={ASSET_LABELS[k]} name={['assets', k]}>
                    <Input placeholder="无则留空" />
                  </Form.Item>
                </Col>
              ))}
            </Row>
            <Form.Item label="家庭财产状况是否符合规定" name="compliant" rules={[{ required: true, message: '请选择核对结论' }]}>
              <Radio.Group
                options={[
                  { value: true, label: '符合' },
                  { value: false, label: '不符合' },
                ]}
              />
            </Form.Item>
            <Form.Item label="核对说明" name="note">
              <Input.TextArea rows={2} />
            </Form.Item>
            <Button htmlType="submit">保存核对结果</Button>
          </Form>
        </Card>
      )}

      <Card size="small" title="附件（核对报告扫描件）">
        <CaseAttachments caseId={detail.id} canUpload={view.canEdit} />
      </Card>

      {canMove && (
        <div>
          <Button
            type="primary"
            disabled={!latest}
            onClick={async () => {
              try {
                onChanged(await request('case-record-verification', { caseId: detail.id }));
                message.success('核对完成，转入入户调查');
              } catch (err) {
                message.error(errorMessage(err));
              }
            }}
          >
            核对完成，转入入户调查
          </Button>
        </div>
      )}
    </Space>
  );
}
