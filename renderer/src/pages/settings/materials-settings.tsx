import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Space, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { CHECKLIST_LABELS, type Checklist, type MaterialItem } from '../../../../src/contract';
import { request } from '../../api';
import { errorMessage } from '../../components/form-rules';
import { useSession } from '../../session-gate';

type Row = { key?: string | null; label: string; required: boolean };

const INTRO: Record<Checklist, string> = {
  application: '新申请家庭在申请阶段须收取的材料。',
  review: '现有低保户复核（维持或拟退出）时须收取的材料，不要求重新提交申请声明书等申请材料。',
};

/**
 * 申请材料清单 (plan 三(二)第二步) and 复核材料清单: what a new application, or a recipient's review, must bring;
 * only the administrator changes them.
 */
export function MaterialsSettings({ checklist = 'application' }: { checklist?: Checklist }) {
  const { message } = App.useApp();
  const { can } = useSession();
  const isAdmin = can('materials-settings-update');
  const [form] = Form.useForm<{ items: Row[] }>();
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    request('materials-settings-get', { checklist }).then(
      (items: MaterialItem[]) => {
        form.setFieldsValue({ items });
        setLoaded(true);
      },
      (err: unknown) => message.error(errorMessage(err)),
    );
  }, [form, message, checklist]);
  return (
    <Card loading={!loaded} bordered={false} style={{ maxWidth: 720 }}>
      <Typography.Paragraph type="secondary">
        {INTRO[checklist]}标为「必交」的材料未收齐时，案件不能提交核对；已勾选的材料在改名后仍保留。{!isAdmin && '只有管理员可以修改。'}
      </Typography.Paragraph>
      <Form
        form={form}
        disabled={!isAdmin}
        onFinish={async (v) => {
          try {
            form.setFieldsValue({ items: await request('materials-settings-update', { checklist, items: v.items }) });
            message.success(`${CHECKLIST_LABELS[checklist]}清单已保存`);
          } catch (err) {
            message.error(errorMessage(err));
          }
        }}
      >
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                  <Typography.Text type="secondary" style={{ width: 24, display: 'inline-block' }}>
                    {i + 1}.
                  </Typography.Text>
                  <Form.Item name={[f.name, 'label']} rules={[{ required: true, whitespace: true, message: '请填写材料名称' }]}>
                    <Input style={{ width: 380 }} aria-label={`材料${i + 1}名称`} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'required']} valuePropName="checked">
                    <Switch checkedChildren="必交" unCheckedChildren="如有" />
                  </Form.Item>
                  <Button type="text" danger icon={<DeleteOutlined />} aria-label={`删除材料${i + 1}`} onClick={() => remove(f.name)} />
                </Space>
              ))}
              <Space>
                <Button icon={<PlusOutlined />} onClick={() => add({ label: '', required: true })}>
                  增加材料
                </Button>
                <Button type="primary" htmlType="submit">
                  保存
                </Button>
              </Space>
            </>
          )}
        </Form.List>
      </Form>
    </Card>
  );
}
