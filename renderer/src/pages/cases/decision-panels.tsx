import { Alert, App, Button, Descriptions, Form, Input, InputNumber, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { CaseDecision, DecisionLineView, DecisionMeetingView } from '../../../../src/contract';
import { request } from '../../api';
import { errorMessage } from '../../components/form-rules';
import { MeetingModal } from '../approval/meeting-modal';
import { useSession } from '../../session-gate';
import type { StepPanelProps } from './step-panels';

function useDecision(caseId: number, kind: 'review' | 'approval', campaignId: number, villageId: number) {
  const [decision, setDecision] = useState<CaseDecision | null>(null);
  const [meetings, setMeetings] = useState<DecisionMeetingView[]>([]);
  const load = useCallback(async () => {
    const [d, ms] = await Promise.all([request('case-decision', { caseId }), request('meeting-list', { campaignId, kind })]);
    setDecision(d);
    setMeetings(kind === 'review' ? ms.filter((m) => m.villageId === villageId) : ms);
  }, [caseId, kind, campaignId, villageId]);
  useEffect(() => {
    void load();
  }, [load]);
  return { decision, meetings, reload: load };
}

/**
 * 出具会议记录: the 审核/审批会议记录 of this village, rendered from what the chosen meeting decided so far and
 * registered like every document (it then appears under 文书).
 */
function MeetingRecordButton({ meetingId, villageId }: { meetingId: number | undefined; villageId: number }) {
  const { message } = App.useApp();
  const { can } = useSession();
  const [busy, setBusy] = useState(false);
  if (!can('document-issue')) return null;
  return (
    <Button
      disabled={meetingId === undefined}
      loading={busy}
      onClick={async () => {
        setBusy(true);
        try {
          const doc = await request('document-issue', { kind: 'meeting-record', villageId, options: { meetingId } });
          message.success(`已出具${doc.title}，可在「文书」中查看和打印`);
        } catch (err) {
          message.error(errorMessage(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      出具会议记录
    </Button>
  );
}

const meetingLabel = (m: DecisionMeetingView) => `${m.heldOn} ${m.place}（${m.members.map((x) => x.name).join('、')}）`;

/** 审核会议: the engine proposes each covered member's amount; a different figure needs a reason. */
export function ReviewPanel({ detail, onChanged }: StepPanelProps) {
  const { message } = App.useApp();
  const { decision, meetings, reload } = useDecision(detail.id, 'review', detail.campaignId, detail.villageId);
  const [meetingId, setMeetingId] = useState<number | undefined>();
  const [lines, setLines] = useState<DecisionLineView[]>([]);
  const [reason, setReason] = useState('');
  const [creating, setCreating] = useState(false);
  useEffect(() => setLines(decision?.proposal ?? []), [decision]);
  useEffect(() => setMeetingId((id) => id ?? meetings[0]?.id), [meetings]);
  if (!decision) return null;
  const overridden = lines.some((l) => l.decided !== l.proposed);
  const total = lines.reduce((s, l) => s + l.decided, 0);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space>
        <Select
          style={{ width: 460 }}
          placeholder="选择审核会议"
          value={meetingId}
          onChange={setMeetingId}
          options={meetings.map((m) => ({ value: m.id, label: meetingLabel(m) }))}
        />
        <Button onClick={() => setCreating(true)}>登记审核会议</Button>
        <MeetingRecordButton meetingId={meetingId} villageId={detail.villageId} />
      </Space>
      <Table<DecisionLineView>
        locale={{ emptyText: '本户没有拟保障的成员：请回到「初审」核对测算结果和保障对象。' }}
        size="small"
        rowKey="personId"
        pagination={false}
        dataSource={lines}
        columns={[
          { title: '保障对象', dataIndex: 'name' },
          { title: '类别', dataIndex: 'class', render: (c: string) => `${c}类` },
          { title: '测算金额（元）', dataIndex: 'proposed', align: 'right' },
          {
            title: '审核确定（元）',
            render: (_, l) => (
              <InputNumber
                min={0}
                precision={2}
                value={l.decided}
                aria-label={`${l.name}审核确定金额`}
                onChange={(v) => setLines((all) => all.map((x) => (x.personId === l.personId ? { ...x, decided: v ?? 0 } : x)))}
              />
            ),
          },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={3}>
              月保障金合计
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1}>
              <Typography.Text strong>{total.toFixed(2)} 元</Typography.Text>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
      {overridden && (
        <Form.Item label="调整理由（必填）" required style={{ marginBottom: 0 }}>
          <Input.TextArea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
        </Form.Item>
      )}
      <Button
        type="primary"
        disabled={!meetingId || !detail.allowedActions.includes('review-decide')}
        onClick={async () => {
          try {
            onChanged(
              await request('case-review-decide', {
                caseId: detail.id,
                meetingId: meetingId!,
                amounts: lines.map((l) => ({ personId: l.personId, amount: l.decided })),
                overrideReason: overridden ? reason : null,
              }),
            );
            message.success('审核结果已登记，报镇审批');
          } catch (err) {
            message.error(errorMessage(err));
          }
        }}
      >
        确定保障金并报镇审批
      </Button>
      {creating && (
        <MeetingModal
          campaignId={detail.campaignId}
          kind="review"
          villageId={detail.villageId}
          villageName={detail.villageName}
          onClose={() => setCreating(false)}
          onSaved={(m) => {
            setCreating(false);
            setMeetingId(m.id);
            void reload();
          }}
        />
      )}
    </Space>
  );
}

/** 审批: the township review panel approves or refuses (with a reason that goes on the notice). */
export function ApprovalPanel({ detail, onChanged }: StepPanelProps) {
  const { message } = App.useApp();
  const { decision, meetings, reload } = useDecision(detail.id, 'approval', detail.campaignId, detail.villageId);
  const [meetingId, setMeetingId] = useState<number | undefined>();
  const [reason, setReason] = useState('');
  const [creating, setCreating] = useState(false);
  useEffect(() => setMeetingId((id) => id ?? meetings[0]?.id), [meetings]);
  if (!decision?.review) return null;
  const may = detail.allowedActions.includes('approve');
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Descriptions size="small" bordered column={2}>
        <Descriptions.Item label="审核确定月保障金">{decision.review.decidedTotal.toFixed(2)} 元</Descriptions.Item>
        <Descriptions.Item label="测算金额">{decision.review.proposedTotal.toFixed(2)} 元</Descriptions.Item>
        {decision.review.overrideReason && <Descriptions.Item label="调整理由" span={2}>{decision.review.overrideReason}</Descriptions.Item>}
      </Descriptions>
      {!may && <Alert type="info" showIcon message="审批须由审批领导在镇评审小组会议上决定。" />}
      <Space>
        <Select style={{ width: 460 }} placeholder="选择审批会议" value={meetingId} onChange={setMeetingId} options={meetings.map((m) => ({ value: m.id, label: meetingLabel(m) }))} />
        <Button onClick={() => setCreating(true)}>登记审批会议</Button>
        <MeetingRecordButton meetingId={meetingId} villageId={detail.villageId} />
      </Space>
      <Input.TextArea rows={2} placeholder="意见或不予批准的理由（不予批准时必填，将写入通知书）" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
      <Space>
        <Popconfirm
          title="审批通过？"
          description="审批决定将冻结保存，下月起发放。"
          okText="通过"
          cancelText="取消"
          disabled={!may || !meetingId}
          onConfirm={async () => {
            try {
              onChanged(await request('case-approve', { caseId: detail.id, meetingId: meetingId!, reason: reason || null }));
              message.success('审批通过');
            } catch (err) {
              message.error(errorMessage(err));
            }
          }}
        >
          <Button type="primary" disabled={!may || !meetingId}>
            审批通过
          </Button>
        </Popconfirm>
        <Popconfirm
          title="不予批准并出具通知书？"
          okText="不予批准"
          okButtonProps={{ danger: true }}
          cancelText="取消"
          disabled={!may || !meetingId}
          onConfirm={async () => {
            try {
              onChanged(await request('case-deny', { caseId: detail.id, meetingId: meetingId!, reason }));
              message.success('已出具不予批准通知书');
            } catch (err) {
              message.error(errorMessage(err));
            }
          }}
        >
          <Button danger disabled={!may || !meetingId}>
            不予批准
          </Button>
        </Popconfirm>
      </Space>
      {creating && (
        <MeetingModal
          campaignId={detail.campaignId}
          kind="approval"
          villageId={null}
          onClose={() => setCreating(false)}
          onSaved={(m) => {
            setCreating(false);
            setMeetingId(m.id);
            void reload();
          }}
        />
      )}
    </Space>
  );
}

/** 已批准: the frozen decision. */
export function ApprovedPanel({ detail }: StepPanelProps) {
  const [decision, setDecision] = useState<CaseDecision | null>(null);
  useEffect(() => {
    void request('case-decision', { caseId: detail.id }).then(setDecision, () => undefined);
  }, [detail.id]);
  const a = decision?.approval;
  if (!a) return null;
  return (
    <Descriptions size="small" bordered column={2}>
      <Descriptions.Item label="审批结果">审批通过</Descriptions.Item>
      <Descriptions.Item label="月保障金">{a.monthlyTotal.toFixed(2)} 元</Descriptions.Item>
      <Descriptions.Item label="发放起始月">{a.paymentStart}</Descriptions.Item>
      <Descriptions.Item label="审批人">{a.decidedBy}</Descriptions.Item>
      {decision.review?.lines.map((l) => (
        <Descriptions.Item key={l.personId} label={`${l.name}（${l.class}类）`}>
          {l.decided.toFixed(2)} 元
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}
