import { App, Button, Card, Form, InputNumber, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { RosterSettingsView } from '../../../../src/contract';
import { request } from '../../api';
import { errorMessage } from '../../components/form-rules';
import { useSession } from '../../session-gate';

/** 动态管理: review intervals per class (they drive the due list) and the 渐退期 length. The administrator sets them. */
export function RosterSettings() {
  const { message } = App.useApp();
  const { can } = useSession();
  const [form] = Form.useForm<RosterSettingsView>();
  const [loaded, setLoaded] = useState(false);
  const isAdmin = can('roster-settings-update');
  useEffect(() => {
    void request('roster-settings-get', {}).then(
      (v) => {
        form.setFieldsValue(v);
        setLoaded(true);
      },
      (err: unknown) => message.error(errorMessage(err)),
    );
  }, [form, message]);
  const months = (label: string) => [{ required: true, message: `请填写${label}` }];
  return (
    <Card loading={!loaded} bordered={false} style={{ maxWidth: 720 }}>
      <Typography.Paragraph type="secondary">
        复核间隔决定「低保花名册 → 到期复核」名单：每户按户内保障对象分类中最短的间隔计算下次复核日期，到期前 30 天列入名单。
        {!isAdmin && ' 仅管理员可以修改。'}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        disabled={!isAdmin}
        onFinish={async (values) => {
          try {
            form.setFieldsValue(await request('roster-settings-update', values));
            message.success('动态管理设置已保存，下次复核日期已重新计算');
          } catch (err) {
            message.error(errorMessage(err));
          }
        }}
      >
        <Typography.Title level={5}>复核间隔（月）</Typography.Title>
        <Space size={24} wrap>
          <Form.Item label="A类" name={['intervals', 'A']} rules={months('A类复核间隔')}>
            <InputNumber min={1} max={60} addonAfter="个月" style={{ width: 150 }} />
          </Form.Item>
          <Form.Item label="B类" name={['intervals', 'B']} rules={months('B类复核间隔')}>
            <InputNumber min={1} max={60} addonAfter="个月" style={{ width: 150 }} />
          </Form.Item>
          <Form.Item label="C类" name={['intervals', 'C']} rules={months('C类复核间隔')}>
            <InputNumber min={1} max={60} addonAfter="个月" style={{ width: 150 }} />
          </Form.Item>
        </Space>
        <Typography.Title level={5}>渐退期</Typography.Title>
        <Form.Item
          label="渐退期月数"
          name="gradualExitMonths"
          rules={months('渐退期月数')}
          extra="0 表示不设渐退期。设置后，因家庭成员就业等原因人均收入超过低保标准的家庭，经镇核准可按原金额继续发放所设月数，期满停发并出具停发通知书；家庭财产不符合规定的不适用。"
        >
          <InputNumber min={0} max={12} addonAfter="个月" style={{ width: 150 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          保存
        </Button>
      </Form>
    </Card>
  );
}
