import { AuditOutlined, CalculatorOutlined, DashboardOutlined, FileSearchOutlined, FileTextOutlined, HomeOutlined, NotificationOutlined, OrderedListOutlined, SearchOutlined, SettingOutlined, TeamOutlined, UserOutlined, SafetyCertificateOutlined, PayCircleOutlined } from '@ant-design/icons';
import { Alert, Button, Layout, Result } from 'antd';
import { SidebarHead, SidebarMenu, SidebarUser } from './components/sidebar';
import type { CommandName } from '../../src/contract';
import { ROLE_LABELS } from '../../src/domain/workflow';
import { AccountsPage } from './pages/accounts/accounts-page';
import { CampaignPage } from './pages/campaigns/campaign-page';
import { CampaignsPage } from './pages/campaigns/campaigns-page';
import { CasePage } from './pages/cases/case-page';
import { HearingsPage } from './pages/hearings/hearings-page';
import { WorkbenchPage } from './pages/workbench/workbench-page';
import { ScreeningPage } from './pages/screening/screening-page';
import { useSession } from './session-gate';
import { useEffect, useState } from 'react';
import { request } from './api';
import { DocumentsPage } from './pages/documents/documents-page';
import { HouseholdDetailPage } from './pages/households/household-detail-page';
import { HouseholdsPage } from './pages/households/households-page';
import { ReevaluationPage } from './pages/reevaluation/reevaluation-page';
import { RosterPage } from './pages/roster/roster-page';
import { RollImportPage } from './pages/roll-import/roll-import-page';
import { FilingPage } from './pages/filing/filing-page';
import { PaymentsPage } from './pages/payments/payments-page';
import { SearchPage } from './pages/search/search-page';
import { SettingsPage } from './pages/settings/settings-page';
import { VillagesPage } from './pages/villages/villages-page';
import { navigate, useRoute, type Route } from './router';
import { CountyShell } from './county-shell';
import { AuditChainBanner } from './components/audit-chain-banner';

/** Each page names the command that shows its data: the menu offers it only when the contract allows that. */
const MENU: { key: Route['page']; label: string; icon: React.ReactNode; command: CommandName }[] = [
  { key: 'workbench', label: '工作台', icon: <DashboardOutlined />, command: 'workbench' },
  { key: 'campaigns', label: '专项治理', icon: <AuditOutlined />, command: 'campaign-list' },
  { key: 'screening', label: '摸排', icon: <FileSearchOutlined />, command: 'screening-focus-list' },
  { key: 'hearings', label: '评议公示', icon: <NotificationOutlined />, command: 'hearing-village' },
  { key: 'households', label: '家庭档案', icon: <HomeOutlined />, command: 'household-list' },
  { key: 'roster', label: '低保花名册', icon: <OrderedListOutlined />, command: 'roster-list' },
  { key: 'payments', label: '低保金发放', icon: <PayCircleOutlined />, command: 'payment-batch-list' },
  { key: 'search', label: '人员检索', icon: <SearchOutlined />, command: 'search' },
  { key: 'villages', label: '村（社区）', icon: <TeamOutlined />, command: 'village-list' },
  { key: 'reevaluation', label: '政策调整测算', icon: <CalculatorOutlined />, command: 'reevaluation-preview' },
  { key: 'documents', label: '文书', icon: <FileTextOutlined />, command: 'document-list' },
  { key: 'filing', label: '备案与备份', icon: <SafetyCertificateOutlined />, command: 'filing-destinations' },
  { key: 'settings', label: '本镇设置', icon: <SettingOutlined />, command: 'settings-get' },
  { key: 'accounts', label: '账户管理', icon: <UserOutlined />, command: 'user-list' },
];

/** First start: the plan's defaults must be confirmed before any determination is saved (asked on every page). */
function PolicyBanner({ route }: { route: Route }) {
  const [unconfirmedStandard, setUnconfirmedStandard] = useState<number | null>(null);
  useEffect(() => {
    void request('policy-list', {}).then((s) => setUnconfirmedStandard(s.confirmed ? null : s.defaults.standard), () => undefined);
  }, [route]);
  if (unconfirmedStandard === null || route.page === 'settings') return null;
  return (
    <Alert
      banner
      type="warning"
      style={{ marginBottom: 16 }}
      message={`低保政策参数尚未确认：请核对方案的默认参数（低保标准${unconfirmedStandard}元等）并确认，确认前测算结果不能保存。`}
      action={<a href="#/settings?tab=policy">去确认</a>}
    />
  );
}

/** A county bureau's office shows only its own pages (issue 15). */
export function Shell() {
  const { mode } = useSession();
  return mode === 'county' ? <CountyShell /> : <TownshipShell />;
}

function TownshipShell() {
  const route = useRoute();
  const { user, lock, logout, can } = useSession();
  const menu = MENU.filter((m) => can(m.command));
  const selected = route.page === 'household' ? 'households' : route.page === 'campaign' || route.page === 'case' ? 'campaigns' : route.page === 'roll-import' ? 'roster' : route.page;
  // A link to a page the contract does not let this user see (bookmarked by someone else, typed in).
  const forbidden = MENU.find((m) => m.key === selected && !can(m.command)) ?? null;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      {/* Fixed to the window: 锁定 and 退出 stay in sight at 768 px whatever the page's length; the menu scrolls inside. */}
      <Layout.Sider width={190} theme="light" style={{ borderRight: '1px solid #f0f0f0', position: 'sticky', top: 0, height: '100vh', alignSelf: 'flex-start' }}>
        <div style={{ display: 'flex', flexDirection: 'column', height: '100vh' }}>
          <SidebarHead subtitle="最低生活保障经办" />
          <SidebarMenu items={menu} selected={selected} onSelect={(key) => navigate({ page: key as Exclude<Route['page'], 'household'> } as Route)} />
          <SidebarUser name={user.displayName} role={`${ROLE_LABELS[user.role]}${user.villageName ? ` · ${user.villageName}` : ''}`} onLock={lock} onLogout={logout} />
        </div>
      </Layout.Sider>
      <Layout.Content style={{ padding: 24, background: '#f5f5f5' }}>
        <AuditChainBanner route={route} isAdmin={can('audit-chain-status')} />
        <PolicyBanner route={route} />
        {forbidden ? (
          <Result
            status="403"
            title="无权访问此页面"
            subTitle={`${ROLE_LABELS[user.role]}不能使用「${forbidden.label}」。`}
            extra={
              <Button type="primary" onClick={() => navigate({ page: 'workbench' })}>
                回到工作台
              </Button>
            }
          />
        ) : (
          <>
        {route.page === 'households' && <HouseholdsPage />}
        {route.page === 'household' && <HouseholdDetailPage id={route.id} />}
        {route.page === 'search' && <SearchPage />}
        {route.page === 'villages' && <VillagesPage />}
        {route.page === 'settings' && <SettingsPage />}
        {route.page === 'reevaluation' && <ReevaluationPage />}
        {route.page === 'roster' && <RosterPage />}
        {route.page === 'roll-import' &&
          (can('roll-upload') ? <RollImportPage /> : <Result status="403" title="无权访问此页面" subTitle="存量数据导入由民政所经办人员或管理员办理。" />)}
        {route.page === 'filing' && <FilingPage />}
        {route.page === 'payments' && <PaymentsPage />}
        {route.page === 'accounts' && <AccountsPage />}
        {route.page === 'campaigns' && <CampaignsPage />}
        {route.page === 'workbench' && <WorkbenchPage />}
        {route.page === 'screening' && <ScreeningPage />}
        {route.page === 'hearings' && <HearingsPage />}
        {route.page === 'campaign' && <CampaignPage id={route.id} />}
        {route.page === 'case' && <CasePage id={route.id} />}
        {route.page === 'documents' && <DocumentsPage />}
          </>
        )}
      </Layout.Content>
    </Layout>
  );
}
