import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Divider, Form, Modal, Result, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { HOUSEHOLD_STATUS_LABELS, type HouseholdSummary, type Page } from '../../../../src/contract';
import { ApiFailure, request } from '../../api';
import { applyServerErrors, errorMessage } from '../../components/form-rules';
import { HouseholdFields } from '../../components/household-fields';
import { EMPTY_PERSON, PersonFields } from '../../components/person-fields';
import { SearchToolbar, useSearchFilter } from '../../components/search-toolbar';
import { useVillages } from '../../components/use-villages';
import { navigate } from '../../router';

const STATUS_COLORS = { registered: 'default', applicant: 'processing', recipient: 'success', stopped: 'warning' } as const;

export function HouseholdsPage() {
  const { message } = App.useApp();
  const { villages, reload: reloadVillages, loading: villagesLoading } = useVillages();
  const { filter, setQuery, setVillageId, setPage } = useSearchFilter();
  const [data, setData] = useState<Page<HouseholdSummary> | null>(null);
  const [loading, setLoading] = useState(false);
  const [creating, setCreating] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(await request('household-list', filter));
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, [filter, message]);

  useEffect(() => {
    void load();
  }, [load]);

  if (!villagesLoading && villages.length === 0) return <EmptyOffice onLoaded={reloadVillages} />;

  return (
    <Card
      title="家庭档案"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          新建家庭
        </Button>
      }
    >
      <SearchToolbar villages={villages} villageId={filter.villageId} buttonText="查询" onQuery={setQuery} onVillage={setVillageId} />
      <Table<HouseholdSummary>
        locale={{ emptyText: '没有找到家庭。点击「新建家庭」逐户登记，或在「低保花名册 → 存量数据导入」一次导入本镇已有的低保户；也可改换查询条件。' }}
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        onRow={(r) => ({ onDoubleClick: () => navigate({ page: 'household', id: r.id }) })}
        columns={[
          { title: '户主', dataIndex: 'headName', render: (v: string | null, r) => <a href={`#/households/${r.id}`}>{v ?? '（未设户主）'}</a> },
          { title: '村（社区）', dataIndex: 'villageName' },
          { title: '村民小组', dataIndex: 'groupName', render: (v: string | null) => v ?? '—' },
          { title: '家庭住址', dataIndex: 'address' },
          { title: '人口', dataIndex: 'size', align: 'right', width: 70 },
          {
            title: '状态',
            dataIndex: 'status',
            width: 100,
            render: (v: HouseholdSummary['status']) => <Tag color={STATUS_COLORS[v]}>{HOUSEHOLD_STATUS_LABELS[v]}</Tag>,
          },
        ]}
        pagination={{
          current: filter.page,
          pageSize: filter.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (t) => `共 ${t} 户`,
          onChange: setPage,
        }}
      />
      <NewHouseholdModal
        open={creating}
        villages={villages}
        onClose={() => setCreating(false)}
        onCreated={(id) => {
          setCreating(false);
          navigate({ page: 'household', id });
        }}
      />
    </Card>
  );
}

function NewHouseholdModal(props: {
  open: boolean;
  villages: ReturnType<typeof useVillages>['villages'];
  onClose: () => void;
  onCreated: (id: number) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const values = (await form.validateFields()) as Record<string, unknown> & { head: Record<string, unknown> };
    setSaving(true);
    try {
      const created = await request('household-create', {
        villageId: values.villageId as number,
        groupName: (values.groupName as string | undefined) ?? null,
        address: values.address as string,
        phone: (values.phone as string | undefined) || null,
        note: null,
        head: { ...(values.head as object), relation: '户主' } as never,
      });
      message.success('家庭已建立');
      for (const w of created.warnings) message.warning(w);
      form.resetFields();
      props.onCreated(created.id);
    } catch (err) {
      if (err instanceof ApiFailure) applyServerErrors(form, err.error);
      message.error(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      title="新建家庭"
      open={props.open}
      width={820}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ head: { ...EMPTY_PERSON, relation: '户主' } }} preserve={false}>
        <HouseholdFields villages={props.villages} />
        <Divider orientation="left" plain>
          户主信息
        </Divider>
        <PersonFields prefix={['head']} lockRelation />
      </Form>
    </Modal>
  );
}

function EmptyOffice({ onLoaded }: { onLoaded: () => Promise<void> }) {
  const { message, modal } = App.useApp();
  return (
    <Card>
      <Result
        status="info"
        title="本镇还没有登记任何村（社区）"
        subTitle={
          <Typography.Paragraph type="secondary">
            正式使用：请先在「本镇设置」中填写乡镇信息，再在「村（社区）」中登记各村。
            <br />
            试用或培训：可载入一个虚构的演示镇（2个村、36户，身份证号码均为虚构）。
          </Typography.Paragraph>
        }
        extra={
          <Space>
            <Button type="primary" onClick={() => navigate({ page: 'villages' })}>
              登记村（社区）
            </Button>
            <Button
              onClick={() =>
                modal.confirm({
                  title: '载入演示数据？',
                  content: '一个虚构的镇：2个村（社区）、38户，以及一项正在进行的专项治理（各办理阶段都有案件，附已出具的文书、本月低保金发放名单和备案包）。演示数据仅供试用和培训，正式使用前请使用空白的数据目录。',
                  okText: '载入',
                  cancelText: '取消',
                  onOk: async () => {
                    try {
                      const r = await request('demo-load', {});
                      message.success(`已载入演示数据：${r.households} 户，${r.persons} 人；专项治理案件 ${r.cases} 件，文书 ${r.documents} 份`);
                      await onLoaded();
                    } catch (err) {
                      message.error(errorMessage(err));
                    }
                  },
                })
              }
            >
              载入演示数据
            </Button>
          </Space>
        }
      />
    </Card>
  );
}
