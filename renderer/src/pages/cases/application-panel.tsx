import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Col, DatePicker, Form, Input, InputNumber, Modal, Radio, Row, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { CHECKLIST_LABELS, type ApplicationView, type SupporterView } from '../../../../src/contract';
import { SCREENING_RESULT_LABELS } from '../../../../src/domain/workflow';
import { ApiFailure, request } from '../../api';
import { applyServerErrors, errorMessage } from '../../components/form-rules';
import { CaseAttachments } from './case-attachments';
import { ReadinessAlert } from '../../components/readiness-alert';
import type { StepPanelProps } from './step-panels';

type SignForm = {
  secretaryName?: string;
  secretaryDate?: Dayjs | null;
  cadreName?: string;
  cadreDate?: Dayjs | null;
  isStaffRelative: boolean;
  staffRelativeOf?: string;
  staffRelativePost?: string;
  staffRelation?: string;
};

const sig = (name?: string, date?: Dayjs | null) => (name?.trim() && date ? { name: name.trim(), date: date.format('YYYY-MM-DD') } : null);

/** 第二步申请: materials received, supporters, the two signatures and the 近亲属 declaration, then submit. */
export function ApplicationPanel({ detail, onChanged }: StepPanelProps) {
  const { message } = App.useApp();
  const [view, setView] = useState<ApplicationView | null>(null);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<SignForm>();
  const load = useCallback(async () => {
    try {
      const v = await request('case-application-get', { caseId: detail.id });
      setView(v);
      form.setFieldsValue({
        secretaryName: v.secretary?.name,
        secretaryDate: v.secretary ? dayjs(v.secretary.date) : null,
        cadreName: v.cadre?.name,
        cadreDate: v.cadre ? dayjs(v.cadre.date) : null,
        isStaffRelative: v.isStaffRelative,
        staffRelativeOf: v.staffRelativeOf ?? undefined,
        staffRelativePost: v.staffRelativePost ?? undefined,
        staffRelation: v.staffRelation ?? undefined,
      });
    } catch (err) {
      message.error(errorMessage(err));
    }
  }, [detail.id, form, message]);
  useEffect(() => {
    void load();
  }, [load]);
  const isRelative = Form.useWatch('isStaffRelative', form);
  if (!view) return <Card loading bordered={false} />;
  const canSubmit = detail.allowedActions.includes('submit-application');

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <ReadinessAlert missing={view.missing} pendingTitle="提交前还需完成" readyText="必交材料已收齐，村书记和分片村干部均已签字，可以提交镇民政所核对" />

      <Card size="small" title={CHECKLIST_LABELS[view.checklist]} extra={<Typography.Text type="secondary">勾选已收到的材料</Typography.Text>}>
        <Space direction="vertical" style={{ width: '100%' }}>
          {view.checklist === 'review' && (
            <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
              现有低保户复核{detail.screeningResult ? `（摸排结果：${SCREENING_RESULT_LABELS[detail.screeningResult]}）` : ''}不重新提交申请声明书等申请材料，按复核材料清单收取（本镇设置 → 复核材料清单）。
            </Typography.Paragraph>
          )}
          {view.materials.map((m) => (
            <div key={m.key} style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
              <Checkbox
                checked={m.received}
                disabled={!view.canEdit}
                onChange={async (e) => {
                  try {
                    setView(await request('case-material-set', { caseId: detail.id, key: m.key, received: e.target.checked }));
                  } catch (err) {
                    message.error(errorMessage(err));
                  }
                }}
              >
                {m.label}
              </Checkbox>
              {m.required ? <Tag color="red">必交</Tag> : <Tag>如有</Tag>}
              {m.updatedBy && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {m.received ? '已收' : '已取消'} · {m.updatedBy} · {dayjs(m.updatedAt).format('YYYY-MM-DD HH:mm')}
                </Typography.Text>
              )}
            </div>
          ))}
        </Space>
      </Card>

      <Card size="small" title="签字确认与近亲属声明">
        <Form
          form={form}
          layout="vertical"
          disabled={!view.canEdit}
          initialValues={{ isStaffRelative: false }}
          onFinish={async (v) => {
            try {
              setView(
                await request('case-application-update', {
                  caseId: detail.id,
                  secretary: sig(v.secretaryName, v.secretaryDate),
                  cadre: sig(v.cadreName, v.cadreDate),
                  isStaffRelative: v.isStaffRelative,
                  staffRelativeOf: v.isStaffRelative ? (v.staffRelativeOf ?? null) : null,
                  staffRelativePost: v.isStaffRelative ? (v.staffRelativePost ?? null) : null,
                  staffRelation: v.isStaffRelative ? (v.staffRelation ?? null) : null,
                }),
              );
              message.success('已保存');
            } catch (err) {
              if (err instanceof ApiFailure) applyServerErrors(form, err.error);
              message.error(errorMessage(err));
            }
          }}
        >
          <Row gutter={16}>
            <Col span={6}>
              <Form.Item label="村书记签字" name="secretaryName">
                <Input placeholder="姓名" />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item label="签字日期" name="secretaryDate">
                <DatePicker style={{ width: '100%' }} aria-label="村书记签字日期" disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item label="分片村干部签字" name="cadreName">
                <Input placeholder="姓名" />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item label="签字日期" name="cadreDate">
                <DatePicker style={{ width: '100%' }} aria-label="分片村干部签字日期" disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            label="申请人是否为村（居）委会成员或民政工作人员的近亲属"
            name="isStaffRelative"
            extra="是近亲属的，列入备案登记表（附件3）单独备案，并须全面入户调查。"
          >
            <Radio.Group
              options={[
                { value: false, label: '否' },
                { value: true, label: '是' },
              ]}
            />
          </Form.Item>
          {isRelative && (
            <Row gutter={16}>
              <Col span={8}>
                <Form.Item label="是哪位工作人员的近亲属（姓名）" name="staffRelativeOf" rules={[{ required: true, message: '请填写该工作人员的姓名' }]}>
                  <Input placeholder="如：王某某" />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item label="该工作人员的职务" name="staffRelativePost" rules={[{ required: true, message: '请填写职务' }]}>
                  <Input placeholder="如：村委会委员、镇民政所工作人员" />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item label="亲属关系" name="staffRelation" rules={[{ required: true, message: '请填写亲属关系' }]}>
                  <Input placeholder="如：兄弟、子女" />
                </Form.Item>
              </Col>
            </Row>
          )}
          <Button htmlType="submit">保存签字与声明</Button>
        </Form>
      </Card>

      <Card
        size="small"
        title="法定赡养、抚养、扶养人"
        extra={
          view.canEdit && (
            <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              登记
            </Button>
          )
        }
      >
        <Table<SupporterView>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={view.supporters}
          locale={{ emptyText: '未登记（无法定赡养、抚养、扶养人的可不填）' }}
          columns={[
            { title: '姓名', dataIndex: 'name', width: 90 },
            { title: '与申请人关系', dataIndex: 'relation', width: 100 },
            { title: '身份证号码', dataIndex: 'idNumber', width: 180 },
            { title: '联系电话', dataIndex: 'phone', width: 120, render: (v: string | null) => v ?? '—' },
            { title: '月收入（元）', dataIndex: 'monthlyIncome', width: 100, align: 'right', render: (v: number) => v.toFixed(2) },
            { title: '赡养（抚养、扶养）情况', dataIndex: 'supportProvided', render: (v: string | null) => v ?? '—' },
            {
              title: '',
              width: 50,
              render: (_v, s) =>
                view.canEdit && (
                  <Button
                    type="text"
                    size="small"
                    danger
                    aria-label={`删除${s.name}`}
                    icon={<DeleteOutlined />}
                    onClick={async () => {
                      try {
                        setView(await request('case-supporter-remove', { caseId: detail.id, id: s.id }));
                      } catch (err) {
                        message.error(errorMessage(err));
                      }
                    }}
                  />
                ),
            },
          ]}
        />
      </Card>

      <Card size="small" title={`附件（${CHECKLIST_LABELS[view.checklist]}扫描件）`}>
        <CaseAttachments caseId={detail.id} canUpload={view.canEdit} />
      </Card>

      {canSubmit && (
        <div>
          <Button
            type="primary"
            disabled={view.missing.length > 0}
            onClick={async () => {
              try {
                onChanged(await request('case-submit-application', { caseId: detail.id }));
                message.success(view.checklist === 'review' ? '复核材料已提交，转入经济状况核对' : '申请已提交，转入经济状况核对');
              } catch (err) {
                message.error(errorMessage(err));
              }
            }}
          >
            {view.checklist === 'review' ? '提交复核材料' : '提交申请材料'}
          </Button>
          {view.missing.length > 0 && (
            <Typography.Text type="secondary" style={{ marginLeft: 12 }}>
              完成上述事项后才能提交
            </Typography.Text>
          )}
        </div>
      )}
      {adding && <SupporterModal caseId={detail.id} onClose={() => setAdding(false)} onSaved={(v) => (setView(v), setAdding(false))} />}
    </Space>
  );
}

function SupporterModal({ caseId, onClose, onSaved }: { caseId: number; onClose: () => void; onSaved: (v: ApplicationView) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string; relation: string; idNumber: string; phone?: string; monthlyIncome?: number; supportProvided?: string }>();
  return (
    <Modal open title="登记法定赡养、抚养、扶养人" okText="保存" cancelText="取消" onCancel={onClose} onOk={() => form.submit()}>
      <Form
        form={form}
        layout="vertical"
        onFinish={async (v) => {
          try {
            onSaved(await request('case-supporter-add', { caseId, ...v, monthlyIncome: v.monthlyIncome ?? 0 }));
          } catch (err) {
            if (err instanceof ApiFailure) applyServerErrors(form, err.error);
            message.error(errorMessage(err));
          }
        }}
      >
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item label="姓名" name="name" rules={[{ required: true, message: '请填写姓名' }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="与申请人关系" name="relation" rules={[{ required: true, message: '请填写关系' }]}>
              <Input placeholder="如：儿子、女儿" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label="身份证号码" name="idNumber" rules={[{ required: true, message: '请填写身份证号码' }]}>
          <Input />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item label="联系电话" name="phone">
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="月收入（元）" name="monthlyIncome">
              <InputNumber precision={2} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label="赡养（抚养、扶养）情况" name="supportProvided">
          <Input.TextArea rows={2} placeholder="如：每月给付赡养费300元" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
