import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { CampaignView, DocumentView, HearingView, VillageHearingsView } from '../../../../src/contract';
import { request } from '../../api';
import { errorMessage } from '../../components/form-rules';
import { useSession } from '../../session-gate';
import { DocumentPreview } from '../documents/document-preview';
import { BatchForm, BatchList } from './batches';
import { RuleSettings } from './hearing-settings';
import { MeetingForm } from './meeting-form';

/** `#/hearings?campaign=1&village=2` opens the page on that village (the case page links here). */
function initialSelection(): { campaignId: number | null; villageId: number | null } {
  const query = new URLSearchParams(window.location.hash.split('?')[1] ?? '');
  const num = (k: string) => (Number(query.get(k)) > 0 ? Number(query.get(k)) : null);
  return { campaignId: num('campaign'), villageId: num('village') };
}

function MeetingsTable({ hearings, onPreview }: { hearings: HearingView[]; onPreview: (d: DocumentView) => void }) {
  if (hearings.length === 0) return <Empty description="尚未登记评议听证会" />;
  return (
    <Table
      locale={{ emptyText: '尚未登记评议听证会：点击「登记评议听证会」记录本村的评议。' }}
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={hearings}
      expandable={{
        expandedRowRender: (h) => (
          <Table
            locale={{ emptyText: '本次会议没有评议的案件。' }}
            size="small"
            rowKey="caseId"
            pagination={false}
            dataSource={h.cases}
            columns={[
              { title: '户主', dataIndex: 'headName', render: (v: string | null, c) => <a href={`#/cases/${c.caseId}`}>{v ?? ''}户</a> },
              { title: '现场表决', render: (_: unknown, c) => `同意${c.agree}，不同意${c.disagree}，弃权${c.abstain}` },
              { title: '电话征求', render: (_: unknown, c) => (c.phoneAgree + c.phoneDisagree + c.phoneAbstain > 0 ? `同意${c.phoneAgree}，不同意${c.phoneDisagree}，弃权${c.phoneAbstain}` : '—') },
              { title: '结果', dataIndex: 'passed', render: (p: boolean) => <Tag color={p ? 'green' : 'red'}>{p ? '通过' : '未通过'}</Tag> },
              { title: '评议意见', dataIndex: 'opinions' },
            ]}
          />
        ),
      }}
      columns={[
        { title: '会议日期', dataIndex: 'meetingDate', width: 110 },
        { title: '村民小组', dataIndex: 'groupName', width: 120, render: (g: string | null) => g ?? '全村' },
        { title: '地点', dataIndex: 'place' },
        { title: '包村镇干', dataIndex: 'townshipCadre', width: 100 },
        { title: '参会户', width: 80, render: (_: unknown, h) => `${h.attendees.length}户` },
        {
          title: '评议结果',
          render: (_: unknown, h) => {
            const passed = h.cases.filter((c) => c.passed).length;
            return `${h.cases.length}户：通过${passed}户${h.cases.length - passed > 0 ? `，未通过${h.cases.length - passed}户` : ''}`;
          },
        },
        {
          title: '',
          width: 120,
          render: (_: unknown, h) =>
            h.document && (
              <Button size="small" onClick={() => onPreview(h.document!)}>
                查看会议记录
              </Button>
            ),
        },
      ]}
    />
  );
}

/** 评议公示: per village of a campaign, the hearings (评议听证) and the 公示 batches with their objections. */
export function HearingsPage() {
  const { message } = App.useApp();
  const { user, can } = useSession();
  const [initial] = useState(initialSelection);
  const [campaigns, setCampaigns] = useState<CampaignView[] | null>(null);
  const [campaignId, setCampaignId] = useState<number | null>(initial.campaignId);
  const [villageId, setVillageId] = useState<number | null>(initial.villageId ?? user.villageId ?? null);
  const [view, setView] = useState<VillageHearingsView | null>(null);
  const [meeting, setMeeting] = useState(false);
  const [preview, setPreview] = useState<DocumentView | null>(null);
  const [tab, setTab] = useState('hearings');

  useEffect(() => {
    void request('campaign-list', {}).then(
      (list) => {
        setCampaigns(list);
        setCampaignId((id) => id ?? list[0]?.id ?? null);
      },
      (err: unknown) => message.error(errorMessage(err)),
    );
  }, [message]);
  const campaign = campaigns?.find((c) => c.id === campaignId) ?? null;
  const villageOptions = (campaign?.villageIds ?? [])
    .map((v, i) => ({ value: v, label: campaign!.villageNames[i] ?? '' }))
    .filter((o) => user.role !== 'cadre' || o.value === user.villageId);
  useEffect(() => {
    if (campaign && (villageId === null || !campaign.villageIds.includes(villageId))) setVillageId(villageOptions[0]?.value ?? null);
  }, [campaign, villageId, villageOptions]);

  const load = useCallback(async () => {
    if (campaignId === null || villageId === null) return;
    try {
      setView(await request('hearing-village', { campaignId, villageId }));
    } catch (err) {
      setView(null);
      message.error(errorMessage(err));
    }
  }, [campaignId, villageId, message]);
  useEffect(() => {
    void load();
  }, [load]);

  if (campaigns && campaigns.length === 0) {
    return (
      <Card title="评议公示">
        <Empty description="尚未建立专项治理工作">
          <a href="#/campaigns">去建立专项治理</a>
        </Empty>
      </Card>
    );
  }
  const villageName = villageOptions.find((o) => o.value === villageId)?.label ?? '';
  const mayHandle = can('objection-handle');
  const mayRecord = can('hearing-record', villageId);
  return (
    <Card
      title="评议公示"
      extra={
        <Space>
          <Select aria-label="专项治理" style={{ width: 240 }} value={campaignId ?? undefined} onChange={(v: number) => setCampaignId(v)} options={(campaigns ?? []).map((c) => ({ value: c.id, label: c.name }))} />
          <Select aria-label="村（社区）" style={{ width: 150 }} value={villageId ?? undefined} onChange={(v: number) => setVillageId(v)} options={villageOptions} />
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        初审拟纳入的对象，在所在村民小组召开评议听证会（每户一名代表参会，外出户电话征求意见，包村镇干和入户调查人员全程参加）；评议通过的，在村民小组和村（社区）委会公示，公示表标注镇民政所和县低保中心监督电话。公示期满无异议（或异议经调查核实不成立）的进入审核。
      </Typography.Paragraph>
      {view && (
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'hearings',
              label: `评议听证（待评议${view.awaitingHearing.length}户）`,
              children: (
                <Space direction="vertical" style={{ width: '100%' }}>
                  {mayRecord && (
                    <Button type="primary" icon={<PlusOutlined />} disabled={view.awaitingHearing.length === 0} onClick={() => setMeeting(true)}>
                      登记评议听证会
                    </Button>
                  )}
                  {view.awaitingHearing.length > 0 && (
                    <Typography.Text>
                      待评议：{view.awaitingHearing.map((c) => `${c.headName ?? ''}户`).join('、')}
                    </Typography.Text>
                  )}
                  <MeetingsTable hearings={view.hearings} onPreview={setPreview} />
                </Space>
              ),
            },
            {
              key: 'publicity',
              label: `公示（待公示${view.awaitingPublicity.length}户）`,
              children: (
                <Space direction="vertical" style={{ width: '100%' }}>
                  {mayRecord && (
                    <Card size="small" title="张贴评议结果公示">
                      <BatchForm
                        campaignId={campaignId!}
                        villageId={villageId!}
                        awaiting={view.awaitingPublicity}
                        settings={view.settings}
                        onPosted={(b) => {
                          void load();
                          if (b.document) setPreview(b.document);
                        }}
                      />
                    </Card>
                  )}
                  <BatchList batches={view.batches} today={view.today} mayHandle={mayHandle} onChanged={() => void load()} onPreview={setPreview} />
                </Space>
              ),
            },
            {
              key: 'settings',
              label: '评议规则',
              children: (
                <>
                  <RuleSettings settings={view.settings} isAdmin={can('hearing-settings-update')} onSaved={() => void load()} />
                  <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
                    节假日和调休上班日在 <a href="#/settings?tab=calendar">本镇设置 → 办公日历</a> 中维护。
                  </Typography.Paragraph>
                </>
              ),
            },
          ]}
        />
      )}
      {meeting && view && (
        <MeetingForm
          campaignId={campaignId!}
          villageId={villageId!}
          villageName={villageName}
          groups={view.groups}
          awaiting={view.awaitingHearing}
          passPercent={view.settings.passPercent}
          onClose={() => setMeeting(false)}
          onRecorded={(h) => {
            setMeeting(false);
            void load();
            if (h.document) setPreview(h.document);
          }}
        />
      )}
      <DocumentPreview document={preview} onClose={() => setPreview(null)} />
    </Card>
  );
}
