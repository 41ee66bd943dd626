// Organisation registry of Bắc Ninh province as of 2011: the provincial People's
// Committee, its departments, the 8 district-level People's Committees and a few
// communes / wards / towns of each district. Parents come before children.
//
// Id numbering (see ids.ts): 1 = PPC, 101–199 = departments, 201–208 = districts,
// 10000 + 100 × district number + n = communes of that district.
import { unitId } from './ids.js';

export type UnitKind = 'PROVINCIAL_COMMITTEE' | 'DEPARTMENT' | 'DISTRICT_COMMITTEE' | 'COMMUNE_COMMITTEE';
export type BudgetLevel = 'PROVINCIAL' | 'DISTRICT' | 'COMMUNE';
export type SpecialRole = 'PPC' | 'DIC' | 'DOF' | 'DPI';

export interface UnitSeed {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  kind: UnitKind;
  budgetLevel: BudgetLevel;
  parentId: string | null;
  specialRole: SpecialRole | null;
}

export const UNIT_IDS = {
  // Province
  ppc: unitId(1),
  // Departments and agencies of the PPC
  ppcOffice: unitId(101),
  homeAffairs: unitId(102),
  justice: unitId(103),
  dpi: unitId(104),
  dof: unitId(105),
  industryTrade: unitId(106),
  agriculture: unitId(107),
  transport: unitId(108),
  construction: unitId(109),
  naturalResources: unitId(110),
  dic: unitId(111),
  labour: unitId(112),
  culture: unitId(113),
  scienceTech: unitId(114),
  education: unitId(115),
  health: unitId(116),
  inspectorate: unitId(117),
  // District-level People's Committees
  bacNinhCity: unitId(201),
  tuSon: unitId(202),
  yenPhong: unitId(203),
  queVo: unitId(204),
  tienDu: unitId(205),
  thuanThanh: unitId(206),
  giaBinh: unitId(207),
  luongTai: unitId(208),
  // Communes used by the demo estimates
  choTown: unitId(10301),
} as const;

const U = UNIT_IDS;

const department = (
  id: string,
  code: string,
  name: string,
  nameEn: string,
  specialRole: SpecialRole | null = null,
): UnitSeed => ({
  id,
  code,
  name,
  nameEn,
  kind: 'DEPARTMENT',
  budgetLevel: 'PROVINCIAL',
  parentId: U.ppc,
  specialRole,
});

const district = (id: string, code: string, name: string, nameEn: string): UnitSeed => ({
  id,
  code,
  name,
  nameEn,
  kind: 'DISTRICT_COMMITTEE',
  budgetLevel: 'DISTRICT',
  parentId: U.ppc,
  specialRole: null,
});

const commune = (id: string, parentId: string, code: string, name: string, nameEn: string): UnitSeed => ({
  id,
  code,
  name,
  nameEn,
  kind: 'COMMUNE_COMMITTEE',
  budgetLevel: 'COMMUNE',
  parentId,
  specialRole: null,
});

export const UNITS: readonly UnitSeed[] = [
  {
    id: U.ppc,
    code: 'BN-PPC',
    name: 'UBND tỉnh Bắc Ninh',
    nameEn: "Bac Ninh provincial People's Committee",
    kind: 'PROVINCIAL_COMMITTEE',
    budgetLevel: 'PROVINCIAL',
    parentId: null,
    specialRole: 'PPC',
  },

  // ── Provincial departments and agencies ─────────────────────────────────────
  department(U.ppcOffice, 'BN-VPUBND', 'Văn phòng UBND tỉnh', "Office of the provincial People's Committee"),
  department(U.homeAffairs, 'BN-SNV', 'Sở Nội vụ', 'Department of Home Affairs'),
  department(U.justice, 'BN-STP', 'Sở Tư pháp', 'Department of Justice'),
  department(U.dpi, 'BN-SKHDT', 'Sở Kế hoạch và Đầu tư', 'Department of Planning and Investment', 'DPI'),
  department(U.dof, 'BN-STC', 'Sở Tài chính', 'Department of Finance', 'DOF'),
  department(U.industryTrade, 'BN-SCT', 'Sở Công Thương', 'Department of Industry and Trade'),
  department(
    U.agriculture,
    'BN-SNNPTNT',
    'Sở Nông nghiệp và Phát triển nông thôn',
    'Department of Agriculture and Rural Development',
  ),
  department(U.transport, 'BN-SGTVT', 'Sở Giao thông vận tải', 'Department of Transport'),
  department(U.construction, 'BN-SXD', 'Sở Xây dựng', 'Department of Construction'),
  department(
    U.naturalResources,
    'BN-STNMT',
    'Sở Tài nguyên và Môi trường',
    'Department of Natural Resources and Environment',
  ),
  department(U.dic, 'BN-STTTT', 'Sở Thông tin và Truyền thông', 'Department of Information and Communications', 'DIC'),
  department(
    U.labour,
    'BN-SLDTBXH',
    'Sở Lao động - Thương binh và Xã hội',
    'Department of Labour, Invalids and Social Affairs',
  ),
  department(U.culture, 'BN-SVHTTDL', 'Sở Văn hóa, Thể thao và Du lịch', 'Department of Culture, Sports and Tourism'),
  department(U.scienceTech, 'BN-SKHCN', 'Sở Khoa học và Công nghệ', 'Department of Science and Technology'),
  department(U.education, 'BN-SGDDT', 'Sở Giáo dục và Đào tạo', 'Department of Education and Training'),
  department(U.health, 'BN-SYT', 'Sở Y tế', 'Department of Health'),
  department(U.inspectorate, 'BN-TTRA', 'Thanh tra tỉnh', 'Provincial Inspectorate'),

  // ── District-level People's Committees (8 in 2011) ──────────────────────────
  district(U.bacNinhCity, 'BN-H-BACNINH', 'UBND thành phố Bắc Ninh', "Bac Ninh city People's Committee"),
  district(U.tuSon, 'BN-H-TUSON', 'UBND thị xã Từ Sơn', "Tu Son town People's Committee"),
  district(U.yenPhong, 'BN-H-YENPHONG', 'UBND huyện Yên Phong', "Yen Phong district People's Committee"),
  district(U.queVo, 'BN-H-QUEVO', 'UBND huyện Quế Võ', "Que Vo district People's Committee"),
  district(U.tienDu, 'BN-H-TIENDU', 'UBND huyện Tiên Du', "Tien Du district People's Committee"),
  district(U.thuanThanh, 'BN-H-THUANTHANH', 'UBND huyện Thuận Thành', "Thuan Thanh district People's Committee"),
  district(U.giaBinh, 'BN-H-GIABINH', 'UBND huyện Gia Bình', "Gia Binh district People's Committee"),
  district(U.luongTai, 'BN-H-LUONGTAI', 'UBND huyện Lương Tài', "Luong Tai district People's Committee"),

  // ── Communes, wards and towns ───────────────────────────────────────────────
  // Bắc Ninh city (district 1)
  commune(unitId(10101), U.bacNinhCity, 'BN-X-BNC-VUNINH', 'UBND phường Vũ Ninh', 'Vu Ninh ward (Bac Ninh city)'),
  commune(unitId(10102), U.bacNinhCity, 'BN-X-BNC-SUOIHOA', 'UBND phường Suối Hoa', 'Suoi Hoa ward (Bac Ninh city)'),
  commune(unitId(10103), U.bacNinhCity, 'BN-X-BNC-TIENAN', 'UBND phường Tiền An', 'Tien An ward (Bac Ninh city)'),
  commune(unitId(10104), U.bacNinhCity, 'BN-X-BNC-NINHXA', 'UBND phường Ninh Xá', 'Ninh Xa ward (Bac Ninh city)'),
  // Từ Sơn town (district 2)
  commune(unitId(10201), U.tuSon, 'BN-X-TS-DONGNGAN', 'UBND phường Đông Ngàn', 'Dong Ngan ward (Tu Son)'),
  commune(unitId(10202), U.tuSon, 'BN-X-TS-DINHBANG', 'UBND phường Đình Bảng', 'Dinh Bang ward (Tu Son)'),
  commune(unitId(10203), U.tuSon, 'BN-X-TS-CHAUKHE', 'UBND phường Châu Khê', 'Chau Khe ward (Tu Son)'),
  commune(unitId(10204), U.tuSon, 'BN-X-TS-TAMSON', 'UBND xã Tam Sơn', 'Tam Son commune (Tu Son)'),
  // Yên Phong district (district 3)
  commune(U.choTown, U.yenPhong, 'BN-X-YP-CHO', 'UBND thị trấn Chờ', 'Cho town (Yen Phong)'),
  commune(unitId(10302), U.yenPhong, 'BN-X-YP-DUNGLIET', 'UBND xã Dũng Liệt', 'Dung Liet commune (Yen Phong)'),
  commune(unitId(10303), U.yenPhong, 'BN-X-YP-TAMDA', 'UBND xã Tam Đa', 'Tam Da commune (Yen Phong)'),
  commune(unitId(10304), U.yenPhong, 'BN-X-YP-VANMON', 'UBND xã Văn Môn', 'Van Mon commune (Yen Phong)'),
  // Quế Võ district (district 4)
  commune(unitId(10401), U.queVo, 'BN-X-QV-PHOMOI', 'UBND thị trấn Phố Mới', 'Pho Moi town (Que Vo)'),
  commune(unitId(10402), U.queVo, 'BN-X-QV-PHUONGLIEU', 'UBND xã Phương Liễu', 'Phuong Lieu commune (Que Vo)'),
  commune(unitId(10403), U.queVo, 'BN-X-QV-VIETHUNG', 'UBND xã Việt Hùng', 'Viet Hung commune (Que Vo)'),
  commune(unitId(10404), U.queVo, 'BN-X-QV-BANGAN', 'UBND xã Bằng An', 'Bang An commune (Que Vo)'),
  // Tiên Du district (district 5)
  commune(unitId(10501), U.tienDu, 'BN-X-TD-LIM', 'UBND thị trấn Lim', 'Lim town (Tien Du)'),
  commune(unitId(10502), U.tienDu, 'BN-X-TD-PHATTICH', 'UBND xã Phật Tích', 'Phat Tich commune (Tien Du)'),
  commune(unitId(10503), U.tienDu, 'BN-X-TD-NOIDUE', 'UBND xã Nội Duệ', 'Noi Due commune (Tien Du)'),
  commune(unitId(10504), U.tienDu, 'BN-X-TD-HOANSON', 'UBND xã Hoàn Sơn', 'Hoan Son commune (Tien Du)'),
  // Thuận Thành district (district 6)
  commune(unitId(10601), U.thuanThanh, 'BN-X-TT-HO', 'UBND thị trấn Hồ', 'Ho town (Thuan Thanh)'),
  commune(unitId(10602), U.thuanThanh, 'BN-X-TT-XUANLAM', 'UBND xã Xuân Lâm', 'Xuan Lam commune (Thuan Thanh)'),
  commune(unitId(10603), U.thuanThanh, 'BN-X-TT-GIADONG', 'UBND xã Gia Đông', 'Gia Dong commune (Thuan Thanh)'),
  commune(unitId(10604), U.thuanThanh, 'BN-X-TT-SONGHO', 'UBND xã Song Hồ', 'Song Ho commune (Thuan Thanh)'),
  // Gia Bình district (district 7)
  commune(unitId(10701), U.giaBinh, 'BN-X-GB-GIABINH', 'UBND thị trấn Gia Bình', 'Gia Binh town (Gia Binh)'),
  commune(unitId(10702), U.giaBinh, 'BN-X-GB-DAIBAI', 'UBND xã Đại Bái', 'Dai Bai commune (Gia Binh)'),
  commune(unitId(10703), U.giaBinh, 'BN-X-GB-NHANTHANG', 'UBND xã Nhân Thắng', 'Nhan Thang commune (Gia Binh)'),
  commune(unitId(10704), U.giaBinh, 'BN-X-GB-QUYNHPHU', 'UBND xã Quỳnh Phú', 'Quynh Phu commune (Gia Binh)'),
  // Lương Tài district (district 8)
  commune(unitId(10801), U.luongTai, 'BN-X-LT-THUA', 'UBND thị trấn Thứa', 'Thua town (Luong Tai)'),
  commune(unitId(10802), U.luongTai, 'BN-X-LT-QUANGPHU', 'UBND xã Quảng Phú', 'Quang Phu commune (Luong Tai)'),
  commune(unitId(10803), U.luongTai, 'BN-X-LT-LAMTHAO', 'UBND xã Lâm Thao', 'Lam Thao commune (Luong Tai)'),
  commune(unitId(10804), U.luongTai, 'BN-X-LT-ANTHINH', 'UBND xã An Thịnh', 'An Thinh commune (Luong Tai)'),
];
