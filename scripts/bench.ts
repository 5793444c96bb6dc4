// Benchmarks: `npm run bench -- <name>`. Each benchmark lives in its own scripts/bench-<name>.ts.
import { benchAudit } from './bench-audit';
import { benchCrash } from './bench-crash';
import { benchCounty } from './bench-county';
import { benchDocuments } from './bench-documents';
import { benchEvaluate } from './bench-evaluate';
import { benchImport } from './bench-import';
import { benchPackage } from './bench-package';
import { benchScale } from './bench-scale';
import { benchRoll } from './bench-roll';
import { benchSearch } from './bench-search';

const BENCHES: Record<string, () => Promise<void>> = {
  audit: benchAudit,
  county: benchCounty,
  crash: benchCrash,
  documents: benchDocuments,
  evaluate: benchEvaluate,
  import: benchImport,
  package: benchPackage,
  scale: benchScale,
  roll: benchRoll,
  search: benchSearch,
};

const name = process.argv[2];
const bench = name === undefined ? undefined : BENCHES[name];
if (!bench) {
  console.error(`用法：npm run bench -- <${Object.keys(BENCHES).join('|')}>`);
  process.exitCode = 2;
} else {
  await bench();
}
