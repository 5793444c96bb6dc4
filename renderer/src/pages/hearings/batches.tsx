import { Alert, App, Button, Card, Checkbox, DatePicker, Descriptions, Empty, Form, InputNumber, Radio, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { DocumentView, HearingSettings, PublicityBatchView, PublicityCaseView } from '../../../../src/contract';
import { DAY_UNIT_LABELS, type DayUnit } from '../../../../src/domain/calendar';
import { CASE_STATE_LABELS } from '../../../../src/domain/workflow';
import { request } from '../../api';
import { errorMessage } from '../../components/form-rules';
import { ObjectionAddButton, ObjectionsTable } from './objections';

const cnDate = (iso: string) => dayjs(iso).format('YYYY年M月D日');

/** 张贴公示: choose the cases that passed the hearing, the posting date and the window (defaults from the settings). */
export function BatchForm({
  campaignId,
  villageId,
  awaiting,
  settings,
  onPosted,
}: {
  campaignId: number;
  villageId: number;
  awaiting: PublicityCaseView[];
  settings: HearingSettings;
  onPosted: (b: PublicityBatchView) => void;
}) {
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<{ caseIds: number[]; postingDate: Dayjs; days: number; unit: DayUnit }>();
  const postingDate = Form.useWatch('postingDate', form) as Dayjs | undefined;
  const days = Form.useWatch('days', form) as number | undefined;
  const unit = Form.useWatch('unit', form) as DayUnit | undefined;
  const [windowEnd, setWindowEnd] = useState<string | null>(null);
  useEffect(() => {
    if (!postingDate || !days || !unit) return;
    void request('publicity-window', { postingDate: postingDate.format('YYYY-MM-DD'), days, unit }).then(
      (w) => setWindowEnd(w.windowEnd),
      () => setWindowEnd(null),
    );
  }, [postingDate, days, unit]);
  useEffect(() => {
    form.setFieldValue(
      'caseIds',
      awaiting.map((c) => c.caseId),
    );
  }, [awaiting, form]);

  if (awaiting.length === 0) return <Alert type="info" showIcon message="暂无评议通过、待公示的对象" />;
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ caseIds: awaiting.map((c) => c.caseId), postingDate: dayjs(), days: settings.publicityDays, unit: settings.publicityUnit }}
      onFinish={async (v) => {
        const names = awaiting.filter((c) => v.caseIds.includes(c.caseId)).map((c) => `${c.headName ?? ''}户`);
        // Ask the core for the end date of exactly these values: the one shown may still be loading.
        let end: string;
        try {
          end = (await request('publicity-window', { postingDate: v.postingDate.format('YYYY-MM-DD'), days: v.days, unit: v.unit })).windowEnd;
        } catch (err) {
          message.error(errorMessage(err));
          return;
        }
        modal.confirm({
          title: '确认张贴评议结果公示？',
          content: `公示对象：${names.join('、')}（${names.length}户）；公示期 ${v.postingDate.format('YYYY-MM-DD')} 至 ${end}。将出具评议结果公示表（登记文号），各户进入「公示中」。`,
          okText: '确认张贴',
          cancelText: '取消',
          onOk: async () => {
            try {
              const b = await request('publicity-post', { campaignId, villageId, caseIds: v.caseIds, postingDate: v.postingDate.format('YYYY-MM-DD'), days: v.days, unit: v.unit });
              message.success('公示已张贴，公示表已出具');
              onPosted(b);
            } catch (err) {
              message.error(errorMessage(err));
              throw err;
            }
          },
        });
      }}
    >
      <Form.Item label="公示对象（评议通过）" name="caseIds" rules={[{ required: true, type: 'array', min: 1, message: '请选择公示对象' }]}>
        <Checkbox.Group options={awaiting.map((c) => ({ value: c.caseId, label: `${c.headName ?? ''}户（${c.size}人）` }))} />
      </Form.Item>
      <Space size={12} wrap align="end">
        <Form.Item label="张贴日期" name="postingDate" rules={[{ required: true, message: '请选择张贴日期' }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item label="公示天数" name="days" rules={[{ required: true, message: '请填写公示天数' }]}>
          <InputNumber min={1} max={90} precision={0} style={{ width: 90 }} />
        </Form.Item>
        <Form.Item label="计算方式" name="unit">
          <Radio.Group
            optionType="button"
            options={(['natural', 'working'] as const).map((u) => ({ value: u, label: DAY_UNIT_LABELS[u] }))}
          />
        </Form.Item>
        <Form.Item label="公示期满">
          <Typography.Text strong>{windowEnd ? cnDate(windowEnd) : '—'}</Typography.Text>
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit">
            张贴公示并出具公示表
          </Button>
        </Form.Item>
      </Space>
    </Form>
  );
}

function batchStatus(b: PublicityBatchView, today: string) {
  if (b.clearedAt) return <Tag color="green">已办结</Tag>;
  if (today > b.windowEnd) return <Tag color="blue">公示期满</Tag>;
  return <Tag color="processing">公示中</Tag>;
}

/** One posted batch: window, cases, objections, the sheet and the clearing. */
export function BatchCard({
  batch,
  today,
  mayHandle,
  onChanged,
  onPreview,
}: {
  batch: PublicityBatchView;
  today: string;
  mayHandle: boolean;
  onChanged: () => void;
  onPreview: (d: DocumentView) => void;
}) {
  const { message, modal } = App.useApp();
  const clear = () =>
    modal.confirm({
      title: '确认公示期满、异议均已处理，办结本批公示？',
      content: '仍在公示中的各户将进入「审核」（审核会议确定保障金）；经核实不成立的异议将记入各户的办理记录。',
      okText: '确认办结',
      cancelText: '取消',
      onOk: async () => {
        try {
          await request('publicity-clear', { batchId: batch.id });
          message.success('公示已办结，各户进入审核');
          onChanged();
        } catch (err) {
          message.error(errorMessage(err));
          throw err;
        }
      },
    });
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      title={
        <Space>
          <span>评议结果公示 {batch.document?.documentNumber ?? ''}</span>
          {batchStatus(batch, today)}
        </Space>
      }
      extra={
        <Space>
          {batch.document && <Button onClick={() => onPreview(batch.document!)}>查看公示表</Button>}
          {!batch.clearedAt && mayHandle && (
            <Button type="primary" onClick={clear}>
              公示期满，办结
            </Button>
          )}
        </Space>
      }
    >
      <Descriptions size="small" column={2} styles={{ label: { whiteSpace: 'nowrap' } }}>
        <Descriptions.Item label="公示期">
          {cnDate(batch.postingDate)} 至 {cnDate(batch.windowEnd)}（{batch.days}个{DAY_UNIT_LABELS[batch.unit]}）
        </Descriptions.Item>
        <Descriptions.Item label="张贴">
          {batch.postedBy} · {dayjs(batch.postedAt).format('YYYY-MM-DD HH:mm')}
        </Descriptions.Item>
        {batch.clearedAt && (
          <Descriptions.Item label="办结">
            {batch.clearedBy} · {dayjs(batch.clearedAt).format('YYYY-MM-DD HH:mm')}
          </Descriptions.Item>
        )}
      </Descriptions>
      {!batch.clearedAt && batch.clearBlocker && <Alert style={{ margin: '8px 0' }} type="warning" showIcon message={`暂不能办结：${batch.clearBlocker}`} />}
      <Table
        locale={{ emptyText: '本批次没有公示对象：张贴公示时勾选评议通过的家庭。' }}
        size="small"
        rowKey="caseId"
        pagination={false}
        dataSource={batch.cases}
        style={{ marginBottom: 8 }}
        columns={[
          { title: '户主', dataIndex: 'headName', render: (v: string | null, c) => <a href={`#/cases/${c.caseId}`}>{v ?? ''}户</a> },
          { title: '人口', dataIndex: 'size', width: 70, render: (v: number) => `${v}人` },
          { title: '当前阶段', dataIndex: 'state', width: 140, render: (s: PublicityCaseView['state']) => <Tag>{CASE_STATE_LABELS[s]}</Tag> },
          {
            title: '',
            width: 120,
            render: (_: unknown, c) => (c.state === 'publicity' && !batch.clearedAt ? <ObjectionAddButton caseId={c.caseId} headName={c.headName} onDone={onChanged} /> : null),
          },
        ]}
      />
      <Typography.Text strong>公示异议</Typography.Text>
      <ObjectionsTable objections={batch.objections} mayHandle={mayHandle} onChanged={onChanged} />
    </Card>
  );
}

export function BatchList(props: { batches: PublicityBatchView[]; today: string; mayHandle: boolean; onChanged: () => void; onPreview: (d: DocumentView) => void }) {
  if (props.batches.length === 0) return <Empty description="尚未张贴公示" />;
  return (
    <>
      {props.batches.map((b) => (
        <BatchCard key={b.id} batch={b} today={props.today} mayHandle={props.mayHandle} onChanged={props.onChanged} onPreview={props.onPreview} />
      ))}
    </>
  );
}
