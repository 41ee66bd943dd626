// The progress workbook of the tests and fixtures: two targets and three lines (one of 18 digits).
import type { ProgressWorkbookContext } from '../progress-workbook.js';

/** Written by writeProgressWorkbook for the tests and test/fixtures/xlsx/progress/. */
export const PROGRESS_CONTEXT: ProgressWorkbookContext = {
  unitName: 'UBND huyện Yên Phong',
  unitCode: 'BN-H-YENPHONG',
  year: 2012,
  half: 1,
  reportId: '00000000-0000-4000-8000-000000000001',
  version: 3,
  targets: [
    { code: 'EMAIL-DAILY', indicator: 'Email', aggregation: 'RATIO_OF_SUMS', numeratorLabel: 'dùng', denominatorLabel: 'tổng', numerator: 90n, denominator: 100n, achieved: null, note: '' },
    { code: 'LAN-WAN', indicator: 'LAN', aggregation: 'SHARE_OF_UNITS', numeratorLabel: null, denominatorLabel: null, numerator: null, denominator: null, achieved: true, note: 'cáp quang' },
  ],
  lines: [
    { lineNo: 1, description: 'LAN', planAreaCode: '1.f', fundingSourceCode: 'DISTRICT', expenditureTypeCode: 'INVESTMENT', approved: 780000000n, disbursed: 500000000n, overrunReason: null },
    // 18 digits: written and read back as text, never through a float.
    { lineNo: 2, description: 'Big', planAreaCode: '1.a', fundingSourceCode: 'PROVINCIAL', expenditureTypeCode: 'INVESTMENT', approved: 999999999999999999n, disbursed: 123456789012345678n, overrunReason: null },
    { lineNo: 3, description: 'Not yet', planAreaCode: '3.e', fundingSourceCode: 'DISTRICT', expenditureTypeCode: 'RECURRENT', approved: 78000000n, disbursed: null, overrunReason: null },
  ],
};
