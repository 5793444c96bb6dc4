import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Radio, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import type { SpotCheckItemView, SpotCheckView } from '../../../../src/contract';
import { request } from '../../api';
import { errorMessage } from '../../components/form-rules';

/** 抽查: draw N households per village with a recorded seed; record each check's finding. */
export function SpotChecksTab({ campaignId }: { campaignId: number }) {
  const { message, modal } = App.useApp();
  const [checks, setChecks] = useState<SpotCheckView[]>([]);
  const [perVillage, setPerVillage] = useState(3);
  const [recording, setRecording] = useState<SpotCheckItemView | null>(null);
  const load = useCallback(async () => {
    try {
      setChecks(await request('spot-check-list', { campaignId }));
    } catch (err) {
      message.error(errorMessage(err));
    }
  }, [campaignId, message]);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space>
        每村抽查
        <InputNumber min={1} max={50} value={perVillage} onChange={(v) => setPerVillage(v ?? 1)} />户
        <Button
          type="primary"
          onClick={() =>
            modal.confirm({
              title: `按每村 ${perVillage} 户随机抽查？`,
              content: '抽取结果和随机种子将被记录，同一种子可复现抽取结果。',
              okText: '抽取',
              cancelText: '取消',
              onOk: async () => {
                try {
                  const c = await request('spot-check-draw', { campaignId, perVillage });
                  message.success(`已抽取 ${c.items.length} 户（种子 ${c.seed}）`);
                  await load();
                } catch (err) {
                  message.error(errorMessage(err));
                }
              },
            })
          }
        >
          随机抽取
        </Button>
      </Space>
      {checks.map((c) => (
        <Table<SpotCheckItemView>
          locale={{ emptyText: '本次抽查没有抽到案件：该范围内还没有办结的案件。' }}
          key={c.id}
          size="small"
          rowKey="id"
          pagination={false}
          title={() => (
            <Typography.Text>
              {dayjs(c.drawnAt).format('YYYY-MM-DD HH:mm')} {c.drawnBy} 抽取，每村 {c.perVillage} 户，随机种子 <Typography.Text code>{c.seed}</Typography.Text>
            </Typography.Text>
          )}
          dataSource={c.items}
          columns={[
            { title: '村（社区）', dataIndex: 'villageName' },
            { title: '户主', dataIndex: 'headName', render: (v: string | null, it) => <a href={`#/households/${it.householdId}`}>{v}</a> },
            { title: '抽查日期', dataIndex: 'checkedOn', render: (v: string | null) => v ?? '—' },
            { title: '抽查人', dataIndex: 'checker', render: (v: string | null) => v ?? '—' },
            {
              title: '结论',
              dataIndex: 'result',
              render: (r: SpotCheckItemView['result']) => (r === null ? <Tag>未查</Tag> : r === 'ok' ? <Tag color="green">属实</Tag> : <Tag color="red">发现问题</Tag>),
            },
            { title: '情况', dataIndex: 'finding', render: (v: string | null) => v ?? '' },
            { title: '操作', render: (_, it) => <a onClick={() => setRecording(it)}>登记</a> },
          ]}
        />
      ))}
      {recording && (
        <RecordModal
          item={recording}
          onClose={() => setRecording(null)}
          onSaved={async () => {
            setRecording(null);
            await load();
          }}
        />
      )}
    </Space>
  );
}

function RecordModal({ item, onClose, onSaved }: { item: SpotCheckItemView; onClose: () => void; onSaved: () => Promise<void> }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  return (
    <Modal
      open
      title={`登记抽查结果：${item.headName ?? ''}户`}
      okText="保存"
      cancelText="取消"
      onCancel={onClose}
      onOk={async () => {
        const v = (await form.validateFields()) as { checkedOn: dayjs.Dayjs; checker: string; result: 'ok' | 'problem'; finding?: string };
        try {
          await request('spot-check-record', { itemId: item.id, checkedOn: v.checkedOn.format('YYYY-MM-DD'), checker: v.checker, result: v.result, finding: v.finding ?? null });
          message.success('已登记');
          await onSaved();
        } catch (err) {
          message.error(errorMessage(err));
        }
      }}
    >
      <Form form={form} layout="vertical" initialValues={{ checkedOn: dayjs(), result: 'ok' }}>
        <Form.Item label="抽查日期" name="checkedOn" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item label="抽查人" name="checker" rules={[{ required: true, message: '请填写抽查人' }]}>
          <Input />
        </Form.Item>
        <Form.Item label="结论" name="result">
          <Radio.Group options={[{ value: 'ok', label: '情况属实' }, { value: 'problem', label: '发现问题' }]} />
        </Form.Item>
        <Form.Item label="情况说明" name="finding">
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
