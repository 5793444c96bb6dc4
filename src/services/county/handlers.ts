import type { countyCommands } from '../../contract/commands/county';
import type { HandlersOf } from '../dispatch';
import { countyCrossCheck } from './cross-check';
import { countyPackageInspect, countyPackageReceive, countySources, countyTownshipList, countyTownshipRepin } from './receive';
import { countyCrossCheckExport, countySummaryExport } from './reports';
import { countySummary } from './summary';

/** The county bureau's desk (issue 15). */
export const countyHandlers: HandlersOf<typeof countyCommands> = {
  'county-sources': (ctx) => countySources(ctx),
  'county-package-inspect': countyPackageInspect,
  'county-package-receive': countyPackageReceive,
  'county-township-list': (ctx) => countyTownshipList(ctx),
  'county-township-repin': countyTownshipRepin,
  'county-summary': (ctx) => countySummary(ctx),
  'county-summary-export': countySummaryExport,
  'county-cross-check': (ctx) => countyCrossCheck(ctx),
  'county-cross-check-export': (ctx) => countyCrossCheckExport(ctx),
};
