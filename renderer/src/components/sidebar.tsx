import { LockOutlined, LogoutOutlined } from '@ant-design/icons';
import { Button, Menu, Space, Typography } from 'antd';
import type { ReactNode } from 'react';

/** The head of the sidebar in both kinds of office: the product's name and, under it, which office this is. */
export function SidebarHead(props: { subtitle: string; subtitleTestId?: string }) {
  return (
    <div style={{ padding: '14px 20px 8px' }}>
      <Typography.Title level={4} style={{ margin: 0, color: '#b71c1c' }}>
        低保案件台
      </Typography.Title>
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={props.subtitleTestId}>
        {props.subtitle}
      </Typography.Text>
    </div>
  );
}

/** The pages of the sidebar, scrolling between its head and its foot when the window is short (768 px). */
export function SidebarMenu<K extends string>(props: { items: readonly { key: K; label: ReactNode; icon: ReactNode }[]; selected: K; onSelect: (key: K) => void }) {
  return (
    <div style={{ flex: 1, minHeight: 0, overflowY: 'auto' }}>
      <Menu
        mode="inline"
        inlineIndent={20}
        style={{ borderInlineEnd: 'none' }}
        selectedKeys={[props.selected]}
        items={props.items.map((m) => ({ key: m.key, label: m.label, icon: m.icon, style: { height: 38, lineHeight: '38px', marginBlock: 2 } }))}
        onClick={(e) => props.onSelect(e.key as K)}
      />
    </div>
  );
}

/** The foot of the sidebar in both kinds of office: who is signed in, as what, and 锁定 / 退出 always in view. */
export function SidebarUser(props: { name: string; role: string; onLock: () => void; onLogout: () => void }) {
  return (
    <div style={{ padding: '10px 20px 12px', borderTop: '1px solid #f0f0f0' }} data-testid="sidebar-user">
      <Typography.Text strong>{props.name}</Typography.Text>
      <br />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {props.role}
      </Typography.Text>
      <Space style={{ marginTop: 6, display: 'flex' }}>
        <Button size="small" icon={<LockOutlined />} onClick={props.onLock}>
          锁定
        </Button>
        <Button size="small" icon={<LogoutOutlined />} onClick={props.onLogout}>
          退出
        </Button>
      </Space>
    </div>
  );
}
