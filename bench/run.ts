// `npm run bench`: every benchmark, in order. Add new ones to the list.
import { benchAllocation } from './allocation.bench.js';
import { benchReportExport } from './report.bench.js';
import { benchSpreadsheetImport } from './spreadsheets.bench.js';
import { benchUploadFlood } from './upload-flood.bench.js';
import { benchWeb } from './web.bench.js';

const benchmarks: readonly (readonly [name: string, run: () => Promise<unknown>])[] = [
  ['allocation', benchAllocation],
  ['spreadsheet import', benchSpreadsheetImport],
  ['hostile upload flood', benchUploadFlood],
  ['report export', benchReportExport],
  ['web app in Chromium', benchWeb],
];

for (const [name, run] of benchmarks) {
  console.log(`# ${name}`);
  await run();
}
