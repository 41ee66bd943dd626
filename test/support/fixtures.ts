// Factories for test records.
import { UNIT_IDS } from '../../seeds/data/units.js';

export const SEEDED = {
  dic: UNIT_IDS.dic,
  yenPhong: UNIT_IDS.yenPhong,
  tuSon: UNIT_IDS.tuSon,
  education: UNIT_IDS.education,
  /** A commune of Yên Phong: Yên Phong's users act for it too. */
  choTown: UNIT_IDS.choTown,
  /** A district none of the demo users acts for. */
  luongTai: UNIT_IDS.luongTai,
};

/** The demo officer who drafts for each unit. */
export const OFFICER_OF: Record<string, string> = {
  [UNIT_IDS.yenPhong]: 'yenphong.officer',
  [UNIT_IDS.choTown]: 'yenphong.officer',
  [UNIT_IDS.tuSon]: 'tuson.officer',
  [UNIT_IDS.education]: 'education.officer',
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
