import { Alert, App, Button, Descriptions, Form, Input, List, Radio, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { Evaluation } from '../../../../src/contract';
import { CATEGORY_LABELS } from '../../../../src/domain/determination-types';
import { CASE_STATE_LABELS, preliminaryOutcome } from '../../../../src/domain/workflow';
import { request } from '../../api';
import { errorMessage } from '../../components/form-rules';
import { UnconfirmedFlags } from '../../components/unconfirmed-flags';
import type { StepPanelProps } from './step-panels';

/** 第五步初审: the engine's result from the verified facts beside the village committee's decision. */
export function PreliminaryPanel({ detail, onChanged }: StepPanelProps) {
  const { message } = App.useApp();
  const [ev, setEv] = useState<Evaluation | null>(null);
  const [agrees, setAgrees] = useState<boolean | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    void request('household-evaluate', { householdId: detail.householdId }).then(setEv, (err: unknown) => message.error(errorMessage(err)));
  }, [detail.householdId, message, version]);
  if (!ev) return null;
  const r = ev.result;
  // The domain decides where each answer leads; the panel only names it.
  const outcome = (eligible: boolean) => CASE_STATE_LABELS[preliminaryOutcome(detail.kind, eligible)];
  const engineEligible = r ? r.category !== 'ineligible' : null;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {!r && (
        <Alert
          type="error"
          showIcon
          message="测算所需信息不完整，不能初审"
          description={[...ev.missing, ...ev.issues.map((i) => i.message)].join('；')}
          action={<a href={`#/households/${detail.householdId}`}>去补充</a>}
        />
      )}
      {r && (
        <>
          <Descriptions size="small" bordered column={3}>
            <Descriptions.Item label="测算类别">
              <Tag color={engineEligible ? 'green' : 'default'}>{CATEGORY_LABELS[r.category]}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label="人均月收入">{(Math.round(r.perCapitaIncome * 100) / 100).toFixed(2)} 元</Descriptions.Item>
            <Descriptions.Item label="月保障金">{r.monthlyTotal.toFixed(2)} 元</Descriptions.Item>
          </Descriptions>
          <UnconfirmedFlags flags={ev.unconfirmedFlags} villageId={detail.villageId} onConfirmed={() => setVersion((v) => v + 1)} />
          <List locale={{ emptyText: '测算没有给出认定依据：请在家庭档案中核对「家庭经济状况」后重新测算。' }} size="small" dataSource={r.reasons} renderItem={(l, i) => <List.Item style={{ padding: '2px 0' }}>{`${i + 1}. ${l}`}</List.Item>} />
          <Form
            layout="vertical"
            disabled={!detail.allowedActions.includes('preliminary-decide')}
            onFinish={async (v: { committeeAgrees: boolean; reason?: string }) => {
              try {
                onChanged(await request('case-preliminary-decide', { caseId: detail.id, committeeAgrees: v.committeeAgrees, reason: v.reason ?? null }));
                message.success('初审结论已登记');
              } catch (err) {
                message.error(errorMessage(err));
              }
            }}
          >
            <Form.Item label="村两委初审意见" name="committeeAgrees" rules={[{ required: true, message: '请选择村两委意见' }]}>
              <Radio.Group
                onChange={(e) => setAgrees(e.target.value as boolean)}
                options={[
                  { value: true, label: `同意测算结果（${outcome(engineEligible!)}）` },
                  { value: false, label: `不同意，认定为「${outcome(!engineEligible)}」` },
                ]}
              />
            </Form.Item>
            {agrees === false && (
              <Form.Item label="理由（将记入办理记录）" name="reason" rules={[{ required: true, min: 5, message: '请写明理由（至少5个字）' }]}>
                <Input.TextArea rows={3} />
              </Form.Item>
            )}
            <Typography.Paragraph type="secondary">提交后，本次测算结果将冻结保存，作为通知书和公示的依据。</Typography.Paragraph>
            <Button type="primary" htmlType="submit">
              登记初审结论
            </Button>
          </Form>
        </>
      )}
    </Space>
  );
}
