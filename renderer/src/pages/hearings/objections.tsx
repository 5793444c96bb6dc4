import { App, Button, Checkbox, DatePicker, Form, Input, Modal, Radio, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { OBJECTION_OUTCOME_LABELS, type ObjectionOutcome, type ObjectionView, type ReassessmentView } from '../../../../src/contract';
import { request } from '../../api';
import { errorMessage } from '../../components/form-rules';

const iso = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

/** 登记异议: who (kept, never printed), when, what, and whether it disputes a disability level. */
export function ObjectionAddButton({ caseId, headName, onDone }: { caseId: number; headName: string | null; onDone: () => void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const disputes = Form.useWatch('disputesDisability', form) as boolean | undefined;
  const submit = async () => {
    const v = (await form.validateFields()) as { raisedBy: string; contact?: string; raisedOn: Dayjs; content: string; disputesDisability?: boolean; disputedPerson?: string };
    try {
      await request('objection-add', {
        caseId,
        raisedBy: v.raisedBy,
        contact: v.contact ?? null,
        raisedOn: iso(v.raisedOn)!,
        content: v.content,
        disputesDisability: v.disputesDisability ?? false,
        disputedPerson: v.disputedPerson ?? null,
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
              <DatePicker />
            </Form.Item>
          </Space>
          <Form.Item label="异议内容" name="content" rules={[{ required: true, message: '请填写异议内容' }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="disputesDisability" valuePropName="checked">
            <Checkbox>对评议对象的残疾等级有异议（须申请残联重新鉴定）</Checkbox>
          </Form.Item>
          {disputes && (
            <Form.Item label="残疾等级有异议的人员" name="disputedPerson" rules={[{ required: true, message: '请填写人员姓名' }]}>
              <Input style={{ width: 200 }} />
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
  const needsReassessment = outcome === 'upheld' && objection.disputesDisability;
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
      <Form form={form} layout="vertical" initialValues={{ handledOn: dayjs() }}>
        <Form.Item label="处理结论" name="outcome" rules={[{ required: true, message: '请选择处理结论' }]}>
          <Radio.Group
            options={[
              { value: 'dismissed', label: '异议不成立（继续公示）' },
              { value: 'upheld', label: '异议成立（退回重新调查）' },
            ]}
          />
        </Form.Item>
        <Form.Item label="处理理由（调查核实情况）" name="reason" rules={[{ required: true, min: 4, message: '请写明处理理由（至少4个字）' }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Space size={12}>
          <Form.Item label="处理日期" name="handledOn" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker />
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

function ReassessmentResult({ r, mayEdit, onDone }: { r: ReassessmentView; mayEdit: boolean; onDone: () => void }) {
  const { message, modal } = App.useApp();
  if (r.result) return <span>残联鉴定：{r.result}（{r.resultOn}）</span>;
  return (
    <Space size={4}>
      <span>
        已于{r.sentOn}申请残联对{r.personName}重新鉴定，待结果
      </span>
      {mayEdit && (
        <Button
          size="small"
          type="link"
          onClick={() => {
            let result = '';
            modal.confirm({
              title: `登记残联鉴定结果 · ${r.personName}`,
              content: <Input.TextArea id="reassessment-result" rows={2} onChange={(e) => (result = e.target.value)} placeholder="如：肢体残疾三级（维持原等级）" />,
              okText: '登记',
              cancelText: '取消',
              onOk: async () => {
                try {
                  await request('reassessment-result', { id: r.id, result, resultOn: dayjs().format('YYYY-MM-DD') });
                  onDone();
                } catch (err) {
                  message.error(errorMessage(err));
                  throw err;
                }
              },
            });
          }}
        >
          登记结果
        </Button>
      )}
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
                <Space>
                  <Tag color="gold">待处理</Tag>
                  {mayHandle && (
                    <Button size="small" onClick={() => setHandling(o)}>
                      处理
                    </Button>
                  )}
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
