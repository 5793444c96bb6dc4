import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Input, Modal, Select, Space } from 'antd';
import dayjs from 'dayjs';
import type { DecisionMeetingView } from '../../../../src/contract';
import { PANEL_TITLES } from '../../../../src/contract/commands/approval';
import { ApiFailure, request } from '../../api';
import { applyServerErrors, errorMessage } from '../../components/form-rules';

const DEFAULT_MEMBERS = {
  review: [
    { name: '', title: '村两委' },
    { name: '', title: '村两委' },
    { name: '', title: '包村干部' },
  ],
  approval: [
    { name: '', title: '组长' },
    { name: '', title: '副组长' },
    { name: '', title: '人大' },
    { name: '', title: '纪检' },
    { name: '', title: '民政' },
    { name: '', title: '扶贫' },
    { name: '', title: '残联' },
  ],
};

/** Records a 审核会议 (village committees with the township cadre) or a 镇评审小组 approval meeting. */
export function MeetingModal(props: {
  campaignId: number;
  kind: 'review' | 'approval';
  villageId: number | null;
  villageName?: string | null;
  onClose: () => void;
  onSaved: (m: DecisionMeetingView) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  return (
    <Modal
      open
      width={620}
      title={props.kind === 'review' ? `登记审核会议（${props.villageName ?? ''}）` : '登记镇评审小组审批会议'}
      okText="保存"
      cancelText="取消"
      onCancel={props.onClose}
      onOk={async () => {
        const v = (await form.validateFields()) as { heldOn: dayjs.Dayjs; place: string; members: { name: string; title: string }[]; note?: string };
        try {
          const m = await request('meeting-create', {
            campaignId: props.campaignId,
            kind: props.kind,
            villageId: props.villageId,
            heldOn: v.heldOn.format('YYYY-MM-DD'),
            place: v.place,
            members: v.members as never,
            note: v.note ?? null,
          });
          message.success('会议已登记');
          props.onSaved(m);
        } catch (err) {
          if (err instanceof ApiFailure) applyServerErrors(form, err.error);
          message.error(errorMessage(err));
        }
      }}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ heldOn: dayjs(), place: props.kind === 'review' ? '村委会会议室' : '镇政府会议室', members: DEFAULT_MEMBERS[props.kind] }}
      >
        <Space>
          <Form.Item label="会议日期" name="heldOn" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item label="地点" name="place" rules={[{ required: true, message: '请填写地点' }]}>
            <Input style={{ width: 260 }} />
          </Form.Item>
        </Space>
        <Form.List name="members">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline">
                  <Form.Item name={[f.name, 'title']} rules={[{ required: true, message: '请选择职务' }]}>
                    <Select style={{ width: 120 }} options={PANEL_TITLES.map((t) => ({ value: t, label: t }))} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: '请填写参会人员姓名' }]}>
                    <Input placeholder="姓名" style={{ width: 200 }} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(f.name)} aria-label="删除" />
                </Space>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', title: '其他' })}>
                增加参会人员
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item label="会议纪要" name="note" style={{ marginTop: 12 }}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
