import { App, Card, Input, Select, Space, Table } from 'antd';
import { useEffect, useState } from 'react';
import { SEX_LABELS, type Page, type SearchHit } from '../../../../src/contract';
import { request } from '../../api';
import { errorMessage } from '../../components/form-rules';
import { useVillages } from '../../components/use-villages';

export function SearchPage() {
  const { message } = App.useApp();
  const { villages } = useVillages();
  const [query, setQuery] = useState('');
  const [villageId, setVillageId] = useState<number | null>(null);
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [data, setData] = useState<Page<SearchHit> | null>(null);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    setLoading(true);
    request('search', { query, villageId, ...paging })
      .then(setData, (err: unknown) => message.error(errorMessage(err)))
      .finally(() => setLoading(false));
  }, [query, villageId, paging, message]);
  return (
    <Card title="人员检索">
      <Space style={{ marginBottom: 16 }} wrap>
        <Input.Search
          allowClear
          autoFocus
          style={{ width: 360 }}
          placeholder="姓名、身份证号、身份证后4位或拼音首字母"
          enterButton="检索"
          onSearch={(v) => {
            setQuery(v.trim());
            setPaging((p) => ({ ...p, page: 1 }));
          }}
        />
        <Select
          allowClear
          style={{ width: 180 }}
          placeholder="全部村（社区）"
          onChange={(v: number | undefined) => {
            setVillageId(v ?? null);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          options={villages.map((v) => ({ value: v.id, label: v.name }))}
        />
      </Space>
      <Table<SearchHit>
        rowKey="personId"
        loading={loading}
        dataSource={data?.items ?? []}
        columns={[
          { title: '姓名', dataIndex: 'name', render: (v: string, r) => <a href={`#/households/${r.householdId}`}>{v}</a> },
          { title: '身份证号码', dataIndex: 'idNumber' },
          { title: '性别', dataIndex: 'sex', width: 60, render: (v: SearchHit['sex']) => SEX_LABELS[v] },
          { title: '出生日期', dataIndex: 'birthDate', width: 110 },
          { title: '村（社区）', dataIndex: 'villageName' },
          { title: '村民小组', dataIndex: 'groupName', render: (v: string | null) => v ?? '—' },
          { title: '户主', dataIndex: 'headName' },
          { title: '与户主关系', dataIndex: 'relation', width: 100 },
        ]}
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (t) => `共 ${t} 人`,
          onChange: (page, pageSize) => setPaging({ page, pageSize }),
        }}
      />
    </Card>
  );
}
