import { ApartmentOutlined, BarChartOutlined, CloudDownloadOutlined, DiffOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { Layout, Result, Space, Typography } from 'antd';
import { SidebarHead, SidebarMenu, SidebarUser } from './components/sidebar';
import type { CommandName } from '../../src/contract';
import { AccountsPage } from './pages/accounts/accounts-page';
import { CountyCrossCheckPage } from './pages/county/cross-check-page';
import { CountyReceivePage } from './pages/county/receive-page';
import { CountySummaryPage } from './pages/county/summary-page';
import { CountyTownshipsPage } from './pages/county/townships-page';
import { BackupTab } from './pages/filing/backup-tab';
import { navigate, useRoute, type Route } from './router';
import { useSession } from './session-gate';
import { roleLabel } from './permissions';
import { AuditChainBanner } from './components/audit-chain-banner';

type CountyPage = 'county-receive' | 'county-townships' | 'county-summary' | 'county-cross-check' | 'filing' | 'accounts';

/** The county bureau's pages (issue 15); the township's are never offered, and the contract refuses them anyway. */
const MENU: { key: CountyPage; label: string; icon: React.ReactNode; command: CommandName }[] = [
  { key: 'county-receive', label: '接收备案包', icon: <CloudDownloadOutlined />, command: 'county-package-inspect' },
  { key: 'county-townships', label: '乡镇', icon: <ApartmentOutlined />, command: 'county-township-list' },
  { key: 'county-summary', label: '县级汇总', icon: <BarChartOutlined />, command: 'county-summary' },
  { key: 'county-cross-check', label: '交叉比对', icon: <DiffOutlined />, command: 'county-cross-check' },
  { key: 'filing', label: '备份与恢复', icon: <SafetyCertificateOutlined />, command: 'backup-list' },
  { key: 'accounts', label: '账户管理', icon: <UserOutlined />, command: 'user-list' },
];

const isCountyPage = (page: Route['page']): page is CountyPage => MENU.some((m) => m.key === page);

export function CountyShell() {
  const route = useRoute();
  const { user, lock, logout, can, countyName } = useSession();
  const menu = MENU.filter((m) => can(m.command));
  // Any township link (bookmarked, typed) lands on the county's first page.
  const page: CountyPage = isCountyPage(route.page) ? route.page : 'county-receive';
  const forbidden = MENU.find((m) => m.key === page && !can(m.command)) ?? null;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={190} theme="light" style={{ borderRight: '1px solid #f0f0f0', position: 'sticky', top: 0, height: '100vh', alignSelf: 'flex-start' }}>
        <div style={{ display: 'flex', flexDirection: 'column', height: '100vh' }}>
          <SidebarHead subtitle={`${countyName ?? '县民政局'} · 县级`} subtitleTestId="county-name" />
          <SidebarMenu items={menu} selected={page} onSelect={(key) => navigate({ page: key as CountyPage })} />
          <SidebarUser name={user.displayName} role={roleLabel('county', user.role)} onLock={lock} onLogout={logout} />
        </div>
      </Layout.Sider>
      <Layout.Content style={{ padding: 24, background: '#f5f5f5' }}>
        {/* The county's own log is chained and walked at start like a township's: its administrator sees a break. */}
        <AuditChainBanner route={route} isAdmin={can('audit-chain-status')} />
        {forbidden ? (
          <Result status="403" title="无权访问此页面" subTitle={`${roleLabel('county', user.role)}不能使用「${forbidden.label}」。`} />
        ) : (
          <>
            {page === 'county-receive' && <CountyReceivePage />}
            {page === 'county-townships' && <CountyTownshipsPage />}
            {page === 'county-summary' && <CountySummaryPage />}
            {page === 'county-cross-check' && <CountyCrossCheckPage />}
            {page === 'filing' && (
              <Space direction="vertical" size={16} style={{ width: '100%' }}>
                <Typography.Title level={3} style={{ margin: 0 }}>
                  备份与恢复
                </Typography.Title>
                <BackupTab isAdmin={can('backup-restore')} mayBackup={can('backup-create')} />
              </Space>
            )}
            {page === 'accounts' && <AccountsPage />}
          </>
        )}
      </Layout.Content>
    </Layout>
  );
}
