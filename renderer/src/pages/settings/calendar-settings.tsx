import { App, Button, Card, DatePicker, Form, Input, Popconfirm, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import type { CalendarOverrideView } from '../../../../src/contract';
import { request } from '../../api';
import { errorMessage } from '../../components/form-rules';

/** 办公日历: holidays and make-up working days of a year the built-in calendar does not know yet. */
export function CalendarOverrides({ isAdmin }: { isAdmin: boolean }) {
  const { message } = App.useApp();
  const [year, setYear] = useState(dayjs().year());
  const [rows, setRows] = useState<CalendarOverrideView[]>([]);
  const [form] = Form.useForm<{ date: Dayjs; kind: 'holiday' | 'workday'; note?: string }>();
  const load = useCallback(async () => {
    try {
      setRows(await request('calendar-override-list', { year }));
    } catch (err) {
      message.error(errorMessage(err));
    }
  }, [year, message]);
  useEffect(() => {
    void load();
  }, [load]);
  const years = Array.from({ length: 7 }, (_, i) => dayjs().year() - 1 + i);
  return (
    <Card
      size="small"
      title="办公日历调整（节假日、调休上班日）"
      extra={<Select value={year} onChange={setYear} style={{ width: 110 }} options={years.map((y) => ({ value: y, label: `${y}年` }))} />}
    >
      <Typography.Paragraph type="secondary">
        程序内置国家法定节假日和调休安排。国务院公布新一年安排后如程序尚未更新，请在此逐日登记：放假日按休息日计算，调休上班日按工作日计算。公示期按工作日计算时使用本日历。
      </Typography.Paragraph>
      {isAdmin && (
        <Form
          form={form}
          layout="inline"
          style={{ marginBottom: 12 }}
          initialValues={{ kind: 'holiday' }}
          onFinish={async (v) => {
            try {
              setRows(await request('calendar-override-set', { date: v.date.format('YYYY-MM-DD'), kind: v.kind, note: v.note ?? null }));
              setYear(v.date.year());
              form.resetFields(['date', 'note']);
            } catch (err) {
              message.error(errorMessage(err));
            }
          }}
        >
          <Form.Item name="date" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker placeholder="日期" />
          </Form.Item>
          <Form.Item name="kind">
            <Radio.Group
              optionType="button"
              options={[
                { value: 'holiday', label: '放假' },
                { value: 'workday', label: '调休上班' },
              ]}
            />
          </Form.Item>
          <Form.Item name="note">
            <Input placeholder="说明，如：国庆节" style={{ width: 180 }} />
          </Form.Item>
          <Button htmlType="submit">登记</Button>
        </Form>
      )}
      <Table
        size="small"
        rowKey="date"
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: `${year}年未登记调整，使用内置日历` }}
        columns={[
          { title: '日期', dataIndex: 'date', width: 150, render: (d: string) => `${d}（周${'日一二三四五六'[dayjs(d).day()]}）` },
          { title: '安排', dataIndex: 'kind', width: 110, render: (k: string) => (k === 'holiday' ? <Tag color="red">放假</Tag> : <Tag color="blue">调休上班</Tag>) },
          { title: '说明', dataIndex: 'note' },
          { title: '登记人', dataIndex: 'createdBy', width: 120 },
          ...(isAdmin
            ? [
                {
                  title: '',
                  width: 70,
                  render: (_: unknown, r: CalendarOverrideView) => (
                    <Popconfirm
                      title="删除该日调整？"
                      okText="删除"
                      cancelText="取消"
                      onConfirm={async () => {
                        try {
                          setRows(await request('calendar-override-remove', { date: r.date }));
                        } catch (err) {
                          message.error(errorMessage(err));
                        }
                      }}
                    >
                      <Button size="small" type="link" danger>
                        删除
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Space />
    </Card>
  );
}
