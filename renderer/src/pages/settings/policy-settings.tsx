import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { PolicyVersionView } from '../../../../src/contract';
import { policyAddSchema } from '../../../../src/contract/commands/determination';
import { ROUNDING_LABELS, UPLIFT_MODE_LABELS, singleCoverAmountOf, type Policy, type Uplift } from '../../../../src/domain/policy';
import { ApiFailure, request } from '../../api';
import { applyServerErrors, errorMessage, zodRule } from '../../components/form-rules';
import { usePolicy } from '../../components/use-policy';
import { useSession } from '../../session-gate';

const s = policyAddSchema.shape;

export function describeUplift(u: Uplift): string {
  switch (u.mode) {
    case 'none':
      return '不上浮';
    case 'percentOfOwn':
      return `本人差额 +${u.value}%`;
    case 'percentOfStandard':
      return `+标准的${u.value}%`;
    case 'fixed':
      return `+${u.value}元`;
  }
}

export function PolicySettings() {
  const { state, reload } = usePolicy();
  const { can } = useSession();
  const mayAdd = can('policy-add');
  const [adding, setAdding] = useState<Policy | null>(null);
  if (!state) return null;
  const inForce = state.inForce.version;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      {!state.confirmed && (
        <Alert
          type="warning"
          showIcon
          message="低保政策参数尚未确认"
          description={
            <>
              {`下列数值来自本镇《进一步深化低保专项治理工作实施方案》（低保标准${state.defaults.standard}元，低收入家庭上限为标准的${state.defaults.lowIncomeMultiplier}倍，本地上年度城乡居民人均可支配收入${state.defaults.localDisposableIncome}元）；A、B类上浮比例为外地示例，须由民政所确认。确认或调整之前，测算结果不能保存。`}
              <div style={{ marginTop: 8 }}>
                {mayAdd ? (
                  <Button type="primary" onClick={() => setAdding(state.defaults)}>
                    确认或调整方案参数
                  </Button>
                ) : (
                  <Typography.Text strong>请管理员在此确认或调整。</Typography.Text>
                )}
              </div>
            </>
          }
        />
      )}
      <Table<PolicyVersionView>
        rowKey={(v) => v.policy.version}
        size="small"
        pagination={false}
        dataSource={[...state.versions].reverse()}
        locale={{ emptyText: '尚无已确认的政策版本' }}
        columns={[
          {
            title: '生效日期',
            render: (_, v) => (
              <Space>
                {v.policy.effectiveFrom}
                {state.confirmed && v.policy.version === inForce && <Tag color="green">现行</Tag>}
              </Space>
            ),
          },
          { title: '名称', render: (_, v) => v.policy.label },
          { title: '低保标准（元/人·月）', align: 'right', render: (_, v) => v.policy.standard },
          { title: '低收入倍数', align: 'right', render: (_, v) => v.policy.lowIncomeMultiplier },
          { title: '人均可支配收入（元/月）', align: 'right', render: (_, v) => v.policy.localDisposableIncome },
          { title: '一户保一人（元）', align: 'right', render: (_, v) => singleCoverAmountOf(v.policy) },
          {
            title: 'A / B / C 类',
            render: (_, v) => ['A', 'B', 'C'].map((c) => describeUplift(v.policy.classUplift[c as 'A']) ).join(' / '),
          },
          { title: '取整', render: (_, v) => ROUNDING_LABELS[v.policy.rounding] },
          { title: '录入', render: (_, v) => `${v.createdBy} ${dayjs(v.createdAt).format('YYYY-MM-DD')}` },
        ]}
      />
      {!mayAdd && state.confirmed && <Alert type="info" showIcon message="政策参数由管理员维护，此处仅供查看。" />}
      {state.confirmed && mayAdd && (
        <Button icon={<PlusOutlined />} onClick={() => setAdding({ ...state.inForce, effectiveFrom: dayjs().format('YYYY-MM-DD') })}>
          新增政策版本
        </Button>
      )}
      {adding && (
        <PolicyModal
          initial={adding}
          confirming={!state.confirmed}
          onClose={() => setAdding(null)}
          onSaved={async () => {
            setAdding(null);
            await reload();
          }}
        />
      )}
    </Space>
  );
}

type FormValues = Omit<Policy, 'version' | 'effectiveFrom'> & { effectiveFrom: dayjs.Dayjs; singleCoverFollows: boolean };

function PolicyModal(props: { initial: Policy; confirming: boolean; onClose: () => void; onSaved: () => Promise<void> }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const follows = Form.useWatch('singleCoverFollows', form) ?? props.initial.singleCoverAmount === null;
  return (
    <Modal
      open
      width={780}
      title={props.confirming ? '确认低保政策参数' : '新增政策版本'}
      okText={props.confirming ? '确认并启用' : '保存新版本'}
      cancelText="取消"
      onCancel={props.onClose}
      onOk={async () => {
        const v = await form.validateFields();
        const { singleCoverFollows, ...rest } = v;
        try {
          await request('policy-add', {
            ...rest,
            effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'),
            singleCoverAmount: singleCoverFollows ? null : (v.singleCoverAmount ?? null),
          });
          message.success('政策参数已保存');
          await props.onSaved();
        } catch (err) {
          if (err instanceof ApiFailure) applyServerErrors(form, err.error);
          message.error(errorMessage(err));
        }
      }}
    >
      <Typography.Paragraph type="secondary">
        已保存的版本不能修改（测算结果引用了它）；如需更正，请新增一个版本。
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          ...props.initial,
          effectiveFrom: dayjs(props.initial.effectiveFrom),
          singleCoverFollows: props.initial.singleCoverAmount === null,
        }}
      >
        <Row gutter={16}>
          <Col span={16}>
            <Form.Item label="名称" name="label" rules={[zodRule(s.label)]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="生效日期" name="effectiveFrom" rules={[{ required: true, message: '请选择生效日期' }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item label="低保标准（元/人·月）" name="standard" rules={[zodRule(s.standard)]}>
              <InputNumber precision={2} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="低收入家庭上限（标准的倍数）" name="lowIncomeMultiplier" rules={[zodRule(s.lowIncomeMultiplier)]}>
              <InputNumber min={0} step={0.1} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="上年度人均可支配收入（元/月）" name="localDisposableIncome" rules={[zodRule(s.localDisposableIncome)]}>
              <InputNumber precision={2} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item label="一户保一人施保金额" name="singleCoverFollows">
              <Select
                options={[
                  { value: true, label: '等于低保标准' },
                  { value: false, label: '另行设定' },
                ]}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            {!follows && (
              <Form.Item label="金额（元/月）" name="singleCoverAmount" rules={[zodRule(s.singleCoverAmount)]}>
                <InputNumber precision={2} style={{ width: '100%' }} />
              </Form.Item>
            )}
          </Col>
          <Col span={8}>
            <Form.Item label="取整方式" name="rounding">
              <Select options={Object.entries(ROUNDING_LABELS).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
          </Col>
        </Row>
        {(['A', 'B', 'C'] as const).map((c) => (
          <Row gutter={16} key={c}>
            <Col span={12}>
              <Form.Item label={`${c}类上浮方式`} name={['classUplift', c, 'mode']}>
                <Select options={Object.entries(UPLIFT_MODE_LABELS).map(([value, label]) => ({ value, label }))} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item noStyle dependencies={[['classUplift', c, 'mode']]}>
                {({ getFieldValue }) =>
                  getFieldValue(['classUplift', c, 'mode']) !== 'none' && (
                    <Form.Item label={`${c}类上浮值（%或元）`} name={['classUplift', c, 'value']} rules={[{ required: true, message: '请填写上浮值' }]}>
                      <InputNumber precision={2} style={{ width: '100%' }} />
                    </Form.Item>
                  )
                }
              </Form.Item>
            </Col>
          </Row>
        ))}
        <Form.Item label="说明（文件依据等）" name="note" rules={[zodRule(s.note)]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
