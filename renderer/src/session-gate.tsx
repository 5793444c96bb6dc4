import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Radio, Result, Spin, Typography } from 'antd';
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { OFFICE_MODE_LABELS, type CommandName, type OfficeMode, type SessionInfo, type UserView } from '../../src/contract';
import { passwordSchema, usernameSchema } from '../../src/contract/commands/accounts';
import { ApiFailure, SESSION_EVENT, request, session } from './api';
import { applyServerErrors, errorMessage, zodRule } from './components/form-rules';
import { COUNTY_HOME_HASH, HOME_HASH, may } from './permissions';

type SessionCtx = {
  user: UserView;
  /** Which office this is (issue 15): the shell shows the township's pages or the county bureau's. */
  mode: OfficeMode;
  countyName: string | null;
  lock: () => void;
  logout: () => void;
  /** Whether the contract lets this user run `command` (on a record of `villageId`, when given). */
  can: (command: CommandName, villageId?: number | null) => boolean;
};
const Ctx = createContext<SessionCtx | null>(null);

export function useSession(): SessionCtx {
  const c = useContext(Ctx);
  if (!c) throw new Error('useSession outside SessionGate');
  return c;
}

const ACTIVITY = ['mousedown', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Nothing of the case desk shows before login; an idle screen locks itself (personal data must not stay on an
 * unattended screen). The core enforces the same: every command needs a live, unlocked session.
 */
export function SessionGate({ children }: { children: ReactNode }) {
  const [info, setInfo] = useState<SessionInfo | null>(null);
  const lastActivity = useRef(Date.now());
  const signedIn = useRef(false);

  const refresh = useCallback(async () => {
    try {
      const next = await request('session-status', {});
      // When a session ends (logout, switch user, expiry), whoever signs in next starts on their own home page, not
      // on the page the last user left open. A link opened before signing in is kept.
      if (!next.user && signedIn.current) window.location.hash = next.mode === 'county' ? COUNTY_HOME_HASH : HOME_HASH;
      signedIn.current = next.user !== null;
      setInfo(next);
    } catch {
      setInfo(null);
    }
  }, []);

  useEffect(() => {
    void refresh();
    const on = () => void refresh();
    window.addEventListener(SESSION_EVENT, on);
    return () => window.removeEventListener(SESSION_EVENT, on);
  }, [refresh]);

  const lock = useCallback(() => {
    void request('session-lock', {}).finally(() => void refresh());
  }, [refresh]);

  // Client-side idle timer: lock as soon as the limit passes, not only at the next click.
  useEffect(() => {
    if (!info?.user || info.locked) return;
    const mark = () => (lastActivity.current = Date.now());
    for (const e of ACTIVITY) window.addEventListener(e, mark, { passive: true });
    let ticks = 0;
    const timer = setInterval(() => {
      if (Date.now() - lastActivity.current > info.idleLockMinutes * 60_000) lock();
      // Once a minute, re-read the session (it does not count as activity): a new idle-lock time, or a session
      // ended elsewhere (password changed, lifetime reached), applies without a reload.
      else if (++ticks % 4 === 0) void refresh();
    }, 15_000);
    return () => {
      for (const e of ACTIVITY) window.removeEventListener(e, mark);
      clearInterval(timer);
    };
  }, [info, lock, refresh]);

  if (!info) return <Spin fullscreen tip="正在连接…" />;
  if (info.setupBlocked) return <SetupBlockedScreen message={info.setupBlocked} onRetry={refresh} />;
  if (info.needsSetup) return <SetupScreen onDone={refresh} />;
  if (!info.user) return <LoginScreen onDone={refresh} />;
  if (info.locked) return <UnlockScreen user={info.user} onDone={refresh} onLogout={() => { session.set(null); void refresh(); }} />;
  const logout = () => {
    void request('session-logout', {}).finally(() => {
      session.set(null);
      void refresh();
    });
  };
  const user = info.user;
  const mode = info.mode ?? 'township';
  return (
    <Ctx.Provider value={{ user, mode, countyName: info.countyName, lock, logout, can: (command, villageId) => may(user, command, villageId, mode) }}>{children}</Ctx.Provider>
  );
}

function Centered({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f5f5f5' }}>
      <Card style={{ width: 420 }}>
        <Typography.Title level={3} style={{ color: '#b71c1c', marginTop: 0 }}>
          低保案件台
        </Typography.Title>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {title}
        </Typography.Title>
        {children}
      </Card>
    </div>
  );
}

/** An empty database beside an interrupted restore's leftovers: no first-start setup, say what to do instead. */
function SetupBlockedScreen({ message, onRetry }: { message: string; onRetry: () => Promise<void> }) {
  return (
    <Centered title="暂不能初始设置">
      <Result
        status="warning"
        title="数据目录中有未完成的恢复"
        subTitle={<div style={{ textAlign: 'left' }}>{message}</div>}
        extra={
          <Button onClick={() => void onRetry()} type="primary">
            重新检查
          </Button>
        }
      />
    </Centered>
  );
}

function LoginScreen({ onDone }: { onDone: () => Promise<void> }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Centered title="登录">
      <Form
        layout="vertical"
        onFinish={async (v: { username: string; password: string }) => {
          setBusy(true);
          try {
            const r = await request('session-login', v);
            session.set(r.token);
            await onDone();
          } catch (err) {
            message.error(errorMessage(err));
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]}>
          <Input prefix={<UserOutlined />} autoFocus autoComplete="username" />
        </Form.Item>
        <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          登录
        </Button>
      </Form>
    </Centered>
  );
}

function SetupScreen({ onDone }: { onDone: () => Promise<void> }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const mode = Form.useWatch<OfficeMode | undefined>('mode', form) ?? 'township';
  return (
    <Centered title="首次使用：选择单位类型，创建管理员账户">
      <Typography.Paragraph type="secondary">
        {mode === 'county'
          ? '县民政局版接收、核验各乡镇报送的备案包，做县级汇总和交叉比对，不办理乡镇的低保案件。'
          : '管理员负责本镇设置、政策参数和其他工作人员的账户。'}
        单位类型选定后不能更改。请牢记密码。
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ mode: 'township' }}
        onFinish={async (v: { mode: OfficeMode; countyName?: string; username: string; displayName: string; password: string }) => {
          try {
            const r = await request('account-setup', { username: v.username, displayName: v.displayName, password: v.password, mode: v.mode, countyName: v.mode === 'county' ? (v.countyName ?? null) : null });
            session.set(r.token);
            await onDone();
          } catch (err) {
            if (err instanceof ApiFailure) applyServerErrors(form, err.error);
            message.error(errorMessage(err));
          }
        }}
      >
        <Form.Item label="本单位是" name="mode">
          <Radio.Group optionType="button" buttonStyle="solid" data-testid="setup-mode">
            <Radio.Button value="township">{OFFICE_MODE_LABELS.township}</Radio.Button>
            <Radio.Button value="county">{OFFICE_MODE_LABELS.county}</Radio.Button>
          </Radio.Group>
        </Form.Item>
        {mode === 'county' && (
          <Form.Item label="县民政局名称" name="countyName" rules={[{ required: true, message: '请填写县民政局名称' }]}>
            <Input placeholder="如：某某县民政局" maxLength={40} />
          </Form.Item>
        )}
        <Form.Item label="用户名" name="username" rules={[zodRule(usernameSchema)]}>
          <Input autoFocus placeholder="如：admin" />
        </Form.Item>
        <Form.Item label="姓名" name="displayName" rules={[{ required: true, message: '请输入姓名' }]}>
          <Input />
        </Form.Item>
        <Form.Item label="密码" name="password" rules={[zodRule(passwordSchema)]}>
          <Input.Password placeholder="至少8位，含字母和数字" />
        </Form.Item>
        <Form.Item
          label="确认密码"
          name="confirm"
          dependencies={['password']}
          rules={[
            ({ getFieldValue }) => ({
              validator: async (_, v) => {
                if (v !== getFieldValue('password')) throw new Error('两次输入的密码不一致');
              },
            }),
          ]}
        >
          <Input.Password />
        </Form.Item>
        <Button type="primary" htmlType="submit" block>
          创建并登录
        </Button>
      </Form>
    </Centered>
  );
}

function UnlockScreen({ user, onDone, onLogout }: { user: UserView; onDone: () => Promise<void>; onLogout: () => void }) {
  const { message } = App.useApp();
  return (
    <Centered title="屏幕已锁定">
      <Result status="info" icon={<LockOutlined />} subTitle={`${user.displayName}（${user.username}），请输入密码继续`} style={{ padding: 8 }} />
      <Form
        layout="vertical"
        onFinish={async (v: { password: string }) => {
          try {
            await request('session-unlock', v);
            await onDone();
          } catch (err) {
            message.error(errorMessage(err));
          }
        }}
      >
        <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password autoFocus />
        </Form.Item>
        <Button type="primary" htmlType="submit" block>
          解锁
        </Button>
        <Button type="link" block onClick={onLogout}>
          切换用户
        </Button>
      </Form>
    </Centered>
  );
}
