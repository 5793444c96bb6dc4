import { App, Button, Form, InputNumber, Typography } from 'antd';
import { useEffect } from 'react';
import type { ClockSettings } from '../../../../src/contract';
import { request } from '../../api';
import { errorMessage } from '../../components/form-rules';
import { useSession } from '../../session-gate';

/** 办理时限: the statutory clocks the workbench counts in working days. */
export function ClockSettingsForm() {
  const { message } = App.useApp();
  const { can } = useSession();
  const [form] = Form.useForm<ClockSettings>();
  useEffect(() => {
    void request('clock-settings-get', {}).then((v) => form.setFieldsValue(v), (err: unknown) => message.error(errorMessage(err)));
  }, [form, message]);
  return (
    <Form
      form={form}
      layout="vertical"
      style={{ maxWidth: 520 }}
      disabled={!can('clock-settings-update')}
      onFinish={async (v) => {
        try {
          await request('clock-settings-update', v);
          message.success('办理时限已保存');
        } catch (err) {
          message.error(errorMessage(err));
        }
      }}
    >
      <Typography.Paragraph type="secondary">按工作日计算（扣除法定节假日，计入调休上班日；节假日可在<a href="#/settings?tab=calendar">「办公日历」</a>中补录）。</Typography.Paragraph>
      <Form.Item label="不予批准、停发通知书须在作出决定后几个工作日内送达" name="noticeWorkingDays" rules={[{ required: true, message: '请填写' }]}>
        <InputNumber min={1} max={60} addonAfter="个工作日" />
      </Form.Item>
      <Form.Item label="办结时限（自受理申请起）" name="processingWorkingDays" rules={[{ required: true, message: '请填写' }]}>
        <InputNumber min={1} max={365} addonAfter="个工作日" />
      </Form.Item>
      <Button type="primary" htmlType="submit">
        保存
      </Button>
    </Form>
  );
}
