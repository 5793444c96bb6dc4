import { LockOutlined, LogoutOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';

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
