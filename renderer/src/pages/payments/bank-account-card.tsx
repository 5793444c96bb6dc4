import { BankOutlined, EditOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Empty, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { BankAccountView, Household } from '../../../../src/contract';
import { ACCOUNT_KIND_LABELS, formatAccountNumber, validateAccountNumber, type AccountKind } from '../../../../src/domain/bank-account';
import { ApiFailure, request } from '../../api';
import { applyServerErrors, errorMessage } from '../../components/form-rules';
import { useSession } from '../../session-gate';

type Values = { holderPersonId: number; bankName: string; kind: AccountKind; accountNumber: string };

/** 低保金代发账户 on the household page. Office roles only: cadres never see account numbers (the core refuses too). */
export function BankAccountCard({ household }: { household: Household }) {
  const { can } = useSession();
  if (!can('bank-account-get')) return null;
  return <AccountCard household={household} />;
}

function AccountCard({ household }: { household: Household }) {
  const { message } = App.useApp();
  const [account, setAccount] = useState<BankAccountView | null | undefined>(undefined);
  const [editing, setEditing] = useState(false);
  const load = useCallback(async () => {
    try {
      setAccount(await request('bank-account-get', { householdId: household.id }));
    } catch (err) {
      message.error(errorMessage(err));
    }
  }, [household.id, message]);
  useEffect(() => {
    void load();
  }, [load, household.updatedAt]);

  return (
    <Card
      title={
        <span>
          <BankOutlined /> 低保金代发账户
        </span>
      }
      loading={account === undefined}
      extra={
        <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
          {account ? '更正账户' : '登记账户'}
        </Button>
      }
    >
      {account === null ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未登记银行账户：未登记的家庭不能列入银行代发，只能在发放名单中列为问题户" />
      ) : account ? (
        <>
          {account.problem && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={account.problem} />}
          <Descriptions size="small" column={3} bordered>
            <Descriptions.Item label="开户人">
              {account.holderName}
              {account.holderRelation ? `（${account.holderRelation}）` : ''}
            </Descriptions.Item>
            <Descriptions.Item label="开户行">{account.bankName}</Descriptions.Item>
            <Descriptions.Item label="账户类型">{ACCOUNT_KIND_LABELS[account.kind]}</Descriptions.Item>
            <Descriptions.Item label="银行账号" span={2}>
              <Typography.Text copyable={{ text: account.accountNumber }} style={{ fontFamily: 'monospace', fontSize: 15 }}>
                {formatAccountNumber(account.accountNumber)}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label="最近修改">
              {account.updatedBy} · {account.updatedAt.slice(0, 10)}
            </Descriptions.Item>
            {account.previousAccountNumber && (
              <Descriptions.Item label="更正前账号" span={3}>
                <Typography.Text type="secondary">
                  {formatAccountNumber(account.previousAccountNumber)}（{account.previousBankName}）
                </Typography.Text>
              </Descriptions.Item>
            )}
          </Descriptions>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            银行账号为内部资料，仅民政所经办、审批人员可见；每次更正都记入操作记录。
          </Typography.Text>
        </>
      ) : null}
      {editing && (
        <AccountModal
          household={household}
          account={account ?? null}
          onClose={() => setEditing(false)}
          onSaved={(a) => {
            setEditing(false);
            setAccount(a);
            message.success('银行账户已保存');
          }}
        />
      )}
    </Card>
  );
}

function AccountModal({ household, account, onClose, onSaved }: { household: Household; account: BankAccountView | null; onClose: () => void; onSaved: (a: BankAccountView) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const kind = Form.useWatch('kind', form) ?? 'card';
  const initial: Partial<Values> = account
    ? { holderPersonId: account.holderPersonId ?? undefined, bankName: account.bankName, kind: account.kind, accountNumber: formatAccountNumber(account.accountNumber) }
    : { holderPersonId: household.headPersonId ?? undefined, kind: 'card', bankName: '' };
  const save = async () => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      onSaved(await request('bank-account-save', { householdId: household.id, ...values }));
    } catch (err) {
      if (!(err instanceof ApiFailure && applyServerErrors(form, err.error))) message.error(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={account ? '更正银行账户' : '登记银行账户'} okText="保存" cancelText="取消" onOk={() => void save().catch(() => undefined)} confirmLoading={saving} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={initial} preserve={false}>
        <Form.Item name="holderPersonId" label="开户人（须为本户成员）" rules={[{ required: true, message: '请选择开户人' }]}>
          <Select options={household.members.map((m) => ({ value: m.id, label: `${m.name}（${m.relation}）` }))} />
        </Form.Item>
        <Form.Item name="bankName" label="开户行" rules={[{ required: true, min: 2, message: '请填写开户行（如：清河农商银行城关支行）' }]}>
          <Input placeholder="如：清河农商银行城关支行" />
        </Form.Item>
        <Form.Item name="kind" label="账户类型">
          <Radio.Group options={(Object.keys(ACCOUNT_KIND_LABELS) as AccountKind[]).map((k) => ({ value: k, label: ACCOUNT_KIND_LABELS[k] }))} />
        </Form.Item>
        <Form.Item
          name="accountNumber"
          label="银行账号"
          extra={kind === 'card' ? '银行卡号16至19位，录入后自动校验；空格可留可去。' : '存折或其他账号12至25位数字。'}
          rules={[
            {
              validator: async (_r, v: string | undefined) => {
                const r = validateAccountNumber(v ?? '', kind);
                if (!r.ok) throw new Error(r.error);
              },
            },
          ]}
        >
          <Input inputMode="numeric" autoComplete="off" style={{ fontFamily: 'monospace', fontSize: 15 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
