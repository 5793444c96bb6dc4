import { Alert, App, Button, Descriptions, Divider, Form, Input, Popconfirm, Space, Tag, Typography } from 'antd';
import { useEffect, useState, type ComponentType } from 'react';
import type { ChangeCasePreview } from '../../../../src/contract';
import { request } from '../../api';
import { errorMessage } from '../../components/form-rules';
import { ProposedExitPanel } from '../cases/confirm-panels';
import type { StepPanelProps } from '../cases/step-panels';

const DIRECTION_COLORS = { 增发: 'red', 减发: 'green', 金额不变: 'default' } as const;

function useChange(caseId: number, enabled: boolean, state: string) {
  const [preview, setPreview] = useState<ChangeCasePreview | null>(null);
  useEffect(() => {
    if (!enabled) return;
    void request('roster-change-get', { caseId }).then(setPreview, () => setPreview(null));
  }, [caseId, enabled, state]);
  return preview;
}

const money = (v: number | null) => (v === null ? '—' : `${v.toFixed(2)} 元`);

/** 动态调整: the reason, the roster amount and the new one with 增发 / 减发 and the difference. */
function ChangeSummary({ detail }: StepPanelProps) {
  const p = useChange(detail.id, detail.kind === 'change', detail.state);
  if (detail.kind !== 'change' || !p) return null;
  const newTotal = p.decidedTotal ?? p.proposedTotal;
  const diff = newTotal === null ? null : Math.round((newTotal - p.rosterTotalAtOpen) * 100) / 100;
  return (
    <>
      <Descriptions size="small" column={4} bordered>
        <Descriptions.Item label="调整原因">{p.reason}</Descriptions.Item>
        <Descriptions.Item label="花名册月保障金">{money(p.rosterTotalAtOpen)}</Descriptions.Item>
        <Descriptions.Item label={p.decidedTotal !== null ? '决定月保障金' : '测算月保障金'}>{money(newTotal)}</Descriptions.Item>
        <Descriptions.Item label="变化">
          {diff === null ? (
            '尚未测算'
          ) : p.decidedTotal === null && p.proposedTotal === 0 ? (
            <Tag color="volcano">测算不再符合条件（拟停发）</Tag>
          ) : (
            <Space>
              <Tag color={DIRECTION_COLORS[diff > 0 ? '增发' : diff < 0 ? '减发' : '金额不变']}>{diff > 0 ? '增发' : diff < 0 ? '减发' : '金额不变'}</Tag>
              {diff !== 0 && <span>{diff > 0 ? `+${diff.toFixed(2)}` : diff.toFixed(2)} 元/月</span>}
            </Space>
          )}
        </Descriptions.Item>
      </Descriptions>
      <Divider style={{ margin: '12px 0' }} />
    </>
  );
}

/** Shows the change summary above a step's own panel for change cases; other cases see the panel unchanged. */
export function withChangeSummary(Panel: ComponentType<StepPanelProps>): ComponentType<StepPanelProps> {
  function WithChangeSummary(props: StepPanelProps) {
    return (
      <>
        <ChangeSummary {...props} />
        <Panel {...props} />
      </>
    );
  }
  return WithChangeSummary;
}

/** 拟清退: the stop with its notice, or — for income above the standard — a 渐退期 instead. */
export function ExitOrGradualPanel(props: StepPanelProps) {
  const { detail, onChanged } = props;
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const may = detail.allowedActions.includes('grant-gradual-exit');
  const p = useChange(detail.id, may, detail.state);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <ChangeSummary {...props} />
      <ProposedExitPanel {...props} />
      {may && p && (
        <>
          <Divider orientation="left" plain>
            或：给予渐退期
          </Divider>
          {p.gradualExitBlocker ? (
            <Typography.Text type="secondary">不能给予渐退期：{p.gradualExitBlocker}</Typography.Text>
          ) : (
            <Form form={form} layout="vertical" style={{ maxWidth: 640 }}>
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 12 }}
                message={`家庭人均收入因就业等原因超过低保标准：可按现金额继续发放 ${p.gradualExitMonths} 个月，期满自动办理停发并出具停发通知书。`}
              />
              <Form.Item label="给予渐退期的理由" name="reason" rules={[{ required: true, min: 5, whitespace: true, message: '请写明理由（至少5个字）' }]}>
                <Input.TextArea rows={2} placeholder="如：长子新近就业，收入尚不稳定" />
              </Form.Item>
              <Popconfirm
                title={`给予 ${p.gradualExitMonths} 个月渐退期？`}
                okText="给予渐退期"
                cancelText="取消"
                onConfirm={async () => {
                  const { reason } = await form.validateFields();
                  try {
                    onChanged(await request('roster-grant-gradual-exit', { caseId: detail.id, reason }));
                    message.success('已给予渐退期');
                  } catch (err) {
                    message.error(errorMessage(err));
                  }
                }}
              >
                <Button>给予渐退期</Button>
              </Popconfirm>
            </Form>
          )}
        </>
      )}
    </Space>
  );
}

/** 渐退期: paid at the current amount until the end month, then stopped from the roster page. */
export function GradualExitPanel(props: StepPanelProps) {
  const p = useChange(props.detail.id, true, props.detail.state);
  const ge = p?.gradualExit;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <ChangeSummary {...props} />
      {ge && (
        <Descriptions size="small" column={2} bordered>
          <Descriptions.Item label="渐退期">
            {ge.months} 个月，按原金额发放至 <strong>{ge.endMonth}</strong>
          </Descriptions.Item>
          <Descriptions.Item label="核准">
            {ge.grantedBy} {ge.grantedAt.slice(0, 10)}
          </Descriptions.Item>
          <Descriptions.Item label="理由" span={2}>
            {ge.reason}
          </Descriptions.Item>
        </Descriptions>
      )}
      <Typography.Text type="secondary">
        渐退期届满的当月，在 <a href="#/roster">低保花名册 → 渐退期</a> 办理停发，系统逐户出具停发通知书。
      </Typography.Text>
    </Space>
  );
}
