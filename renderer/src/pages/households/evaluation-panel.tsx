import { Alert, App, Button, Card, Col, Descriptions, Divider, Form, Input, InputNumber, List, Popconfirm, Radio, Row, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import type { Evaluation, Household, SavedDetermination } from '../../../../src/contract';
import { factsSchema } from '../../../../src/contract/commands/determination';
import { CATEGORY_LABELS, type Category } from '../../../../src/domain/determination-types';
import { ApiFailure, request } from '../../api';
import { useSession } from '../../session-gate';
import { applyServerErrors, errorMessage, zodRule } from '../../components/form-rules';
import { MedicalProposals } from './medical-proposals';
import { UnconfirmedFlags } from '../../components/unconfirmed-flags';

const CATEGORY_COLORS: Record<Category, string> = { poor: 'red', 'low-income': 'orange', 'medical-expense': 'purple', ineligible: 'default' };
const f = factsSchema.shape;
const yuan = (v: number) => `${v.toFixed(2)} 元`;

/** 测算: the household's verification facts, the live determination under the policy in force, and saved results. */
export function EvaluationPanel({ household, version, onSaved }: { household: Household; version: number; onSaved?: () => void }) {
  const { message } = App.useApp();
  const { can } = useSession();
  const [form] = Form.useForm();
  const [evaluation, setEvaluation] = useState<Evaluation | null>(null);
  const [saved, setSaved] = useState<SavedDetermination[]>([]);
  // The figures on the right are the engine's answer for the saved facts: once the form differs, say so.
  const [isDirty, setDirty] = useState(false);

  const load = useCallback(async () => {
    try {
      const [ev, list] = await Promise.all([
        request('household-evaluate', { householdId: household.id }),
        request('determination-list', { householdId: household.id }),
      ]);
      setEvaluation(ev);
      setSaved(list);
      form.setFieldsValue({ ...ev.facts, assetsCompliant: ev.facts.assetsCompliant === null ? 'unknown' : ev.facts.assetsCompliant });
      setDirty(false);
    } catch (err) {
      message.error(errorMessage(err));
    }
  }, [household.id, form, message]);
  useEffect(() => {
    void load();
  }, [load, version]);

  const memberOptions = household.members.map((m) => ({ value: m.id, label: m.name }));
  const saveFacts = async () => {
    const v = (await form.validateFields()) as Record<string, unknown>;
    try {
      await request('household-facts-update', {
        householdId: household.id,
        assetsCompliant: v.assetsCompliant === 'unknown' ? null : (v.assetsCompliant as boolean),
        assetsNote: (v.assetsNote as string | undefined) ?? null,
        otherMonthlyIncome: (v.otherMonthlyIncome as number | undefined) ?? 0,
        singleCoverPersonId: (v.singleCoverPersonId as number | undefined) ?? null,
        medicalSelfPaid: (v.medicalSelfPaid as number | undefined) ?? null,
        medicalDisposable: (v.medicalDisposable as number | undefined) ?? null,
        medicalPatientPersonId: (v.medicalPatientPersonId as number | undefined) ?? null,
      });
      message.success('核对信息已保存');
      await load();
    } catch (err) {
      if (err instanceof ApiFailure) applyServerErrors(form, err.error);
      message.error(errorMessage(err));
    }
  };

  const ev = evaluation;
  const r = ev?.result ?? null;
  // An item already listed as missing is not repeated as a blocking issue.
  const blocking = ev ? ev.issues.filter((i) => !ev.missing.includes(i.message)) : [];
  return (
    <Card title="低保测算" loading={!ev}>
      {ev && (
        <Row gutter={32}>
          <Col span={10}>
            <Typography.Title level={5}>家庭经济状况核对</Typography.Title>
            <Form form={form} layout="vertical" size="small" onValuesChange={() => setDirty(true)}>
              <Form.Item label="家庭财产状况核对结论" name="assetsCompliant">
                <Radio.Group
                  options={[
                    { value: true, label: '符合规定' },
                    { value: false, label: '不符合规定' },
                    { value: 'unknown', label: '尚未核对' },
                  ]}
                />
              </Form.Item>
              <Form.Item label="核对说明" name="assetsNote">
                <Input.TextArea rows={2} placeholder="如：经济状况核对报告编号、发现的车辆房产存款等" />
              </Form.Item>
              <Form.Item label="其他家庭月收入（元，未计入成员）" name="otherMonthlyIncome" rules={[zodRule(f.otherMonthlyIncome)]}>
                <InputNumber precision={2} style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item label="一户保一人对象（低收入家庭）" name="singleCoverPersonId" extra="不选则取首位重病或重残成员">
                <Select allowClear placeholder="自动" options={memberOptions} />
              </Form.Item>
              <Divider plain orientation="left" style={{ margin: '8px 0' }}>
                因病支出（申请前12个月）
              </Divider>
              <MedicalProposals householdId={household.id} reloadKey={`${version}:${ev.facts.medicalSelfPaid}:${ev.facts.medicalPatientPersonId}`} onAccepted={() => void load()} />
              <Row gutter={8}>
                <Col span={12}>
                  <Form.Item label="自负医疗费用（元）" name="medicalSelfPaid" rules={[zodRule(f.medicalSelfPaid)]}>
                    <InputNumber precision={2} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item label="家庭可支配收入（元）" name="medicalDisposable" rules={[zodRule(f.medicalDisposable)]}>
                    <InputNumber precision={2} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item label="患病成员" name="medicalPatientPersonId">
                <Select allowClear placeholder="无" options={memberOptions} />
              </Form.Item>
              <Button type={isDirty ? 'primary' : 'default'} onClick={() => void saveFacts().catch(() => undefined)}>
                {isDirty ? '保存核对信息并重新测算' : '保存核对信息'}
              </Button>
            </Form>
          </Col>
          <Col span={14}>
            <Space direction="vertical" style={{ width: '100%' }}>
              <Typography.Text type="secondary">
                按政策版本「{ev.policy.label}」（{ev.policy.effectiveFrom} 起，低保标准 {ev.policy.standard} 元）于 {ev.evaluationDate} 测算
              </Typography.Text>
              {!ev.policyConfirmed && (
                <Alert type="warning" showIcon message="低保政策参数尚未确认，以下为按方案默认参数的预览，不能保存。" action={<a href="#/settings?tab=policy">去确认</a>} />
              )}
              {ev.missing.length > 0 && (
                <Alert type="info" showIcon message="测算还缺少以下信息" description={<ul style={{ margin: 0, paddingLeft: 18 }}>{ev.missing.map((m) => <li key={m}>{m}</li>)}</ul>} />
              )}
              {isDirty && <Alert type="warning" showIcon message="核对信息已修改但尚未保存：以下仍是按已保存信息的测算，保存后重新测算。" />}
              {blocking.length > 0 && (
                <Alert type="error" showIcon message="暂不能测算" description={<ul style={{ margin: 0, paddingLeft: 18 }}>{blocking.map((i) => <li key={i.path + i.message}>{i.message}</li>)}</ul>} />
              )}
              {blocking.length === 0 && ev.issues.length > 0 && !r && <Alert type="error" showIcon message="暂不能测算：请补全上面所列信息" />}
              {r && (
                <>
                  <Descriptions size="small" column={2} bordered>
                    <Descriptions.Item label="认定类别">
                      <Tag color={CATEGORY_COLORS[r.category]}>{CATEGORY_LABELS[r.category]}</Tag>
                    </Descriptions.Item>
                    <Descriptions.Item label="家庭人均月收入">{yuan(Math.round(r.perCapitaIncome * 100) / 100)}</Descriptions.Item>
                    <Descriptions.Item label="保障人数">{r.covered.length} 人</Descriptions.Item>
                    <Descriptions.Item label="月保障金合计">
                      <Typography.Text strong>{yuan(r.monthlyTotal)}</Typography.Text>
                    </Descriptions.Item>
                  </Descriptions>
                  {r.covered.length > 0 && (
                    <Table
                      locale={{ emptyText: '本户没有保障对象。' }}
                      size="small"
                      pagination={false}
                      rowKey="index"
                      dataSource={r.covered}
                      columns={[
                        { title: '保障对象', render: (_, c) => ev.members[c.index]?.name },
                        { title: '类别', dataIndex: 'class', render: (v: string) => <Tag>{v}类</Tag> },
                        { title: '月保障金（元）', dataIndex: 'amount', align: 'right' },
                      ]}
                    />
                  )}
                  <UnconfirmedFlags flags={ev.unconfirmedFlags} villageId={household.villageId} onConfirmed={() => void load()} />
                  <List
                    locale={{ emptyText: '测算没有给出认定依据：请核对上面的家庭经济状况后重新测算。' }}
                    size="small"
                    header={<Typography.Text strong>认定依据</Typography.Text>}
                    dataSource={r.reasons}
                    renderItem={(line, i) => (
                      <List.Item style={{ padding: '4px 0' }}>
                        {i + 1}. {line}
                      </List.Item>
                    )}
                  />
                  {can('determination-save', household.villageId) && (
                  <Popconfirm
                    title="保存本次测算结果？"
                    description="保存后结果冻结，作为通知书、公示和报表的依据；此后修改家庭信息不会改变已保存的结果。"
                    okText="保存"
                    cancelText="取消"
                    disabled={!ev.policyConfirmed}
                    onConfirm={async () => {
                      try {
                        await request('determination-save', { householdId: household.id });
                        message.success('测算结果已保存');
                        onSaved?.();
                      } catch (err) {
                        message.error(errorMessage(err));
                      }
                    }}
                  >
                    <Button type="primary" disabled={!ev.policyConfirmed}>
                      保存测算结果
                    </Button>
                  </Popconfirm>
                  )}
                </>
              )}
              {saved.length > 0 && (
                <Table<SavedDetermination>
                  locale={{ emptyText: '尚未保存测算结果：测算后点击「保存测算结果」。' }}
                  size="small"
                  title={() => <Typography.Text strong>已保存的测算结果</Typography.Text>}
                  rowKey="id"
                  pagination={{ pageSize: 5, hideOnSinglePage: true }}
                  dataSource={saved}
                  columns={[
                    { title: '测算日期', dataIndex: 'evaluationDate' },
                    { title: '类别', dataIndex: 'category', render: (c: Category) => CATEGORY_LABELS[c] },
                    { title: '月保障金（元）', dataIndex: 'monthlyTotal', align: 'right' },
                    { title: '政策依据', render: (_, d) => d.snapshot.policy.label || d.policyVersion },
                    { title: '保存人', render: (_, d) => `${d.createdBy} ${dayjs(d.createdAt).format('MM-DD HH:mm')}` },
                  ]}
                />
              )}
            </Space>
          </Col>
        </Row>
      )}
    </Card>
  );
}
