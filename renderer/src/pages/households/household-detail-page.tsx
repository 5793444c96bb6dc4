import { ArrowLeftOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Form, Modal, Popconfirm, Result, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import {
  DISABILITY_TYPE_LABELS,
  HOUSEHOLD_STATUS_LABELS,
  LABOR_CAPACITY_LABELS,
  RELATIONS,
  SEX_LABELS,
  type Household,
  type Person,
  type Relation,
} from '../../../../src/contract';
import { ApiFailure, request } from '../../api';
import { applyServerErrors, errorMessage } from '../../components/form-rules';
import { HouseholdFields } from '../../components/household-fields';
import { EMPTY_PERSON, PersonFields } from '../../components/person-fields';
import { useVillages } from '../../components/use-villages';
import { navigate } from '../../router';
import { useSession } from '../../session-gate';
import { HouseholdDocumentsPanel } from '../documents/household-documents-panel';
import { EvaluationPanel } from './evaluation-panel';
import { HistoryPanel } from './history-panel';
import { OpenChangeButton } from '../roster/open-change';
import { BankAccountCard } from '../payments/bank-account-card';

function memberFlags(p: Person): string[] {
  const out: string[] = [];
  if (p.disabilityType && p.disabilityLevel) out.push(`${DISABILITY_TYPE_LABELS[p.disabilityType]}${'一二三四'[p.disabilityLevel - 1]}级`);
  if (p.seriousIllness) out.push('重病');
  if (p.severeDisabilityNoSelfCare) out.push('重残');
  if (p.mentalHospitalized) out.push('精神残疾住院');
  if (p.threeNo) out.push('三无');
  if (p.hiv) out.push('艾滋病相关');
  if (p.collegeStudent) out.push('大学生');
  if (p.priorityCare) out.push('重点优抚');
  if (p.laborCapacity !== 'full') out.push(LABOR_CAPACITY_LABELS[p.laborCapacity]);
  return out;
}

export function HouseholdDetailPage({ id }: { id: number }) {
  const { message } = App.useApp();
  const { can } = useSession();
  const { villages } = useVillages();
  const [household, setHousehold] = useState<Household | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [memberModal, setMemberModal] = useState<{ person: Person | null } | null>(null);
  const [headModal, setHeadModal] = useState<Person | null>(null);
  const [version, setVersion] = useState(0);

  const load = useCallback(async () => {
    try {
      setRefusal(null);
      setHousehold(await request('household-get', { id }));
    } catch (err) {
      // Another village's household, or none: say so on the page, not in a toast over an empty card.
      if (err instanceof ApiFailure && (err.error.code === 'FORBIDDEN' || err.error.code === 'NOT_FOUND')) {
        setHousehold(null);
        setRefusal(err.error.message);
      }
      else message.error(errorMessage(err));
    }
  }, [id, message]);
  useEffect(() => {
    void load();
  }, [load]);

  const changed = (h: Household & { warnings?: string[] }) => {
    setHousehold(h);
    setVersion((v) => v + 1);
    for (const w of h.warnings ?? []) message.warning(w);
  };

  if (refusal) {
    return (
      <Card>
        <Result
          status="403"
          title="无法查看该家庭"
          subTitle={refusal}
          extra={
            <Button type="primary" onClick={() => navigate({ page: 'households' })}>
              返回家庭档案
            </Button>
          }
        />
      </Card>
    );
  }
  if (!household) return <Card loading />;
  const v = household.villageId;

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate({ page: 'households' })} aria-label="返回" />
            <span>{household.headName ?? '（未设户主）'}户</span>
            <Tag>{HOUSEHOLD_STATUS_LABELS[household.status]}</Tag>
          </Space>
        }
        extra={
          <Space>
            <OpenChangeButton householdId={household.id} headName={household.headName} status={household.status} />
            {can('household-update', v) && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                修改家庭信息
              </Button>
            )}
            {can('household-delete', v) && (
            <Popconfirm
              title="删除整个家庭？"
              description={`将删除该户及其 ${household.size} 名成员的登记信息（变更记录会保留）。`}
              okText="删除"
              okButtonProps={{ danger: true }}
              cancelText="取消"
              onConfirm={async () => {
                try {
                  await request('household-delete', { id });
                  message.success('已删除该家庭');
                  navigate({ page: 'households' });
                } catch (err) {
                  message.error(errorMessage(err));
                }
              }}
            >
              <Button danger icon={<DeleteOutlined />}>
                删除家庭
              </Button>
            </Popconfirm>
            )}
          </Space>
        }
      >
        <Descriptions column={3} size="small">
          <Descriptions.Item label="村（社区）">{household.villageName}</Descriptions.Item>
          <Descriptions.Item label="村民小组">{household.groupName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="家庭人口">{household.size} 人</Descriptions.Item>
          <Descriptions.Item label="家庭住址">{household.address}</Descriptions.Item>
          <Descriptions.Item label="联系电话">{household.phone ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="家庭月收入">
            {household.members.reduce((s, m) => s + m.monthlyIncome, 0).toFixed(2)} 元
          </Descriptions.Item>
        </Descriptions>
      </Card>

      <Card
        title="家庭成员"
        extra={
          can('person-add', v) && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setMemberModal({ person: null })}>
              添加成员
            </Button>
          )
        }
      >
        <Table<Person>
          locale={{ emptyText: '本户还没有成员：点击「添加成员」登记户主和家庭成员。' }}
          rowKey="id"
          pagination={false}
          dataSource={household.members}
          columns={[
            { title: '姓名', dataIndex: 'name' },
            { title: '与户主关系', dataIndex: 'relation', width: 100 },
            { title: '身份证号码', dataIndex: 'idNumber', width: 190 },
            { title: '性别', dataIndex: 'sex', width: 60, render: (v: Person['sex']) => SEX_LABELS[v] },
            { title: '出生日期', dataIndex: 'birthDate', width: 110 },
            { title: '月收入（元）', dataIndex: 'monthlyIncome', align: 'right', width: 110, render: (v: number) => v.toFixed(2) },
            { title: '情况', render: (_, p) => memberFlags(p).map((f) => <Tag key={f}>{f}</Tag>) },
            {
              title: '操作',
              width: 200,
              render: (_, p) => (
                <Space size={4}>
                  {can('person-update', v) && (
                    <Button size="small" type="link" onClick={() => setMemberModal({ person: p })}>
                      修改
                    </Button>
                  )}
                  {p.id !== household.headPersonId && can('person-remove', v) && (
                    <>
                      <Button size="small" type="link" onClick={() => setHeadModal(p)}>
                        设为户主
                      </Button>
                      <Popconfirm
                        title={`从本户移除「${p.name}」？`}
                        okText="移除"
                        okButtonProps={{ danger: true }}
                        cancelText="取消"
                        onConfirm={async () => {
                          try {
                            changed(await request('person-remove', { id: p.id }));
                            message.success('已移除');
                          } catch (err) {
                            message.error(errorMessage(err));
                          }
                        }}
                      >
                        <Button size="small" type="link" danger>
                          移除
                        </Button>
                      </Popconfirm>
                    </>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>

      <BankAccountCard household={household} />

      <EvaluationPanel household={household} version={version} onSaved={() => setVersion((v) => v + 1)} />

      <HouseholdDocumentsPanel householdId={household.id} version={version} />
      <HistoryPanel householdId={household.id} version={version} />

      {editing && (
        <EditHouseholdModal household={household} villages={villages} onClose={() => setEditing(false)} onSaved={(h) => (setEditing(false), changed(h))} />
      )}
      {memberModal && (
        <MemberModal
          household={household}
          person={memberModal.person}
          onClose={() => setMemberModal(null)}
          onSaved={(h) => (setMemberModal(null), changed(h))}
        />
      )}
      {headModal && (
        <SetHeadModal household={household} person={headModal} onClose={() => setHeadModal(null)} onSaved={(h) => (setHeadModal(null), changed(h))} />
      )}
    </Space>
  );
}

function EditHouseholdModal(props: {
  household: Household;
  villages: ReturnType<typeof useVillages>['villages'];
  onClose: () => void;
  onSaved: (h: Household) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const h = props.household;
  return (
    <Modal
      open
      title="修改家庭信息"
      width={720}
      okText="保存"
      cancelText="取消"
      onCancel={props.onClose}
      onOk={async () => {
        const v = (await form.validateFields()) as Record<string, unknown>;
        try {
          props.onSaved(
            await request('household-update', {
              id: h.id,
              villageId: v.villageId as number,
              groupName: (v.groupName as string | undefined) ?? null,
              address: v.address as string,
              phone: (v.phone as string | undefined) || null,
              note: h.note,
            }),
          );
          message.success('已保存');
        } catch (err) {
          if (err instanceof ApiFailure) applyServerErrors(form, err.error);
          message.error(errorMessage(err));
        }
      }}
    >
      <Form form={form} layout="vertical" initialValues={{ villageId: h.villageId, groupName: h.groupName ?? undefined, address: h.address, phone: h.phone ?? '' }}>
        <HouseholdFields villages={props.villages} />
      </Form>
    </Modal>
  );
}

function MemberModal(props: { household: Household; person: Person | null; onClose: () => void; onSaved: (h: Household) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const p = props.person;
  const isHead = p !== null && p.id === props.household.headPersonId;
  return (
    <Modal
      open
      title={p ? `修改成员：${p.name}` : '添加家庭成员'}
      width={820}
      okText="保存"
      cancelText="取消"
      onCancel={props.onClose}
      onOk={async () => {
        const values = (await form.validateFields()) as Record<string, unknown>;
        const person = { ...values, disabilityType: values.disabilityType ?? null, disabilityLevel: values.disabilityLevel ?? null } as never;
        try {
          const h = p
            ? await request('person-update', { id: p.id, person })
            : await request('person-add', { householdId: props.household.id, person });
          message.success(p ? '已保存' : '已添加成员');
          props.onSaved(h);
        } catch (err) {
          if (err instanceof ApiFailure) applyServerErrors(form, err.error, 'person');
          message.error(errorMessage(err));
        }
      }}
    >
      <Form form={form} layout="vertical" initialValues={p ? { ...p } : { ...EMPTY_PERSON }}>
        <PersonFields lockRelation={isHead} />
      </Form>
    </Modal>
  );
}

function SetHeadModal(props: { household: Household; person: Person; onClose: () => void; onSaved: (h: Household) => void }) {
  const { message } = App.useApp();
  const [relation, setRelation] = useState<Relation | undefined>();
  return (
    <Modal
      open
      title={`将「${props.person.name}」设为户主`}
      okText="确定"
      cancelText="取消"
      okButtonProps={{ disabled: !relation }}
      onCancel={props.onClose}
      onOk={async () => {
        try {
          props.onSaved(
            await request('household-set-head', { householdId: props.household.id, personId: props.person.id, formerHeadRelation: relation! }),
          );
          message.success('已更换户主');
        } catch (err) {
          message.error(errorMessage(err));
        }
      }}
    >
      <Typography.Paragraph>原户主「{props.household.headName}」与新户主的关系：</Typography.Paragraph>
      <Select
        style={{ width: 200 }}
        value={relation}
        onChange={setRelation}
        placeholder="请选择"
        options={RELATIONS.filter((r) => r !== '户主').map((r) => ({ value: r, label: r }))}
      />
    </Modal>
  );
}
