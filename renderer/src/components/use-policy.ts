import { useCallback, useEffect, useState } from 'react';
import type { PolicyState } from '../../../src/contract';
import { request } from '../api';

/** The dated policy table; `reload` after a new version is added. */
export function usePolicy(): { state: PolicyState | null; reload: () => Promise<void> } {
  const [state, setState] = useState<PolicyState | null>(null);
  const reload = useCallback(async () => setState(await request('policy-list', {})), []);
  useEffect(() => {
    void reload().catch(() => setState(null));
  }, [reload]);
  return { state, reload };
}
