import { FileTextOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { INCOME_ITEM_LABELS, INCOME_ITEMS, type DocumentView, type HomeVisitView, type IncomeItem } from '../../../../src/contract';
import { request } from '../../api';
import { errorMessage } from '../../components/form-rules';
import { useSession } from '../../session-gate';
import { DocumentPreview } from '../documents/document-preview';
import { CaseAttachments } from './case-attachments';
import { ReadinessAlert } from '../../components/readiness-alert';
import type { StepPanelProps } from './step-panels';

type VisitForm = {
  visitDate?: Dayjs | null;
  investigators: string[];
  familyMemberPresent?: string;
  membersSeen: number[];
  incomes: Record<string, Partial<Record<IncomeItem, number | null>>>;
  housing?: string;
  appliances?: string;
  vehicles?: string;
  otherAssets?: string;
  livingConditions?: string;
  findings?: string;
};

/** 第四步入户调查: the 入户调查表 as data, signed by two investigators and the family member present. */
export function HomeVisitPanel({ detail, onChanged }: StepPanelProps) {
  const { message } = App.useApp();
  const { can } = useSession();
  const [view, setView] = useState<HomeVisitView | null>(null);
  const [doc, setDoc] = useState<DocumentView | null>(null);
  const [form] = Form.useForm<VisitForm>();
  const load = useCallback(async () => {
    try {
      const v = await request('case-home-visit-get', { caseId: detail.id });
      setView(v);
      const r = v.record;
      form.setFieldsValue({
        visitDate: r?.visitDate ? dayjs(r.visitDate) : null,
        investigators: r?.investigators.length ? [...r.investigators, ...(r.investigators.length < 2 ? [''] : [])] : ['', ''],
        familyMemberPresent: r?.familyMemberPresent ?? undefined,
        membersSeen: r?.membersSeen ?? [],
        incomes: Object.fromEntries(v.members.map((m) => [String(m.personId), r?.incomes.find((i) => i.personId === m.personId) ?? {}])),
        housing: r?.housing ?? undefined,
        appliances: r?.appliances ?? undefined,
        vehicles: r?.vehicles ?? undefined,
        otherAssets: r?.otherAssets ?? undefined,
        livingConditions: r?.livingConditions ?? undefined,
        findings: r?.findings ?? undefined,
      });
    } catch (err) {
      message.error(errorMessage(err));
    }
  }, [detail.id, form, message]);
  useEffect(() => {
    void load();
  }, [load]);
  if (!view) return <Card loading bordered={false} />;
  const canRecord = detail.allowedActions.includes('record-home-visit');

  const save = async (): Promise<HomeVisitView | null> => {
    const v = form.getFieldsValue(true) as VisitForm;
    try {
      const next = await request('case-home-visit-save', {
        caseId: detail.id,
        visitDate: v.visitDate ? v.visitDate.format('YYYY-MM-DD') : null,
        investigators: (v.investigators ?? []).filter((s) => s?.trim()),
        familyMemberPresent: v.familyMemberPresent ?? null,
        membersSeen: v.membersSeen ?? [],
        incomes: view.members.map((m) => {
          const row = v.incomes?.[String(m.personId)] ?? {};
          return { personId: m.personId, ...Object.fromEntries(INCOME_ITEMS.map((k) => [k, row[k] ?? 0])) };
        }),
        housing: v.housing ?? null,
        appliances: v.appliances ?? null,
        vehicles: v.vehicles ?? null,
        otherAssets: v.otherAssets ?? null,
        livingConditions: v.livingConditions ?? null,
        findings: v.findings ?? null,
      });
      setView(next);
      return next;
    } catch (err) {
      message.error(errorMessage(err));
      return null;
    }
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {view.requiresFullVisit && (
        <Alert type="info" showIcon message="申请人已声明为村（居）委会成员或民政工作人员的近亲属：须全面入户调查，每位家庭成员都须见面核实。" />
      )}
      <ReadinessAlert missing={view.missing} pendingTitle="提交初审前还需完成（按已保存的记录）" readyText="入户调查记录完整，可以提交村两委初审" />
      {can('document-issue') && (
        <Space>
          <Button
            icon={<FileTextOutlined />}
            onClick={async () => {
              try {
                setDoc(await request('document-issue', { kind: 'home-visit-form', householdId: view.householdId }));
              } catch (err) {
                message.error(errorMessage(err));
              }
            }}
          >
            出具入户调查表（按家庭信息预填）
          </Button>
          <Typography.Text type="secondary">打印后由调查人员和在场家庭成员签字，扫描件上传到下方附件。</Typography.Text>
        </Space>
      )}

      <Form form={form} layout="vertical" disabled={!view.canEdit}>
        <Card size="small" title="调查人员与在场家庭成员">
          <Row gutter={16}>
            <Col span={6}>
              <Form.Item label="调查日期" name="visitDate">
                <DatePicker style={{ width: '100%' }} aria-label="调查日期" disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item label="在场家庭成员" name="familyMemberPresent">
                <Select placeholder="选择签字的家庭成员" options={view.members.map((m) => ({ value: m.name, label: `${m.name}（${m.relation}）` }))} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item label="见面核实的家庭成员" name="membersSeen">
                <Checkbox.Group options={view.members.map((m) => ({ value: m.personId, label: m.name }))} />
              </Form.Item>
            </Col>
          </Row>
          <Form.List name="investigators">
            {(fields, { add }) => (
              <Row gutter={16} align="bottom">
                {fields.map((f, i) => (
                  <Col span={6} key={f.key}>
                    <Form.Item {...f} label={`调查人员${i + 1}`}>
                      <Input placeholder="姓名" />
                    </Form.Item>
                  </Col>
                ))}
                {fields.length < 6 && (
                  <Col span={6}>
                    <Form.Item>
                      <Button icon={<PlusOutlined />} onClick={() => add('')}>
                        增加调查人员
                      </Button>
                    </Form.Item>
                  </Col>
                )}
              </Row>
            )}
          </Form.List>
        </Card>

        <Card size="small" title="家庭收入（元/月）" style={{ marginTop: 16 }}>
          <Table
            locale={{ emptyText: '本户还没有登记成员：请先在家庭档案中「添加成员」。' }}
            rowKey="personId"
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={view.members}
            columns={[
              { title: '成员', dataIndex: 'name', width: 140, fixed: 'left', render: (v: string, m) => `${v}（${m.relation}）` },
              ...INCOME_ITEMS.map((k) => ({
                title: INCOME_ITEM_LABELS[k],
                key: k,
                width: 110,
                render: (_v: unknown, m: HomeVisitView['members'][number]) => (
                  <Form.Item name={['incomes', String(m.personId), k]} noStyle>
                    <InputNumber precision={2} style={{ width: 96 }} placeholder="0" aria-label={`${m.name}${INCOME_ITEM_LABELS[k]}`} />
                  </Form.Item>
                ),
              })),
            ]}
          />
        </Card>

        <Card size="small" title="家庭财产与生活状况" style={{ marginTop: 16 }}>
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item label="住房情况" name="housing">
                <Input placeholder="如：砖混平房三间，约80平方米" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item label="家用电器" name="appliances">
                <Input placeholder="如：电视机、冰箱各一台" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item label="车辆情况" name="vehicles">
                <Input placeholder="无则填「无」" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item label="其他财产" name="otherAssets">
                <Input placeholder="存款、大型农机具等" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item label="生活状况" name="livingConditions">
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item label="调查结论" name="findings">
            <Input.TextArea rows={3} />
          </Form.Item>
        </Card>
      </Form>

      <Card size="small" title="附件（签字的入户调查表、现场照片）">
        <CaseAttachments caseId={detail.id} canUpload={view.canEdit} />
      </Card>

      {view.canEdit && (
        <Space>
          <Button
            onClick={async () => {
              if (await save()) message.success('入户调查记录已保存');
            }}
          >
            保存
          </Button>
          {canRecord && (
            <Button
              type="primary"
              onClick={async () => {
                const saved = await save();
                if (!saved) return;
                if (saved.missing.length) {
                  message.warning('记录已保存，但还不完整，暂不能提交初审');
                  return;
                }
                try {
                  onChanged(await request('case-record-home-visit', { caseId: detail.id }));
                  message.success('入户调查已录入，转入初审');
                } catch (err) {
                  message.error(errorMessage(err));
                }
              }}
            >
              提交初审
            </Button>
          )}
          {view.updatedBy && (
            <Typography.Text type="secondary">
              最近保存：{view.updatedBy} · {dayjs(view.updatedAt).format('YYYY-MM-DD HH:mm')}
            </Typography.Text>
          )}
        </Space>
      )}
      <DocumentPreview document={doc} onClose={() => setDoc(null)} />
    </Space>
  );
}
