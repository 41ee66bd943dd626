// Demo users, one or more for every role. Loaded only outside production; their shared password
// is printed by `npm start` in development.
import { userId } from './ids.js';
import { UNIT_IDS as U } from './units.js';

export type DemoRole = 'UNIT_OFFICER' | 'UNIT_HEAD' | 'DIC_REVIEWER' | 'DOF_OFFICER' | 'DPI_OFFICER' | 'CHAIR' | 'ADMIN' | 'AUDITOR';

export interface DemoUserSeed {
  id: string;
  username: string;
  fullName: string;
  role: DemoRole;
  unitId: string;
}

export const DEMO_PASSWORD = 'itbudget-demo';

export const DEMO_USERS: readonly DemoUserSeed[] = [
  { id: userId(1), username: 'admin', fullName: 'Quản trị hệ thống', role: 'ADMIN', unitId: U.ppcOffice },
  { id: userId(2), username: 'chair', fullName: 'Chủ tịch UBND tỉnh', role: 'CHAIR', unitId: U.ppc },
  { id: userId(3), username: 'dic.reviewer', fullName: 'Chuyên viên Sở TT&TT', role: 'DIC_REVIEWER', unitId: U.dic },
  { id: userId(4), username: 'dof.officer', fullName: 'Chuyên viên Sở Tài chính', role: 'DOF_OFFICER', unitId: U.dof },
  { id: userId(5), username: 'dpi.officer', fullName: 'Chuyên viên Sở KH&ĐT', role: 'DPI_OFFICER', unitId: U.dpi },
  { id: userId(6), username: 'auditor', fullName: 'Thanh tra viên', role: 'AUDITOR', unitId: U.inspectorate },
  { id: userId(11), username: 'yenphong.officer', fullName: 'Cán bộ UBND huyện Yên Phong', role: 'UNIT_OFFICER', unitId: U.yenPhong },
  { id: userId(12), username: 'yenphong.head', fullName: 'Chủ tịch UBND huyện Yên Phong', role: 'UNIT_HEAD', unitId: U.yenPhong },
  { id: userId(13), username: 'tuson.officer', fullName: 'Cán bộ UBND thị xã Từ Sơn', role: 'UNIT_OFFICER', unitId: U.tuSon },
  { id: userId(14), username: 'tuson.head', fullName: 'Chủ tịch UBND thị xã Từ Sơn', role: 'UNIT_HEAD', unitId: U.tuSon },
  { id: userId(15), username: 'education.officer', fullName: 'Cán bộ Sở GD&ĐT', role: 'UNIT_OFFICER', unitId: U.education },
  { id: userId(16), username: 'education.head', fullName: 'Giám đốc Sở GD&ĐT', role: 'UNIT_HEAD', unitId: U.education },
  { id: userId(17), username: 'cho.officer', fullName: 'Cán bộ UBND thị trấn Chờ', role: 'UNIT_OFFICER', unitId: U.choTown },
];
