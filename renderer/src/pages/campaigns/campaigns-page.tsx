import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Select, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import type { CampaignView } from '../../../../src/contract';
import { phasesFrom, type Phase } from '../../../../src/domain/workflow';
import { ApiFailure, request } from '../../api';
import { applyServerErrors, errorMessage } from '../../components/form-rules';
import { useVillages } from '../../components/use-villages';
import { navigate } from '../../router';
import { useSession } from '../../session-gate';

export function CampaignsPage() {
  const { message } = App.useApp();
  const { can } = useSession();
  const [campaigns, setCampaigns] = useState<CampaignView[]>([]);
  const [creating, setCreating] = useState(false);
  const load = useCallback(async () => {
    try {
      setCampaigns(await request('campaign-list', {}));
    } catch (err) {
      message.error(errorMessage(err));
    }
  }, [message]);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <Card
      title="专项治理"
      extra={
        can('campaign-create') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新建专项治理
          </Button>
        )
      }
    >
      <Table<CampaignView>
        rowKey="id"
        pagination={false}
        dataSource={campaigns}
        locale={{ emptyText: '尚未建立专项治理工作' }}
        columns={[
          { title: '名称', dataIndex: 'name', render: (v: string, c) => <a href={`#/campaigns/${c.id}`}>{v}</a> },
          { title: '年度', dataIndex: 'year', width: 80 },
          { title: '范围', dataIndex: 'villageNames', render: (v: string[]) => v.map((n) => <Tag key={n}>{n}</Tag>) },
          {
            title: '工作阶段',
            render: (_, c) => c.phases.map((p) => `${p.label} ${p.start.slice(5)}～${p.end.slice(5)}`).join('；'),
          },
          { title: '案件数', dataIndex: 'caseCount', width: 80, align: 'right' },
        ]}
      />
      {creating && (
        <CampaignModal
          onClose={() => setCreating(false)}
          onSaved={(c) => {
            setCreating(false);
            navigate({ page: 'campaign', id: c.id });
          }}
        />
      )}
    </Card>
  );
}

type FormValues = { name: string; year: number; villageIds: number[]; phases: { label: string; key: Phase['key']; range: [dayjs.Dayjs, dayjs.Dayjs] }[] };

export function CampaignModal({ onClose, onSaved }: { onClose: () => void; onSaved: (c: CampaignView) => void }) {
  const { message } = App.useApp();
  const { villages } = useVillages();
  const [form] = Form.useForm<FormValues>();
  const year = dayjs().year();
  const phases = phasesFrom(dayjs().format('YYYY-MM-DD'));
  return (
    <Modal
      open
      width={640}
      title="新建专项治理"
      okText="建立"
      cancelText="取消"
      onCancel={onClose}
      onOk={async () => {
        const v = await form.validateFields();
        try {
          const c = await request('campaign-create', {
            name: v.name,
            year: v.year,
            villageIds: v.villageIds,
            phases: v.phases.map((p) => ({ key: p.key, label: p.label, start: p.range[0].format('YYYY-MM-DD'), end: p.range[1].format('YYYY-MM-DD') })),
          });
          message.success('已建立');
          onSaved(c);
        } catch (err) {
          if (err instanceof ApiFailure) applyServerErrors(form, err.error);
          message.error(errorMessage(err));
        }
      }}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          name: `${year}年低保专项治理`,
          year,
          villageIds: villages.map((v) => v.id),
          phases: phases.map((p) => ({ key: p.key, label: p.label, range: [dayjs(p.start), dayjs(p.end)] })),
        }}
        key={villages.length}
      >
        <Form.Item label="名称" name="name" rules={[{ required: true, message: '请填写名称' }]}>
          <Input />
        </Form.Item>
        <Form.Item label="年度" name="year">
          <InputNumber min={2000} max={2100} />
        </Form.Item>
        <Form.Item label="范围（村、社区）" name="villageIds" rules={[{ required: true, message: '请至少选择一个村（社区）' }]}>
          <Select mode="multiple" options={villages.map((v) => ({ value: v.id, label: v.name }))} />
        </Form.Item>
        <Form.List name="phases">
          {(fields) =>
            fields.map((f, i) => (
              <Form.Item key={f.key} label={`${phases[i]?.label ?? ''}阶段`} name={[f.name, 'range']} rules={[{ required: true, message: '请选择起止日期' }]}>
                <DatePicker.RangePicker />
              </Form.Item>
            ))
          }
        </Form.List>
      </Form>
    </Modal>
  );
}
