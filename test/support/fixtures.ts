// Factories for test records.
import { UNIT_IDS } from '../../seeds/data/units.js';

export const SEEDED = {
  dic: UNIT_IDS.dic,
  yenPhong: UNIT_IDS.yenPhong,
  tuSon: UNIT_IDS.tuSon,
  /** A seeded unit that has no demo estimate. */
  luongTai: UNIT_IDS.luongTai,
};

export function lineBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    planAreaCode: '1.f',
    expenditureTypeCode: 'INVESTMENT',
    fundingSourceCode: 'DISTRICT',
    activityKindCode: 'PROJECT',
    description: 'Xây dựng mạng LAN kết nối WAN tỉnh',
    measureUnit: 'hệ thống',
    quantity: '2.5',
    unitPrice: '120000001',
    ...overrides,
  };
}
