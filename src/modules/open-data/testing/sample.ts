// Sample lines and publication facts for the open-data unit tests.
import { BUDGET_LINE_HEADER, lineRecords, type PublishedLine } from '../domain/budget-lines.js';
import { csvRecord } from '../domain/csv.js';
import type { PublicationMeta } from '../domain/descriptor.js';

export function sampleLine(overrides: Partial<PublishedLine> = {}): PublishedLine {
  const line: Omit<PublishedLine, 'decided'> = {
    lineId: '6f1c2d3e-0000-4000-8000-000000000001',
    unitCode: 'BN-H-YENPHONG',
    unitName: 'UBND huyện Yên Phong',
    unitNameEn: "Yen Phong district People's Committee",
    unitKind: 'DISTRICT_COMMITTEE',
    unitBudgetLevel: 'DISTRICT',
    planAreaCode: '1.f',
    planAreaName: 'Mạng LAN, kết nối WAN',
    planAreaNameEn: 'LAN and WAN links',
    expenditureTypeCode: 'RECURRENT',
    expenditureTypeName: 'Chi thường xuyên',
    expenditureTypeNameEn: 'Recurrent',
    fundingSourceCode: 'DISTRICT',
    fundingSourceName: 'Ngân sách huyện',
    fundingSourceNameEn: 'District budget',
    activityKindCode: 'SERVICE_RENTAL',
    activityKindName: 'Thuê dịch vụ CNTT',
    activityKindNameEn: 'IT service rental',
    unitBudgetRelationCode: '1000203',
    chapterCode: '605',
    loaiKhoan: '460-463',
    mucTieuMuc: '6600-6605',
    description: 'Thuê đường truyền, "gói 12 tháng", kết nối WAN',
    requested: 60_000_000n,
    approvedNow: 45_000_000n,
    adjustmentCount: 0,
    adjustmentNet: 0n,
    executed: null,
    ...overrides,
  };
  // As the chair decided it unless a test says otherwise: the amount now less the adjustments.
  const decided = overrides.decided !== undefined ? overrides.decided : line.approvedNow === null ? null : line.approvedNow - line.adjustmentNet;
  return { ...line, decided };
}

export function sampleMeta(overrides: Partial<PublicationMeta> = {}): PublicationMeta {
  return {
    year: 2013,
    planPeriod: '2011-2015',
    decisionNumber: '2345/QĐ-UBND',
    decisionDate: '2012-12-20',
    updatedAt: '2012-12-20T03:00:00.000Z',
    publisher: { code: 'BN-PPC', name: 'UBND tỉnh Bắc Ninh', nameEn: "Bac Ninh provincial People's Committee" },
    illustrative: false,
    ...overrides,
  };
}

/** The CSV the service writes for these lines. */
export function sampleCsv(year: number, lines: readonly PublishedLine[]): string {
  return csvRecord(BUDGET_LINE_HEADER) + lines.flatMap((line) => lineRecords(year, line)).map(csvRecord).join('');
}
