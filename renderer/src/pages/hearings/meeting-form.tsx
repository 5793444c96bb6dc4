import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { VOTE_LABELS, VOTES, type HearingView, type PublicityCaseView, type Vote } from '../../../../src/contract';
import { hearingPasses, passRuleText } from '../../../../src/domain/hearing';
import { request } from '../../api';
import { errorMessage } from '../../components/form-rules';

type CaseLine = { caseId: number; include: boolean; agree: number | null; disagree: number | null; abstain: number | null; opinions?: string };
type CallLine = { caseId: number; household: string; person: string; caller: string; calledAt: string; vote: Vote; opinion?: string };
type Values = {
  groupName?: string;
  meetingDate: Dayjs;
  meetingTime?: string;
  place: string;
  host: string;
  recorder: string;
  townshipCadre: string;
  investigators: string[];
  attendees: { name: string; household: string }[];
  cases: CaseLine[];
  calls?: CallLine[];
  proceedings?: string;
};

/** Telephone consultations are made for the meeting: their time starts from the meeting's date, not from now. */
const meetingDay = (d: unknown) => (dayjs.isDayjs(d) ? d.format('YYYY-MM-DD') : '');

/** 登记评议听证会: who met, each household's vote per case, and the absent households consulted by phone. */
export function MeetingForm({
  campaignId,
  villageId,
  villageName,
  groups,
  awaiting,
  passPercent,
  onClose,
  onRecorded,
}: {
  campaignId: number;
  villageId: number;
  villageName: string;
  groups: string[];
  awaiting: PublicityCaseView[];
  passPercent: number;
  onClose: () => void;
  onRecorded: (h: HearingView) => void;
}) {
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const attendees = (Form.useWatch('attendees', form) ?? []) as Values['attendees'];
  const lines = (Form.useWatch('cases', form) ?? []) as CaseLine[];
  const calls = (Form.useWatch('calls', form) ?? []) as CallLine[];
  const caseName = (id: number) => `${awaiting.find((c) => c.caseId === id)?.headName ?? ''}户`;

  const outcome = (line: CaseLine) => {
    const tel = { agree: 0, disagree: 0, abstain: 0 };
    for (const c of calls) if (c?.caseId === line.caseId && c.vote) tel[c.vote]++;
    const all = { agree: (line.agree ?? 0) + tel.agree, disagree: (line.disagree ?? 0) + tel.disagree, abstain: (line.abstain ?? 0) + tel.abstain };
    return { passed: hearingPasses(all, passPercent), cast: all.agree + all.disagree + all.abstain, phone: tel.agree + tel.disagree + tel.abstain };
  };

  const submit = async () => {
    const v = await form.validateFields();
    const chosen = v.cases.filter((c) => c.include);
    if (chosen.length === 0) {
      message.error('请至少选择一户评议对象');
      return;
    }
    const summary = chosen.map((c) => `${caseName(c.caseId)}${outcome(c).passed ? '通过' : '未通过'}`).join('，');
    modal.confirm({
      title: '确认登记评议结果？',
      content: `${summary}。登记后各户进入下一步（未通过的新申请为「不符合条件」、在保户为「拟清退」），并出具评议听证会记录。`,
      okText: '确认登记',
      cancelText: '取消',
      width: 520,
      onOk: async () => {
        try {
          const h = await request('hearing-record', {
            campaignId,
            villageId,
            groupName: v.groupName ?? null,
            meetingDate: v.meetingDate.format('YYYY-MM-DD'),
            meetingTime: v.meetingTime ?? null,
            place: v.place,
            host: v.host,
            recorder: v.recorder,
            townshipCadre: v.townshipCadre,
            investigators: v.investigators,
            attendees: v.attendees,
            cases: chosen.map((c) => ({ caseId: c.caseId, agree: c.agree ?? 0, disagree: c.disagree ?? 0, abstain: c.abstain ?? 0, opinions: c.opinions ?? null })),
            calls: (v.calls ?? []).map((c) => ({ ...c, opinion: c.opinion ?? null })),
            proceedings: v.proceedings ?? null,
          });
          message.success('评议结果已登记，会议记录已出具');
          onRecorded(h);
        } catch (err) {
          message.error(errorMessage(err));
          throw err;
        }
      },
    });
  };

  return (
    <Modal open width={1100} style={{ top: 24 }} title={`登记评议听证会 · ${villageName}`} okText="登记评议结果" cancelText="取消" onOk={() => void submit().catch(() => undefined)} onCancel={onClose} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          meetingDate: dayjs(),
          investigators: [],
          attendees: [{ name: '', household: '' }],
          cases: awaiting.map((c) => ({ caseId: c.caseId, include: true, agree: null, disagree: null, abstain: null })),
          calls: [],
        }}
      >
        <Space size={12} wrap align="start">
          <Form.Item label="村民小组" name="groupName" extra="不选为全村（分片）评议">
            <Select allowClear style={{ width: 160 }} placeholder="全村" options={groups.map((g) => ({ value: g, label: g }))} />
          </Form.Item>
          <Form.Item label="会议日期" name="meetingDate" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item label="时间" name="meetingTime">
            <Input style={{ width: 110 }} placeholder="如：上午9时" />
          </Form.Item>
          <Form.Item label="会议地点" name="place" rules={[{ required: true, message: '请填写会议地点' }]}>
            <Input style={{ width: 200 }} />
          </Form.Item>
          <Form.Item label="主持人" name="host" rules={[{ required: true, message: '请填写主持人' }]}>
            <Input style={{ width: 110 }} />
          </Form.Item>
          <Form.Item label="记录人" name="recorder" rules={[{ required: true, message: '请填写记录人' }]}>
            <Input style={{ width: 110 }} />
          </Form.Item>
        </Space>
        <Space size={12} wrap align="start">
          <Form.Item label="包村镇干" name="townshipCadre" rules={[{ required: true, message: '请填写包村镇干' }]}>
            <Input style={{ width: 140 }} />
          </Form.Item>
          <Form.Item label="入户调查人员（全程参加）" name="investigators" rules={[{ required: true, type: 'array', min: 1, message: '入户调查人员须参加评议' }]}>
            <Select mode="tags" style={{ width: 360 }} placeholder="输入姓名后回车" open={false} tokenSeparators={[',', '，', '、', ' ']} />
          </Form.Item>
        </Space>

        <Card size="small" title={`参会户代表（每户一名，共${attendees.filter((a) => a?.name).length}户）`} style={{ marginBottom: 12 }}>
          <Form.List name="attendees">
            {(fields, { add, remove }) => (
              <>
                <Space wrap>
                  {fields.map((f, i) => (
                    <Space.Compact key={f.key}>
                      <Form.Item name={[f.name, 'name']} noStyle rules={[{ required: true, message: '请填写代表姓名' }]}>
                        <Input placeholder="代表姓名" style={{ width: 100 }} aria-label={`第${i + 1}位代表姓名`} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'household']} noStyle rules={[{ required: true, message: '请填写所代表的户' }]}>
                        <Input placeholder="所代表的户" style={{ width: 120 }} aria-label={`第${i + 1}位代表所代表的户`} />
                      </Form.Item>
                      <Button icon={<DeleteOutlined />} aria-label="删除该代表" onClick={() => remove(f.name)} disabled={fields.length === 1} />
                    </Space.Compact>
                  ))}
                  <Button icon={<PlusOutlined />} onClick={() => add({ name: '', household: '' })}>
                    添加户代表
                  </Button>
                </Space>
              </>
            )}
          </Form.List>
        </Card>

        <Card size="small" title="评议对象与表决" extra={<Typography.Text type="secondary">表决规则：{passRuleText(passPercent)}</Typography.Text>} style={{ marginBottom: 12 }}>
          {awaiting.length === 0 ? (
            <Alert type="info" showIcon message="本村暂无待评议（拟纳入）的对象" />
          ) : (
            <Form.List name="cases">
              {(fields) => (
                <Table
                  locale={{ emptyText: '本村暂无待评议（拟纳入）的对象。' }}
                  size="small"
                  pagination={false}
                  rowKey="key"
                  dataSource={fields}
                  columns={[
                    {
                      title: '评议',
                      width: 50,
                      render: (_: unknown, f) => (
                        <Form.Item name={[f.name, 'include']} valuePropName="checked" noStyle>
                          <Checkbox aria-label={`评议${caseName(lines[f.name]?.caseId ?? 0)}`} />
                        </Form.Item>
                      ),
                    },
                    {
                      title: '户主',
                      width: 90,
                      render: (_: unknown, f) => {
                        const c = awaiting.find((x) => x.caseId === lines[f.name]?.caseId);
                        return `${c?.headName ?? ''}（${c?.size ?? ''}人）`;
                      },
                    },
                    ...(['agree', 'disagree', 'abstain'] as const).map((k) => ({
                      title: VOTE_LABELS[k],
                      width: 86,
                      render: (_: unknown, f: { name: number }) => (
                        <Form.Item name={[f.name, k]} noStyle>
                          <InputNumber min={0} max={999} precision={0} style={{ width: 72 }} aria-label={`${caseName(lines[f.name]?.caseId ?? 0)}${VOTE_LABELS[k]}票数`} />
                        </Form.Item>
                      ),
                    })),
                    {
                      title: '评议意见',
                      render: (_: unknown, f) => (
                        <Form.Item name={[f.name, 'opinions']} noStyle>
                          <Input placeholder="重点评议家庭收入和财产状况" aria-label={`${caseName(lines[f.name]?.caseId ?? 0)}评议意见`} />
                        </Form.Item>
                      ),
                    },
                    {
                      title: '结果',
                      width: 130,
                      render: (_: unknown, f) => {
                        const line = lines[f.name];
                        if (!line?.include) return <Typography.Text type="secondary">不评议</Typography.Text>;
                        const o = outcome(line);
                        if (o.cast === 0) return <Typography.Text type="secondary">待表决</Typography.Text>;
                        return (
                          <Tag color={o.passed ? 'green' : 'red'}>
                            {o.passed ? '通过' : '未通过'}
                            {o.phone > 0 ? `（含电话${o.phone}户）` : ''}
                          </Tag>
                        );
                      },
                    },
                  ]}
                />
              )}
            </Form.List>
          )}
        </Card>

        <Card size="small" title="外出户电话征求意见（分片村干部电话征求并记录备案，计入表决）" style={{ marginBottom: 12 }}>
          <Form.List name="calls">
            {(fields, { add, remove }) => (
              <Space direction="vertical" style={{ width: '100%' }}>
                {fields.map((f) => (
                  <Space key={f.key} wrap size={6}>
                    <Form.Item name={[f.name, 'caseId']} noStyle rules={[{ required: true, message: '请选择评议对象' }]}>
                      <Select style={{ width: 120 }} placeholder="评议对象" options={awaiting.map((c) => ({ value: c.caseId, label: `${c.headName ?? ''}户` }))} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'household']} noStyle rules={[{ required: true, message: '请填写外出户' }]}>
                      <Input style={{ width: 110 }} placeholder="外出户" />
                    </Form.Item>
                    <Form.Item name={[f.name, 'person']} noStyle rules={[{ required: true, message: '请填写接听人' }]}>
                      <Input style={{ width: 90 }} placeholder="接听人" />
                    </Form.Item>
                    <Form.Item name={[f.name, 'caller']} noStyle rules={[{ required: true, message: '请填写打电话的村干部' }]}>
                      <Input style={{ width: 100 }} placeholder="打电话的干部" />
                    </Form.Item>
                    <Form.Item name={[f.name, 'calledAt']} noStyle rules={[{ required: true, message: '请填写通话时间' }]}>
                      <Input style={{ width: 140 }} placeholder="通话时间" />
                    </Form.Item>
                    <Form.Item name={[f.name, 'vote']} noStyle rules={[{ required: true, message: '请选择意见' }]}>
                      <Select style={{ width: 90 }} placeholder="意见" options={VOTES.map((v) => ({ value: v, label: VOTE_LABELS[v] }))} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'opinion']} noStyle>
                      <Input style={{ width: 180 }} placeholder="意见说明（可选）" />
                    </Form.Item>
                    <Button icon={<DeleteOutlined />} aria-label="删除该条电话记录" onClick={() => remove(f.name)} />
                  </Space>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ calledAt: meetingDay(form.getFieldValue('meetingDate')) })}>
                  添加电话征求意见
                </Button>
              </Space>
            )}
          </Form.List>
        </Card>
        <Form.Item label="会议记录（补充）" name="proceedings">
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
