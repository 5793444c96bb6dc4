import { useEffect, useState } from 'react';

export type Route =
  | { page: 'households' }
  | { page: 'household'; id: number }
  | { page: 'search' }
  | { page: 'villages' }
  | { page: 'reevaluation' }
  | { page: 'roster' }
  | { page: 'roll-import' }
  | { page: 'payments' }
  | { page: 'filing' }
  | { page: 'documents' }
  | { page: 'accounts' }
  | { page: 'workbench' }
  | { page: 'screening' }
  | { page: 'hearings' }
  | { page: 'campaigns' }
  | { page: 'campaign'; id: number }
  | { page: 'case'; id: number }
  | { page: 'settings' }
  | { page: 'county-receive' }
  | { page: 'county-townships' }
  | { page: 'county-summary' }
  | { page: 'county-cross-check' };

export function parseRoute(hash: string): Route {
  const parts = (hash.replace(/^#\/?/, '').split('?')[0] ?? '').split('/');
  switch (parts[0]) {
    case 'households': {
      const id = Number(parts[1]);
      return Number.isInteger(id) && id > 0 ? { page: 'household', id } : { page: 'households' };
    }
    case 'search':
      return { page: 'search' };
    case 'villages':
      return { page: 'villages' };
    case 'settings':
      return { page: 'settings' };
    case 'reevaluation':
      return { page: 'reevaluation' };
    case 'roster':
      return { page: 'roster' };
    case 'roll-import':
      return { page: 'roll-import' };
    case 'filing':
      return { page: 'filing' };
    case 'payments':
      return { page: 'payments' };
    case 'accounts':
      return { page: 'accounts' };
    case 'workbench':
      return { page: 'workbench' };
    case 'screening':
      return { page: 'screening' };
    case 'hearings':
      return { page: 'hearings' };
    case 'campaigns': {
      const id = Number(parts[1]);
      return Number.isInteger(id) && id > 0 ? { page: 'campaign', id } : { page: 'campaigns' };
    }
    case 'cases': {
      const id = Number(parts[1]);
      return Number.isInteger(id) && id > 0 ? { page: 'case', id } : { page: 'campaigns' };
    }
    case 'documents':
      return { page: 'documents' };
    case 'county-receive':
    case 'county-townships':
    case 'county-summary':
    case 'county-cross-check':
      return { page: parts[0] };
    default:
      return { page: 'households' };
  }
}

export function href(route: Route): string {
  switch (route.page) {
    case 'household':
      return `#/households/${route.id}`;
    case 'campaign':
      return `#/campaigns/${route.id}`;
    case 'case':
      return `#/cases/${route.id}`;
    default:
      return `#/${route.page}`;
  }
}

export function navigate(route: Route): void {
  window.location.hash = href(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const on = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}
