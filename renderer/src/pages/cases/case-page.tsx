import { ArrowLeftOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Empty, Form, Input, Modal, Space, Steps, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import type { CaseDetail } from '../../../../src/contract';
import { CASE_KIND_LABELS, CASE_STATE_LABELS, ROLE_LABELS, SCREENING_RESULT_LABELS, type Role } from '../../../../src/domain/workflow';
import { request } from '../../api';
import { errorMessage } from '../../components/form-rules';
import { navigate } from '../../router';
import { STEP_PANELS } from './step-panels';

const MAIN_STEPS = ['screening', 'application', 'verification', 'home-visit', 'preliminary-review'] as const;

export function CasePage({ id }: { id: number }) {
  const { message } = App.useApp();
  const [detail, setDetail] = useState<CaseDetail | null>(null);
  const [returning, setReturning] = useState(false);
  const load = useCallback(async () => {
    try {
      setDetail(await request('case-get', { id }));
    } catch (err) {
      message.error(errorMessage(err));
    }
  }, [id, message]);
  useEffect(() => {
    void load();
  }, [load]);
  if (!detail) return <Card loading />;

  const Panel = STEP_PANELS[detail.state];
  const stepIndex = MAIN_STEPS.indexOf(detail.state as (typeof MAIN_STEPS)[number]);
  const onChanged = (next?: CaseDetail) => (next ? setDetail(next) : void load());
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            <Button type="text" icon={<ArrowLeftOutlined />} aria-label="返回" onClick={() => navigate({ page: 'campaign', id: detail.campaignId })} />
            <span>{detail.headName}户</span>
            <Tag>{CASE_KIND_LABELS[detail.kind]}</Tag>
            <Tag color="processing">{CASE_STATE_LABELS[detail.state]}</Tag>
          </Space>
        }
        extra={
          detail.allowedActions.includes('return') && (
            <Button onClick={() => setReturning(true)}>退回上一步</Button>
          )
        }
      >
        <Descriptions size="small" column={4}>
          <Descriptions.Item label="专项治理">{detail.campaignName}</Descriptions.Item>
          <Descriptions.Item label="村（社区）">
            {detail.villageName} {detail.groupName ?? ''}
          </Descriptions.Item>
          <Descriptions.Item label="家庭人口">{detail.size} 人</Descriptions.Item>
          <Descriptions.Item label="家庭档案">
            <a href={`#/households/${detail.householdId}`}>查看家庭信息与测算</a>
          </Descriptions.Item>
          {detail.screeningResult && (
            <Descriptions.Item label="摸排结果">
              {SCREENING_RESULT_LABELS[detail.screeningResult]}
              {detail.screeningNote ? `（${detail.screeningNote}）` : ''}
            </Descriptions.Item>
          )}
        </Descriptions>
        <Steps
          size="small"
          style={{ marginTop: 16 }}
          current={stepIndex >= 0 ? stepIndex : MAIN_STEPS.length}
          items={[...MAIN_STEPS.map((s) => ({ title: CASE_STATE_LABELS[s] })), { title: stepIndex >= 0 ? '结论' : CASE_STATE_LABELS[detail.state] }]}
        />
      </Card>
      <Card title={`当前步骤：${CASE_STATE_LABELS[detail.state]}`}>
        {Panel ? <Panel detail={detail} onChanged={onChanged} /> : <Empty description="本步骤暂无需要办理的事项" />}
      </Card>
      <Card title="办理记录" size="small">
        <Timeline
          items={detail.events.map((e) => ({
            children: (
              <>
                <Typography.Text strong>{e.actionLabel}</Typography.Text>
                <Typography.Text type="secondary">
                  {' '}
                  {dayjs(e.at).format('YYYY-MM-DD HH:mm')} · {e.actor}（{ROLE_LABELS[e.actorRole as Role] ?? e.actorRole}）
                  {e.fromState && e.fromState !== e.toState ? ` · ${CASE_STATE_LABELS[e.fromState]} → ${CASE_STATE_LABELS[e.toState]}` : ''}
                </Typography.Text>
                {e.note && <div>{e.note}</div>}
              </>
            ),
          }))}
        />
      </Card>
      {returning && (
        <Modal
          open
          title="退回上一步"
          okText="退回"
          cancelText="取消"
          onCancel={() => setReturning(false)}
          onOk={async () => {
            const reason = (document.getElementById('return-reason') as HTMLTextAreaElement | null)?.value ?? '';
            try {
              setDetail(await request('case-return', { caseId: detail.id, reason }));
              setReturning(false);
              message.success('已退回');
            } catch (err) {
              message.error(errorMessage(err));
            }
          }}
        >
          <Form layout="vertical">
            <Form.Item label="退回原因" required>
              <Input.TextArea id="return-reason" rows={3} />
            </Form.Item>
          </Form>
        </Modal>
      )}
    </Space>
  );
}
