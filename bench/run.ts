// `npm run bench`: every benchmark, in order (`npm run bench -- ledger` runs those whose name
// contains "ledger"). Add new ones to the list.
import { benchAllocation } from './allocation.bench.js';
import { benchLedger } from './ledger.bench.js';
import { benchReportExport } from './report.bench.js';
import { benchSpreadsheetImport } from './spreadsheets.bench.js';
import { benchUploadFlood } from './upload-flood.bench.js';
import { benchWeb } from './web.bench.js';

const benchmarks: readonly (readonly [name: string, run: () => Promise<unknown>])[] = [
  ['allocation', benchAllocation],
  ['spreadsheet import', benchSpreadsheetImport],
  ['hostile upload flood', benchUploadFlood],
  ['report export', benchReportExport],
  ['estimate ledger at national scale', benchLedger],
  ['web app in Chromium', benchWeb],
];
const only = process.argv.slice(2);

for (const [name, run] of benchmarks) {
  if (only.length > 0 && !only.some((word) => name.includes(word))) continue;
  console.log(`# ${name}`);
  await run();
}
