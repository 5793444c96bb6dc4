import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Switch, Table, Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import type { UserView } from '../../../../src/contract';
import { passwordSchema, usernameSchema } from '../../../../src/contract/commands/accounts';
import { ROLE_LABELS, type Role } from '../../../../src/domain/workflow';
import { ApiFailure, request } from '../../api';
import { applyServerErrors, errorMessage, zodRule } from '../../components/form-rules';
import { useVillages } from '../../components/use-villages';
import { useSession } from '../../session-gate';
import { roleLabel } from '../../permissions';

const ROLE_OPTIONS = (Object.keys(ROLE_LABELS) as Role[]).map((r) => ({ value: r, label: ROLE_LABELS[r] }));

/** 账户管理 (administrator): who may do what, and cadres' villages. */
export function AccountsPage() {
  const { message } = App.useApp();
  const { mode } = useSession();
  const [users, setUsers] = useState<UserView[]>([]);
  const [editing, setEditing] = useState<UserView | 'new' | null>(null);
  const [resetting, setResetting] = useState<UserView | null>(null);
  const load = useCallback(async () => {
    try {
      setUsers(await request('user-list', {}));
    } catch (err) {
      message.error(errorMessage(err));
    }
  }, [message]);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <Card
      title="账户管理"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          新增账户
        </Button>
      }
    >
      <Table<UserView>
        locale={{ emptyText: '还没有账户。点击「新增账户」为民政所经办、审批领导和各村（社区）村干部建立账户。' }}
        rowKey="id"
        pagination={false}
        dataSource={users}
        columns={[
          { title: '用户名', dataIndex: 'username' },
          { title: '姓名', dataIndex: 'displayName' },
          { title: '角色', dataIndex: 'role', render: (r: Role) => roleLabel(mode, r) },
          { title: '所属村（社区）', dataIndex: 'villageName', render: (v: string | null) => v ?? '—' },
          {
            title: '状态',
            render: (_, u) => (
              <Space size={4}>
                {u.active ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>}
                {u.lockedUntil && (
                  <Tooltip title="密码连续输错，登录暂被拒绝">
                    <Tag color="red">锁定至 {dayjs(u.lockedUntil).format('HH:mm:ss')}</Tag>
                  </Tooltip>
                )}
              </Space>
            ),
          },
          {
            title: '操作',
            render: (_, u) => (
              <Space size={4}>
                <Button type="link" size="small" onClick={() => setEditing(u)}>
                  修改
                </Button>
                <Button type="link" size="small" onClick={() => setResetting(u)}>
                  重置密码
                </Button>
                {u.lockedUntil && (
                  <Popconfirm
                    title={`解除「${u.displayName}」的登录锁定？`}
                    description="请先确认是本人忘记密码，而不是他人在猜测密码。"
                    okText="解锁"
                    cancelText="取消"
                    onConfirm={async () => {
                      try {
                        await request('user-unlock', { id: u.id });
                        message.success('已解除锁定');
                        await load();
                      } catch (err) {
                        message.error(errorMessage(err));
                      }
                    }}
                  >
                    <Button type="link" size="small">
                      解锁
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      {editing && <UserModal user={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={async () => (setEditing(null), await load())} />}
      {resetting && <ResetModal user={resetting} onClose={() => setResetting(null)} />}
    </Card>
  );
}

function UserModal({ user, onClose, onSaved }: { user: UserView | null; onClose: () => void; onSaved: () => Promise<void> }) {
  const { message } = App.useApp();
  // A county bureau has no villages and no 村干部 accounts (issue 15).
  const { mode } = useSession();
  const { villages } = useVillages(mode === 'township');
  const roleOptions = mode === 'county' ? ROLE_OPTIONS.filter((o) => o.value !== 'cadre').map((o) => ({ ...o, label: roleLabel(mode, o.value) })) : ROLE_OPTIONS;
  const [form] = Form.useForm();
  const role = Form.useWatch('role', form) as Role | undefined;
  return (
    <Modal
      open
      title={user ? `修改账户：${user.username}` : '新增账户'}
      okText="保存"
      cancelText="取消"
      onCancel={onClose}
      onOk={async () => {
        const v = (await form.validateFields()) as Record<string, unknown>;
        try {
          if (user) {
            await request('user-update', { id: user.id, displayName: v.displayName as string, role: v.role as Role, villageId: (v.villageId as number) ?? null, active: v.active as boolean });
          } else {
            await request('user-create', {
              username: v.username as string,
              password: v.password as string,
              displayName: v.displayName as string,
              role: v.role as Role,
              villageId: (v.villageId as number) ?? null,
            });
          }
          message.success('已保存');
          await onSaved();
        } catch (err) {
          if (err instanceof ApiFailure) applyServerErrors(form, err.error);
          message.error(errorMessage(err));
        }
      }}
    >
      <Form form={form} layout="vertical" initialValues={user ?? { role: 'clerk', active: true }}>
        {!user && (
          <Form.Item label="用户名" name="username" rules={[zodRule(usernameSchema)]}>
            <Input />
          </Form.Item>
        )}
        <Form.Item label="姓名" name="displayName" rules={[{ required: true, message: '请输入姓名' }]}>
          <Input />
        </Form.Item>
        <Form.Item label="角色" name="role">
          <Select options={roleOptions} />
        </Form.Item>
        {role === 'cadre' && (
          <Form.Item label="所属村（社区）" name="villageId" rules={[{ required: true, message: '村干部须指定所属村（社区）' }]}>
            <Select options={villages.map((v) => ({ value: v.id, label: v.name }))} />
          </Form.Item>
        )}
        {!user && (
          <Form.Item label="初始密码" name="password" rules={[zodRule(passwordSchema)]}>
            <Input.Password placeholder="至少8位，含字母和数字" />
          </Form.Item>
        )}
        {user && (
          <Form.Item label="启用" name="active" valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function ResetModal({ user, onClose }: { user: UserView; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  return (
    <Modal
      open
      title={`重置密码：${user.displayName}`}
      okText="重置"
      cancelText="取消"
      onCancel={onClose}
      onOk={async () => {
        const v = (await form.validateFields()) as { password: string };
        try {
          await request('user-reset-password', { id: user.id, password: v.password });
          message.success('密码已重置，该用户须重新登录');
          onClose();
        } catch (err) {
          message.error(errorMessage(err));
        }
      }}
    >
      <Form form={form} layout="vertical">
        <Form.Item label="新密码" name="password" rules={[zodRule(passwordSchema)]}>
          <Input.Password />
        </Form.Item>
      </Form>
    </Modal>
  );
}
