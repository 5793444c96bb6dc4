import { useCallback, useEffect, useState } from 'react';
import type { Village } from '../../../src/contract';
import { request } from '../api';

export function useVillages(): { villages: Village[]; reload: () => Promise<void>; loading: boolean } {
  const [villages, setVillages] = useState<Village[]>([]);
  const [loading, setLoading] = useState(true);
  const reload = useCallback(async () => {
    setLoading(true);
    try {
      setVillages(await request('village-list', {}));
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { villages, reload, loading };
}
