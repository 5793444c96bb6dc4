import { App, Button, Card, Form, InputNumber, Radio, Typography } from 'antd';
import { useEffect } from 'react';
import type { HearingSettings } from '../../../../src/contract';
import { DAY_UNIT_LABELS } from '../../../../src/domain/calendar';
import { passRuleText } from '../../../../src/domain/hearing';
import { request } from '../../api';
import { errorMessage } from '../../components/form-rules';

/** 评议表决规则 and the 公示 window defaults (administrator). */
export function RuleSettings({ settings, isAdmin, onSaved }: { settings: HearingSettings; isAdmin: boolean; onSaved: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<HearingSettings>();
  const percent = (Form.useWatch('passPercent', form) as number | undefined) ?? settings.passPercent;
  useEffect(() => form.setFieldsValue(settings), [settings, form]);
  return (
    <Card size="small" title="评议表决规则与公示期" style={{ marginBottom: 16 }}>
      <Form
        form={form}
        layout="inline"
        disabled={!isAdmin}
        initialValues={settings}
        onFinish={async (v) => {
          try {
            await request('hearing-settings-update', v);
            message.success('已保存');
            onSaved();
          } catch (err) {
            message.error(errorMessage(err));
          }
        }}
      >
        <Form.Item label="通过比例：同意票超过所投票数的" name="passPercent" rules={[{ required: true, message: '请填写' }]}>
          <InputNumber min={1} max={99} precision={0} addonAfter="%" style={{ width: 120 }} />
        </Form.Item>
        <Form.Item label="公示期默认" name="publicityDays" rules={[{ required: true, message: '请填写' }]}>
          <InputNumber min={1} max={90} precision={0} addonAfter="天" style={{ width: 110 }} />
        </Form.Item>
        <Form.Item name="publicityUnit">
          <Radio.Group optionType="button" options={(['natural', 'working'] as const).map((u) => ({ value: u, label: DAY_UNIT_LABELS[u] }))} />
        </Form.Item>
        {isAdmin && (
          <Button type="primary" htmlType="submit">
            保存
          </Button>
        )}
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        现行规则：{passRuleText(percent)}。每户一票：参会的户代表和电话征求意见的外出户各计一票，弃权票计入所投票数；包村镇干和入户调查人员列席不表决。
        {!isAdmin && ' 如需调整，请联系管理员。'}
      </Typography.Paragraph>
    </Card>
  );
}
