import { Card, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { DOCUMENT_KIND_LABELS, type AuditEntry, type DocumentKind, type Page } from '../../../../src/contract';
import { request } from '../../api';
import { usePolicy } from '../../components/use-policy';

const COMMAND_LABELS: Record<string, string> = {
  'household-create': '建立家庭',
  'household-update': '修改家庭信息',
  'household-set-head': '更换户主',
  'person-add': '添加成员',
  'person-update': '修改成员',
  'person-remove': '移除成员',
  'household-facts-update': '修改核对信息',
  'determination-save': '保存测算结果',
  'demo-load': '载入演示数据',
  'bank-account-save': '登记或更正银行账户',
  'document-issue': '出具文书',
  'document-correct': '出具更正文书',
  'roll-commit': '存量数据导入',
  'screening-commit': '导入部门名单',
};

const CATEGORY_NAMES: Record<string, string> = { poor: '困难家庭', 'low-income': '低收入家庭', 'medical-expense': '因病支出型家庭', ineligible: '不符合条件' };
const STATUS_NAMES: Record<string, string> = { registered: '登记户', applicant: '申请中', recipient: '在保户', stopped: '已停保' };

const FIELD_LABELS: Record<string, string> = {
  name: '姓名',
  idNumber: '身份证号码',
  relation: '关系',
  monthlyIncome: '月收入',
  disabilityType: '残疾类别',
  disabilityLevel: '残疾等级',
  seriousIllness: '重病',
  severeDisabilityNoSelfCare: '重残',
  mentalHospitalized: '精神残疾住院',
  laborCapacity: '劳动能力',
  threeNo: '三无人员',
  hiv: '艾滋病相关',
  collegeStudent: '在校大学生',
  priorityCare: '重点优抚',
  note: '备注',
  villageName: '村（社区）',
  groupName: '村民小组',
  address: '住址',
  phone: '联系电话',
  headName: '户主',
  assetsCompliant: '财产状况符合规定',
  assetsNote: '核对说明',
  otherMonthlyIncome: '其他月收入',
  medicalSelfPaid: '自负医疗费用',
  medicalDisposable: '近12个月可支配收入',
  status: '状态',
  holderName: '开户人',
  bankName: '开户行',
  accountNumber: '银行账号',
};

const show = (v: unknown) => (v === null || v === undefined || v === '' ? '空' : v === true ? '是' : v === false ? '否' : String(v));

/** A readable line of what changed: the previous and the new value of each field that differs. */
function describe(e: AuditEntry, policyLabel: (version: unknown) => string): string {
  const b = (e.before ?? {}) as Record<string, unknown>;
  const a = (e.after ?? {}) as Record<string, unknown>;
  if (e.command === 'person-add') return `新增成员「${show(a.name)}」（${show(a.relation)}）`;
  if (e.command === 'person-remove') return `移除成员「${show(b.name)}」（${show(b.relation)}）`;
  if (e.entityType === 'document') {
    const title = `${DOCUMENT_KIND_LABELS[a.kind as DocumentKind] ?? show(a.kind)}${a.documentNumber ? `「${show(a.documentNumber)}」` : ''}`;
    return e.command === 'document-correct' ? `${title}，更正「${show(b.documentNumber ?? `登记第${show(b.id)}号`)}」` : title;
  }
  if (e.command === 'household-create') return `户主「${show(a.headName)}」，${show(a.villageName)}`;
  if (e.command === 'determination-save') {
    return `${CATEGORY_NAMES[String(a.category)] ?? show(a.category)}，月保障金 ${show(a.monthlyTotal)} 元（依据「${policyLabel(a.policyVersion)}」）`;
  }
  if (e.command === 'roll-commit') {
    return `存量导入：「${show(a.fileName)}」第${show(a.rowNumber)}行，${CATEGORY_NAMES[String(a.category)] ?? show(a.category)}，月保障金 ${show(a.monthlyTotal)} 元，自 ${show(a.paymentStart)} 起享受`;
  }
  // A status line only when the status changed: 「在保户 → 在保户」 says nothing.
  if ('status' in a && a.status !== b.status) return `状态：${STATUS_NAMES[String(b.status)] ?? show(b.status)} → ${STATUS_NAMES[String(a.status)] ?? show(a.status)}`;
  const changes = Object.keys(FIELD_LABELS)
    .filter((k) => k !== 'status' && k in a && JSON.stringify(a[k]) !== JSON.stringify(b[k]))
    .map((k) => `${FIELD_LABELS[k]}：${show(b[k])} → ${show(a[k])}`);
  const who = e.command === 'person-update' ? `成员「${show(b.name)}」` : '';
  return changes.length ? `${who}${changes.join('；')}` : `${who}保存时内容与原来相同，未作改动`;
}

export function HistoryPanel({ householdId, version }: { householdId: number; version: number }) {
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Page<AuditEntry> | null>(null);
  // Determinations name their policy version by its code; the clerk reads the version's name.
  const { state: policies } = usePolicy();
  const policyLabel = (version: unknown) => policies?.versions.find((v) => v.policy.version === version)?.policy.label ?? show(version);
  useEffect(() => {
    void request('audit-list', { entityType: 'household', entityId: householdId, page, pageSize: 10 }).then(setData, () => setData(null));
  }, [householdId, page, version]);
  return (
    <Card title="变更记录" size="small">
      <Table<AuditEntry>
        locale={{ emptyText: '还没有变更记录：登记、修改成员和办理案件后，每一步都记在这里。' }}
        rowKey="id"
        size="small"
        dataSource={data?.items ?? []}
        columns={[
          { title: '时间', dataIndex: 'at', width: 170, render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm:ss') },
          { title: '操作人', dataIndex: 'actor', width: 120 },
          { title: '操作', dataIndex: 'command', width: 120, render: (v: string) => COMMAND_LABELS[v] ?? v },
          { title: '内容（原值 → 新值）', render: (_, e) => <Typography.Text>{describe(e, policyLabel)}</Typography.Text> },
        ]}
        pagination={{ current: page, pageSize: 10, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
      />
    </Card>
  );
}
