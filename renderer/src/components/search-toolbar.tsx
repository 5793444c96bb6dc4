import { Input, Select, Space } from 'antd';
import { useState } from 'react';
import type { Village } from '../../../src/contract';

export type SearchFilter = { query: string; villageId: number | null; page: number; pageSize: number };

/** Query, village filter and paging of the registry lists; a new query or village goes back to page 1. */
export function useSearchFilter() {
  const [filter, setFilter] = useState<SearchFilter>({ query: '', villageId: null, page: 1, pageSize: 20 });
  return {
    filter,
    setQuery: (query: string) => setFilter((f) => ({ ...f, query: query.trim(), page: 1 })),
    setVillageId: (villageId: number | null) => setFilter((f) => ({ ...f, villageId, page: 1 })),
    setPage: (page: number, pageSize: number) => setFilter((f) => ({ ...f, page, pageSize })),
  };
}

export function SearchToolbar(props: {
  villages: Village[];
  villageId: number | null;
  buttonText: string;
  autoFocus?: boolean;
  onQuery: (q: string) => void;
  onVillage: (id: number | null) => void;
}) {
  return (
    <Space style={{ marginBottom: 16 }} wrap>
      <Input.Search
        allowClear
        autoFocus={props.autoFocus}
        style={{ width: 360 }}
        placeholder="姓名、身份证号、身份证后4位或拼音首字母"
        enterButton={props.buttonText}
        onSearch={props.onQuery}
      />
      <Select
        allowClear
        style={{ width: 180 }}
        placeholder="全部村（社区）"
        value={props.villageId ?? undefined}
        onChange={(v: number | undefined) => props.onVillage(v ?? null)}
        options={props.villages.map((v) => ({ value: v.id, label: v.name }))}
      />
    </Space>
  );
}
