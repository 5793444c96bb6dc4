import { useCallback, useEffect, useState } from 'react';
import type { Village } from '../../../src/contract';
import { request } from '../api';

/** `enabled: false` (a county office, which has no villages) asks nothing. */
export function useVillages(enabled = true): { villages: Village[]; reload: () => Promise<void>; loading: boolean } {
  const [villages, setVillages] = useState<Village[]>([]);
  const [loading, setLoading] = useState(enabled);
  const reload = useCallback(async () => {
    if (!enabled) return;
    setLoading(true);
    try {
      setVillages(await request('village-list', {}));
    } finally {
      setLoading(false);
    }
  }, [enabled]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { villages, reload, loading };
}
