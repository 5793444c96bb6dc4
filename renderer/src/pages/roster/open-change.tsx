import { App, AutoComplete, Button, Form, Modal, Typography } from 'antd';
import { useState } from 'react';
import { request } from '../../api';
import { errorMessage } from '../../components/form-rules';
import { navigate } from '../../router';

const REASONS = ['家庭成员就业', '新增重病', '收入增加', '收入减少', '家庭人口变化', '残疾等级变化', '定期复核'];

/**
 * 开启动态调整: a recipient's circumstances changed. The case opens at the investigation in the year's standing
 * campaign (「YYYY年低保动态管理」) and the page goes to it.
 */
export function OpenChangeModal({ householdId, headName, open, onClose }: { householdId: number; headName: string | null; open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      title={`开启动态调整：${headName ?? ''}户`}
      open={open}
      okText="开启案件"
      cancelText="取消"
      confirmLoading={busy}
      destroyOnClose
      onCancel={onClose}
      onOk={async () => {
        const { reason } = await form.validateFields();
        setBusy(true);
        try {
          const c = await request('roster-change-open', { householdId, reason });
          message.success('已开启动态调整案件，请录入经济状况核对结果');
          onClose();
          navigate({ page: 'case', id: c.id });
        } catch (err) {
          message.error(errorMessage(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      <Typography.Paragraph type="secondary">
        家庭情况发生变化（增发、减发或停发）须重新核对、入户调查和初审，再由审核会议和镇审批决定新的保障金，或出具停发通知书。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item label="调整原因" name="reason" rules={[{ required: true, whitespace: true, min: 2, message: '请填写调整原因' }]}>
          <AutoComplete options={REASONS.map((r) => ({ value: r }))} placeholder="如：家庭成员就业、新增重病、收入增加" maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The household page's entry to a change case (recipients only). */
export function OpenChangeButton({ householdId, headName, status }: { householdId: number; headName: string | null; status: string }) {
  const [open, setOpen] = useState(false);
  if (status !== 'recipient') return null;
  return (
    <>
      <Button onClick={() => setOpen(true)}>开启动态调整</Button>
      <OpenChangeModal householdId={householdId} headName={headName} open={open} onClose={() => setOpen(false)} />
    </>
  );
}
