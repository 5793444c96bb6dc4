import { App, Button, Form, Input, Radio } from 'antd';
import { SCREENING_RESULT_LABELS, type ScreeningResult } from '../../../../src/domain/workflow';
import { request } from '../../api';
import { errorMessage } from '../../components/form-rules';
import type { StepPanelProps } from './step-panels';

/** 第一步摸排: the cadre's finding for the household. */
export function ScreeningPanel({ detail, onChanged }: StepPanelProps) {
  const { message } = App.useApp();
  const options: ScreeningResult[] = detail.kind === 'recipient-review' ? ['maintain', 'exit', 'none'] : ['apply', 'none'];
  const canAct = detail.allowedActions.includes('screen');
  return (
    <Form
      layout="vertical"
      disabled={!canAct}
      onFinish={async (v: { result: ScreeningResult; note?: string }) => {
        try {
          onChanged(await request('case-screen', { caseId: detail.id, result: v.result, note: v.note ?? null }));
          message.success('摸排结果已登记');
        } catch (err) {
          message.error(errorMessage(err));
        }
      }}
    >
      <Form.Item label="摸排结果" name="result" rules={[{ required: true, message: '请选择摸排结果' }]}>
        <Radio.Group options={options.map((o) => ({ value: o, label: SCREENING_RESULT_LABELS[o] }))} />
      </Form.Item>
      <Form.Item label="说明" name="note">
        <Input.TextArea rows={2} placeholder="如：家庭主要劳动力外出务工收入稳定" />
      </Form.Item>
      <Button type="primary" htmlType="submit">
        登记摸排结果
      </Button>
    </Form>
  );
}
