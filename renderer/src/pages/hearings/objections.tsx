import { Alert, App, Button, Checkbox, DatePicker, Form, Input, Modal, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import {
  DISABILITY_TYPE_LABELS,
  DISABILITY_TYPES,
  OBJECTION_OUTCOME_LABELS,
  type CaseHearingInfo,
  type DisabilityType,
  type ObjectionOutcome,
  type ObjectionView,
  type ReassessmentView,
} from '../../../../src/contract';
import { request } from '../../api';
import { errorMessage } from '../../components/form-rules';

const iso = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

/** 登记异议: who (kept, never printed), when, what, and whether it disputes a disability level. */
export function ObjectionAddButton({ caseId, headName, onDone }: { caseId: number; headName: string | null; onDone: () => void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const disputes = Form.useWatch('disputesDisability', form) as boolean | undefined;
  const [members, setMembers] = useState<CaseHearingInfo['members']>([]);
  useEffect(() => {
    if (!open) return;
    void request('case-hearing-info', { caseId }).then((info) => setMembers(info.members), (err: unknown) => message.error(errorMessage(err)));
  }, [open, caseId, message]);
  const submit = async () => {
    const v = (await form.validateFields()) as { raisedBy: string; contact?: string; raisedOn: Dayjs; content: string; disputesDisability?: boolean; disputedPersonId?: number };
    try {
      await request('objection-add', {
        caseId,
        raisedBy: v.raisedBy,
        contact: v.contact ?? null,
        raisedOn: iso(v.raisedOn)!,
        content: v.content,
        disputesDisability: v.disputesDisability ?? false,
        disputedPersonId: v.disputesDisability ? (v.disputedPersonId ?? null) : null,
      });
      message.success('异议已登记');
      setOpen(false);
      form.resetFields();
      onDone();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };
  return (
    <>
      <Button onClick={() => setOpen(true)}>登记异议</Button>
      <Modal open={open} title={`登记公示异议 · ${headName ?? ''}户`} okText="登记" cancelText="取消" onOk={submit} onCancel={() => setOpen(false)} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ raisedOn: dayjs(), disputesDisability: false }}>
          <Space size={12} style={{ display: 'flex' }} align="start">
            <Form.Item label="异议人" name="raisedBy" rules={[{ required: true, message: '请填写异议人' }]}>
              <Input style={{ width: 160 }} />
            </Form.Item>
            <Form.Item label="联系方式" name="contact" extra="仅存档备查，不在任何公示材料中出现">
              <Input style={{ width: 180 }} />
            </Form.Item>
            <Form.Item label="提出日期" name="raisedOn" rules={[{ required: true, message: '请选择日期' }]}>
              <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          </Space>
          <Form.Item label="异议内容" name="content" rules={[{ required: true, message: '请填写异议内容' }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="disputesDisability" valuePropName="checked">
            <Checkbox>对评议对象的残疾等级有异议（须申请残联重新鉴定）</Checkbox>
          </Form.Item>
          {disputes && (
            <Form.Item label="残疾等级有异议的家庭成员" name="disputedPersonId" rules={[{ required: true, message: '请选择家庭成员' }]} extra="残联重新鉴定的结果将写入该成员的残疾信息">
              <Select style={{ width: 320 }} placeholder="请选择" options={members.map((m) => ({ value: m.id, label: `${m.name}（现登记：${m.disability.label}）` }))} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}

function HandleModal({ objection, onClose, onDone }: { objection: ObjectionView; onClose: () => void; onDone: () => void }) {
  const { message, modal } = App.useApp();
  const [form] = Form.useForm();
  const outcome = Form.useWatch('outcome', form) as ObjectionOutcome | undefined;
  const r = objection.reassessment;
  const needsReassessment = outcome === 'upheld' && objection.disputesDisability && !r;
  // A disputed level is dismissed only on the 残联's result, and only when it left the level as it was.
  const dismissBlocker = !objection.disputesDisability
    ? null
    : !r
      ? '须先申请残联重新鉴定，结果登记后才能认定不成立'
      : !r.resultOn
        ? `残联鉴定结果（${r.sentOn}申请）尚未登记`
        : r.changed
          ? `残联鉴定改变了残疾等级（${r.before?.label ?? ''} → ${r.after?.label ?? ''}），异议应认定成立`
          : null;
  const submit = async () => {
    const v = (await form.validateFields()) as { outcome: ObjectionOutcome; reason: string; handledOn: Dayjs; reassessmentSentOn?: Dayjs };
    try {
      await request('objection-handle', { id: objection.id, outcome: v.outcome, reason: v.reason, handledOn: iso(v.handledOn)!, reassessmentSentOn: iso(v.reassessmentSentOn) });
      message.success(v.outcome === 'upheld' ? '异议成立，案件已退回入户调查' : '已登记：异议不成立');
      onDone();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };
  return (
    <Modal
      open
      title={`处理异议 · ${objection.headName ?? ''}户`}
      okText="确认处理"
      cancelText="取消"
      onCancel={onClose}
      onOk={() =>
        void form.validateFields().then(
          () => {
            if (form.getFieldValue('outcome') === 'upheld') {
              modal.confirm({
                title: '确认异议成立？',
                content: '该户将退出本批公示，退回「入户调查」重新调查核实。',
                okText: '确认',
                cancelText: '取消',
                onOk: submit,
              });
            } else void submit();
          },
          () => undefined,
        )
      }
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {objection.raisedOn} {objection.raisedBy}：{objection.content}
      </Typography.Paragraph>
      {r?.resultOn && (
        <Alert
          style={{ marginBottom: 12 }}
          type={r.changed ? 'warning' : 'info'}
          showIcon
          message={`残联鉴定（${r.resultOn}）：${r.personName} ${r.result ?? ''}`}
        />
      )}
      <Form form={form} layout="vertical" initialValues={{ handledOn: dayjs() }}>
        <Form.Item label="处理结论" name="outcome" rules={[{ required: true, message: '请选择处理结论' }]} extra={dismissBlocker ? `不能认定不成立：${dismissBlocker}` : undefined}>
          <Radio.Group
            options={[
              { value: 'dismissed', label: '异议不成立（继续公示）', disabled: dismissBlocker !== null },
              { value: 'upheld', label: '异议成立（退回重新调查）' },
            ]}
          />
        </Form.Item>
        <Form.Item label="处理理由（调查核实情况）" name="reason" rules={[{ required: true, min: 4, message: '请写明处理理由（至少4个字）' }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Space size={12}>
          <Form.Item label="处理日期" name="handledOn" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day') || d.isBefore(dayjs(objection.raisedOn), 'day')} />
          </Form.Item>
          {needsReassessment && (
            <Form.Item label={`申请残联重新鉴定日期（${objection.disputedPerson ?? ''}）`} name="reassessmentSentOn" rules={[{ required: true, message: '请填写申请鉴定日期' }]}>
              <DatePicker />
            </Form.Item>
          )}
        </Space>
      </Form>
    </Modal>
  );
}

/** 申请残联重新鉴定 for an open objection that disputes a disability level. */
function ReassessmentRequestButton({ o, onDone }: { o: ObjectionView; onDone: () => void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [sentOn, setSentOn] = useState<Dayjs | null>(dayjs());
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>
        申请残联重新鉴定
      </Button>
      <Modal
        open={open}
        title={`申请残联重新鉴定 · ${o.disputedPerson ?? ''}`}
        okText="登记申请"
        cancelText="取消"
        onCancel={() => setOpen(false)}
        onOk={async () => {
          try {
            await request('reassessment-request', { objectionId: o.id, sentOn: iso(sentOn) ?? '' });
            message.success('已登记残联重新鉴定申请，结果回来后请登记');
            setOpen(false);
            onDone();
          } catch (err) {
            message.error(errorMessage(err));
          }
        }}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">对评议对象残疾等级有异议的，应申请残联重新进行鉴定；异议待鉴定结果登记后再作认定。</Typography.Paragraph>
        <Space>
          <span>申请日期</span>
          <DatePicker aria-label="申请鉴定日期" value={sentOn} onChange={setSentOn} disabledDate={(d) => d.isAfter(dayjs(), 'day') || d.isBefore(dayjs(o.raisedOn), 'day')} />
        </Space>
      </Modal>
    </>
  );
}

type ResultForm = { resultOn: Dayjs; disabilityType: DisabilityType | 'none'; disabilityLevel?: number; note?: string };

/** 登记残联鉴定结果: the category and level as assessed, written back to the member's disability facts. */
function ReassessmentResult({ r, mayEdit, onDone }: { r: ReassessmentView; mayEdit: boolean; onDone: () => void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<ResultForm>();
  const type = Form.useWatch('disabilityType', form);
  if (r.resultOn) {
    return (
      <span>
        残联鉴定（{r.resultOn}）：{r.personName} {r.result}
        {r.changed && <Tag color="orange" style={{ marginLeft: 6 }}>已写入家庭成员信息{r.determination ? '，已重新测算' : ''}</Tag>}
      </span>
    );
  }
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await request('reassessment-result', {
        id: r.id,
        resultOn: iso(v.resultOn)!,
        disabilityType: v.disabilityType === 'none' ? null : v.disabilityType,
        disabilityLevel: v.disabilityType === 'none' ? null : (v.disabilityLevel ?? null),
        note: v.note?.trim() || null,
      });
      message.success('鉴定结果已登记，并写入家庭成员信息');
      setOpen(false);
      onDone();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };
  return (
    <Space size={4} wrap>
      <span>
        已于{r.sentOn}申请残联对{r.personName}重新鉴定，待结果
      </span>
      {mayEdit && (
        <Button size="small" type="link" onClick={() => setOpen(true)}>
          登记结果
        </Button>
      )}
      <Modal open={open} title={`登记残联鉴定结果 · ${r.personName}`} okText="登记" cancelText="取消" onOk={() => void submit()} onCancel={() => setOpen(false)} destroyOnHidden>
        <Typography.Paragraph type="secondary">鉴定结果将写入该成员的残疾类别和等级；与原登记不同的，将按新情况重新测算。</Typography.Paragraph>
        <Form form={form} layout="vertical" initialValues={{ resultOn: dayjs() }}>
          <Space size={12} align="start" wrap>
            <Form.Item label="鉴定结果日期" name="resultOn" rules={[{ required: true, message: '请选择日期' }]}>
              <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day') || d.isBefore(dayjs(r.sentOn), 'day')} />
            </Form.Item>
            <Form.Item label="残疾类别" name="disabilityType" rules={[{ required: true, message: '请选择残疾类别' }]}>
              <Select
                style={{ width: 160 }}
                options={[...DISABILITY_TYPES.map((t) => ({ value: t, label: DISABILITY_TYPE_LABELS[t] })), { value: 'none', label: '不构成残疾' }]}
              />
            </Form.Item>
            {type !== 'none' && (
              <Form.Item label="残疾等级" name="disabilityLevel" rules={[{ required: true, message: '请选择等级' }]}>
                <Select style={{ width: 100 }} options={[1, 2, 3, 4].map((n) => ({ value: n, label: `${'一二三四'[n - 1]}级` }))} />
              </Form.Item>
            )}
          </Space>
          <Form.Item label="说明（可不填）" name="note">
            <Input maxLength={300} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

/** The objections of a batch or a case: who, when, what, and how it was handled. */
export function ObjectionsTable({ objections, mayHandle, onChanged, showHousehold = true }: { objections: ObjectionView[]; mayHandle: boolean; onChanged: () => void; showHousehold?: boolean }) {
  const [handling, setHandling] = useState<ObjectionView | null>(null);
  return (
    <>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={objections}
        locale={{ emptyText: '暂无异议' }}
        columns={[
          ...(showHousehold ? [{ title: '对象', dataIndex: 'headName', width: 90, render: (v: string | null) => `${v ?? ''}户` }] : []),
          { title: '提出', width: 150, render: (_: unknown, o: ObjectionView) => `${o.raisedOn} ${o.raisedBy}` },
          {
            title: '异议内容',
            render: (_: unknown, o: ObjectionView) => (
              <>
                {o.content}
                {o.disputesDisability && <Tag color="orange" style={{ marginLeft: 6 }}>残疾等级异议：{o.disputedPerson}</Tag>}
              </>
            ),
          },
          {
            title: '处理',
            width: 320,
            render: (_: unknown, o: ObjectionView) =>
              o.outcome ? (
                <Space direction="vertical" size={0}>
                  <span>
                    <Tag color={o.outcome === 'upheld' ? 'red' : 'green'}>{OBJECTION_OUTCOME_LABELS[o.outcome]}</Tag>
                    {o.handledOn} {o.handledBy}
                  </span>
                  <Typography.Text type="secondary">{o.outcomeReason}</Typography.Text>
                  {o.reassessment && <ReassessmentResult r={o.reassessment} mayEdit={mayHandle} onDone={onChanged} />}
                </Space>
              ) : (
                <Space direction="vertical" size={2}>
                  <Space>
                    <Tag color="gold">待处理</Tag>
                    {mayHandle && o.disputesDisability && !o.reassessment && <ReassessmentRequestButton o={o} onDone={onChanged} />}
                    {mayHandle && (
                      <Button size="small" onClick={() => setHandling(o)}>
                        处理
                      </Button>
                    )}
                  </Space>
                  {o.reassessment && <ReassessmentResult r={o.reassessment} mayEdit={mayHandle} onDone={onChanged} />}
                </Space>
              ),
          },
        ]}
      />
      {handling && (
        <HandleModal
          objection={handling}
          onClose={() => setHandling(null)}
          onDone={() => {
            setHandling(null);
            onChanged();
          }}
        />
      )}
    </>
  );
}
