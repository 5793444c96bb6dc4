import { ArrowLeftOutlined, EditOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { App, Button, Card, Modal, Select, Space, Steps, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import type { CampaignView, CaseView, HouseholdSummary } from '../../../../src/contract';
import { CASE_KIND_LABELS, CASE_STATE_LABELS, type CaseState } from '../../../../src/domain/workflow';
import { request } from '../../api';
import { errorMessage } from '../../components/form-rules';
import { navigate } from '../../router';
import { useSession } from '../../session-gate';
import { CampaignModal } from './campaigns-page';
import { PreliminaryOutcomesButton } from './preliminary-outcomes';
import { VerificationBatchButton } from './verification-batch';

export function CampaignPage({ id }: { id: number }) {
  const { message, modal } = App.useApp();
  const { user, can } = useSession();
  const [campaign, setCampaign] = useState<CampaignView | null>(null);
  const [cases, setCases] = useState<CaseView[]>([]);
  // The workbench opens this page on a village's pending cases.
  const [initial] = useState(() => {
    const raw = sessionStorage.getItem('dibao-case-filter');
    sessionStorage.removeItem('dibao-case-filter');
    return raw ? (JSON.parse(raw) as { villageId: number | null; states: CaseState[] }) : { villageId: null, states: [] };
  });
  const [villageId, setVillageId] = useState<number | null>(initial.villageId);
  const [states, setStates] = useState<CaseState[]>(initial.states);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState(false);

  const load = useCallback(async () => {
    try {
      const [c, list] = await Promise.all([
        request('campaign-get', { id }),
        request('case-list', { campaignId: id, villageId, states: states.length ? states : null }),
      ]);
      setCampaign(c);
      setCases(list);
    } catch (err) {
      message.error(errorMessage(err));
    }
  }, [id, villageId, states, message]);
  useEffect(() => {
    void load();
  }, [load]);
  if (!campaign) return <Card loading />;

  const today = dayjs().format('YYYY-MM-DD');
  const current = campaign.phases.findIndex((p) => today >= p.start && today <= p.end);
  const villageOptions = campaign.villageIds.map((v, i) => ({ value: v, label: campaign.villageNames[i] }));
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            <Button type="text" icon={<ArrowLeftOutlined />} aria-label="返回" onClick={() => navigate({ page: 'campaigns' })} />
            {campaign.name}
            {campaign.standing && <Tag>全年动态管理</Tag>}
          </Space>
        }
        extra={
          can('campaign-update') &&
          !campaign.standing && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              修改范围和阶段
            </Button>
          )
        }
      >
        <Steps
          size="small"
          current={current >= 0 ? current : campaign.phases.filter((p) => p.end < today).length}
          items={campaign.phases.map((p) => ({
            title: p.label,
            // One line per phase at 1366 px: the end date drops its year when the phase stays within one year.
            description: <span style={{ whiteSpace: 'nowrap' }}>{`${p.start}～${p.end.slice(0, 4) === p.start.slice(0, 4) ? p.end.slice(5) : p.end}`}</span>,
          }))}
        />
      </Card>
      <Card
        title="案件"
        extra={
          <Space>
            {can('preliminary-outcomes-pdf') && <PreliminaryOutcomesButton campaign={campaign} villageId={villageId ?? user.villageId ?? null} />}
            {can('verification-export') && <VerificationBatchButton campaign={campaign} onDone={() => void load()} />}
            {can('campaign-review-recipients') && !campaign.standing && (
              <Button
                icon={<TeamOutlined />}
                onClick={() =>
                  modal.confirm({
                    title: '将全部在保户纳入复核？',
                    content: '范围内每一户现有低保户都将建立「在保户复核」案件（已有案件的不重复建立）。',
                    okText: '纳入',
                    cancelText: '取消',
                    onOk: async () => {
                      try {
                        const r = await request('campaign-review-recipients', { campaignId: id });
                        message.success(`新建复核案件 ${r.created} 件${r.existing ? `，已有 ${r.existing} 件` : ''}${r.elsewhere ? `，${r.elsewhere} 户在其他工作中尚未办结，未建立` : ''}`);
                        await load();
                      } catch (err) {
                        message.error(errorMessage(err));
                      }
                    },
                  })
                }
              >
                在保户纳入复核
              </Button>
            )}
            {!campaign.standing && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
                增加摸排对象
              </Button>
            )}
          </Space>
        }
      >
        <Space style={{ marginBottom: 12 }} wrap>
          {user.role !== 'cadre' && (
            <Select allowClear style={{ width: 160 }} placeholder="全部村（社区）" value={villageId ?? undefined} options={villageOptions} onChange={(v: number | undefined) => setVillageId(v ?? null)} />
          )}
          <Select
            mode="multiple"
            allowClear
            style={{ minWidth: 260 }}
            placeholder="全部阶段"
            value={states}
            options={(Object.keys(CASE_STATE_LABELS) as CaseState[]).map((s) => ({ value: s, label: CASE_STATE_LABELS[s] }))}
            onChange={(v: CaseState[]) => setStates(v)}
          />
        </Space>
        <Table<CaseView>
          rowKey="id"
          size="small"
          dataSource={cases}
          locale={{ emptyText: '暂无案件' }}
          pagination={{ pageSize: 50, showTotal: (t) => `共 ${t} 件`, showSizeChanger: true }}
          columns={[
            { title: '户主', dataIndex: 'headName', render: (v: string | null, c) => <a href={`#/cases/${c.id}`}>{v ?? '（未设户主）'}</a> },
            { title: '村（社区）', dataIndex: 'villageName' },
            { title: '村民小组', dataIndex: 'groupName', render: (v: string | null) => v ?? '—' },
            { title: '人口', dataIndex: 'size', align: 'right', width: 60 },
            { title: '类型', dataIndex: 'kind', render: (k: CaseView['kind']) => CASE_KIND_LABELS[k] },
            { title: '阶段', dataIndex: 'state', render: (s: CaseState) => <Tag>{CASE_STATE_LABELS[s]}</Tag> },
            { title: '更新时间', dataIndex: 'updatedAt', render: (v: string) => dayjs(v).format('MM-DD HH:mm') },
          ]}
        />
      </Card>
      {adding && <AddCaseModal campaign={campaign} onClose={() => setAdding(false)} />}
      {editing && (
        <CampaignModal
          campaign={campaign}
          onClose={() => setEditing(false)}
          onSaved={(c) => {
            setEditing(false);
            setCampaign(c);
          }}
        />
      )}
    </Space>
  );
}

function AddCaseModal({ campaign, onClose }: { campaign: CampaignView; onClose: () => void }) {
  const { message } = App.useApp();
  const [options, setOptions] = useState<HouseholdSummary[]>([]);
  const [householdId, setHouseholdId] = useState<number | null>(null);
  const search = async (query: string) => {
    try {
      const r = await request('household-list', { query, pageSize: 20 });
      setOptions(r.items.filter((h) => campaign.villageIds.includes(h.villageId)));
    } catch (err) {
      message.error(errorMessage(err));
    }
  };
  return (
    <Modal
      open
      title="增加摸排对象"
      okText="建立案件"
      cancelText="取消"
      okButtonProps={{ disabled: householdId === null }}
      onCancel={onClose}
      onOk={async () => {
        try {
          const c = await request('case-open', { campaignId: campaign.id, householdId: householdId! });
          navigate({ page: 'case', id: c.id });
        } catch (err) {
          message.error(errorMessage(err));
        }
      }}
    >
      <Typography.Paragraph type="secondary">
        按姓名、身份证号或拼音首字母查找家庭。尚未登记的家庭请先在「家庭档案」中新建。在保户将按「在保户复核」办理。
      </Typography.Paragraph>
      <Select
        showSearch
        style={{ width: '100%' }}
        placeholder="查找家庭"
        filterOption={false}
        onSearch={(q) => void search(q)}
        onFocus={() => void search('')}
        onChange={(v: number) => setHouseholdId(v)}
        options={options.map((h) => ({ value: h.id, label: `${h.headName ?? '（未设户主）'} · ${h.villageName} ${h.groupName ?? ''} · ${h.size}人` }))}
      />
    </Modal>
  );
}
