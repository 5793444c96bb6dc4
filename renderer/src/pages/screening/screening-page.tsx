import { Card, Empty, Select, Space, Tabs, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { CampaignView } from '../../../../src/contract';
import { request } from '../../api';
import { useVillages } from '../../components/use-villages';
import { useSession } from '../../session-gate';
import { BatchHistory } from './batch-history';
import { FocusPanel } from './focus-panel';
import { ImportWizard } from './import-wizard';
import { ProposalsPanel } from './proposals-panel';

/** 摸排 (plan 三(二)第一步): department lists in, the village focus list, the cadres' results and the 摸排表. */
export function ScreeningPage() {
  const { user, can } = useSession();
  const isCadre = user.role === 'cadre';
  const mayImport = can('screening-upload');
  const { villages } = useVillages();
  const [campaigns, setCampaigns] = useState<CampaignView[]>([]);
  const [villageId, setVillageId] = useState<number | null>(isCadre ? (user.villageId ?? null) : null);
  const [campaignId, setCampaignId] = useState<number | null>(null);
  const [version, setVersion] = useState(0);
  const bump = () => setVersion((v) => v + 1);

  useEffect(() => {
    void request('campaign-list', {}).then(setCampaigns, () => undefined);
  }, []);
  useEffect(() => {
    if (villageId === null && villages[0]) setVillageId(villages[0].id);
  }, [villages, villageId]);
  // 摸排 belongs to a 专项治理: the standing 动态管理 campaign has no screening (its cases come from 动态调整).
  const villageCampaigns = useMemo(() => campaigns.filter((c) => !c.standing && villageId !== null && c.villageIds.includes(villageId)), [campaigns, villageId]);
  useEffect(() => {
    if (campaignId === null || !villageCampaigns.some((c) => c.id === campaignId)) setCampaignId(villageCampaigns[0]?.id ?? null);
  }, [villageCampaigns, campaignId]);

  const selectors = (
    <Card size="small">
      <Space wrap size={24}>
        <Space>
          <Typography.Text>村（社区）</Typography.Text>
          <Select
            aria-label="村（社区）"
            style={{ width: 180 }}
            disabled={isCadre}
            value={villageId ?? undefined}
            placeholder="请选择"
            options={villages.filter((v) => !isCadre || v.id === user.villageId).map((v) => ({ value: v.id, label: v.name }))}
            onChange={(v: number) => setVillageId(v)}
          />
        </Space>
        <Space>
          <Typography.Text>专项治理工作</Typography.Text>
          <Select
            aria-label="专项治理工作"
            style={{ width: 260 }}
            value={campaignId ?? undefined}
            placeholder="本村尚无专项治理工作"
            options={villageCampaigns.map((c) => ({ value: c.id, label: c.name }))}
            onChange={(v: number) => setCampaignId(v)}
          />
        </Space>
      </Space>
    </Card>
  );

  const focus = (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      {selectors}
      {villageId !== null ? (
        <>
          <FocusPanel villageId={villageId} campaignId={campaignId} version={version} onChanged={bump} />
          {campaignId !== null && <ProposalsPanel villageId={villageId} campaignId={campaignId} version={version} />}
        </>
      ) : (
        <Card>
          <Empty description="请先登记村（社区）" />
        </Card>
      )}
    </Space>
  );

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        摸排
      </Typography.Title>
      {mayImport ? (
        <Tabs
          defaultActiveKey="import"
          items={[
            {
              key: 'import',
              label: '部门名单导入',
              children: (
                <Space direction="vertical" size={16} style={{ width: '100%' }}>
                  <ImportWizard onImported={bump} />
                  <BatchHistory version={version} />
                </Space>
              ),
            },
            { key: 'focus', label: '重点对象与摸排结果', children: focus },
          ]}
        />
      ) : (
        focus
      )}
    </Space>
  );
}
