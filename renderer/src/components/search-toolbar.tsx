import { Input, Select, Space } from 'antd';
import { useState } from 'react';
import type { Village } from '../../../src/contract';
import { useSession } from '../session-gate';

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
  // A village cadre's lists are their own village's (the contract's filter): the choice shows just that village.
  const { can } = useSession();
  const villages = props.villages.filter((v) => can('search', v.id));
  const only = villages.length === 1 && villages.length < props.villages.length ? villages[0]! : null;
  return (
    <Space style={{ marginBottom: 16 }} wrap>
      <Input.Search
        allowClear
        autoFocus={props.autoFocus}
        style={{ width: 420 }}
        placeholder="姓名或名字、身份证号（或后4位）、拼音首字母"
        enterButton={props.buttonText}
        onSearch={props.onQuery}
      />
      <Select
        allowClear={!only}
        disabled={only !== null}
        style={{ width: 180 }}
        placeholder="全部村（社区）"
        value={only?.id ?? props.villageId ?? undefined}
        onChange={(v: number | undefined) => props.onVillage(v ?? null)}
        options={villages.map((v) => ({ value: v.id, label: v.name }))}
      />
    </Space>
  );
}
