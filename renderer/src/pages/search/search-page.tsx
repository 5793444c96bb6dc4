import { App, Card, Table } from 'antd';
import { useEffect, useState } from 'react';
import { SEX_LABELS, type Page, type SearchHit } from '../../../../src/contract';
import { request } from '../../api';
import { errorMessage } from '../../components/form-rules';
import { SearchToolbar, useSearchFilter } from '../../components/search-toolbar';
import { useVillages } from '../../components/use-villages';

export function SearchPage() {
  const { message } = App.useApp();
  const { villages } = useVillages();
  const { filter, setQuery, setVillageId, setPage } = useSearchFilter();
  const [data, setData] = useState<Page<SearchHit> | null>(null);
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    setLoading(true);
    request('search', filter)
      .then(setData, (err: unknown) => message.error(errorMessage(err)))
      .finally(() => setLoading(false));
  }, [filter, message]);
  return (
    <Card title="人员检索">
      <SearchToolbar autoFocus villages={villages} villageId={filter.villageId} buttonText="检索" onQuery={setQuery} onVillage={setVillageId} />
      <Table<SearchHit>
        rowKey="personId"
        loading={loading}
        locale={{ emptyText: '没有找到。可输入姓名、名字（如「文斌」）、身份证号或后4位、拼音首字母；人员须先在「家庭档案」中登记。' }}
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
          current: filter.page,
          pageSize: filter.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (t) => `共 ${t} 人`,
          onChange: setPage,
        }}
      />
    </Card>
  );
}
