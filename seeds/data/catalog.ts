// Plan catalog: plan areas (section II of Decision 14/2011/QĐ-UBND), funding sources
// (sections III and IV.2), expenditure types (section V.3–V.4) and activity kinds
// (the groupings of the "Phụ lục 04 — Dự toán chi ứng dụng CNTT" annex).

export interface PlanAreaSeed {
  code: string;
  parentCode: string | null;
  name: string;
  nameEn: string;
  sortOrder: number;
}

// Codes follow the plan's own numbering; parents come before children and
// sortOrder gives the document order across the whole tree.
export const PLAN_AREAS: readonly PlanAreaSeed[] = [
  // 1. Hạ tầng kỹ thuật
  { code: '1', parentCode: null, name: 'Hạ tầng kỹ thuật', nameEn: 'Technical infrastructure', sortOrder: 1 },
  {
    code: '1.a',
    parentCode: '1',
    name: 'Nâng cấp Trung tâm tích hợp dữ liệu và mạng diện rộng (WAN) của tỉnh',
    nameEn: 'Provincial data centre and WAN',
    sortOrder: 2,
  },
  {
    code: '1.b',
    parentCode: '1',
    name: 'Kết nối mạng WAN của Tỉnh uỷ với mạng WAN của UBND tỉnh',
    nameEn: "Link the Party committee's WAN with the PPC's WAN",
    sortOrder: 3,
  },
  {
    code: '1.c',
    parentCode: '1',
    name: 'Mạng thông tin liên kết vùng kinh tế trọng điểm Bắc Bộ',
    nameEn: 'Regional network of the northern key economic zone',
    sortOrder: 4,
  },
  {
    code: '1.d',
    parentCode: '1',
    name: 'Khu tổ hợp CNTT-TT của tỉnh',
    nameEn: 'Provincial ICT complex',
    sortOrder: 5,
  },
  {
    code: '1.e',
    parentCode: '1',
    name: 'Thay thế trang thiết bị CNTT, thiết bị mạng lạc hậu cho các cơ quan Đảng',
    nameEn: 'Replace obsolete IT equipment of Party bodies',
    sortOrder: 6,
  },
  {
    code: '1.f',
    parentCode: '1',
    name: 'Mạng LAN các đơn vị từ cấp xã đến cấp tỉnh, kết nối mạng diện rộng của tỉnh',
    nameEn: 'LANs of every unit from commune to province, linked to the provincial WAN',
    sortOrder: 7,
  },
  {
    code: '1.g',
    parentCode: '1',
    name: 'Trang thiết bị CNTT phục vụ cải cách hành chính, xây dựng chính quyền điện tử',
    nameEn: 'Equipment for departments and districts for administrative reform and e-government',
    sortOrder: 8,
  },
  {
    code: '1.h',
    parentCode: '1',
    name: 'Ứng dụng chứng thực chữ ký số',
    nameEn: 'Digital signatures (e-mail, business registration, construction permits)',
    sortOrder: 9,
  },

  // 2. Ứng dụng CNTT
  { code: '2', parentCode: null, name: 'Ứng dụng CNTT', nameEn: 'Applications', sortOrder: 10 },
  {
    code: '2.1',
    parentCode: '2',
    name: 'Ứng dụng CNTT trong các cơ quan nhà nước',
    nameEn: 'Applications inside state agencies',
    sortOrder: 11,
  },
  {
    code: '2.1.a',
    parentCode: '2.1',
    name: 'Hệ thống thư điện tử',
    nameEn: 'E-mail',
    sortOrder: 12,
  },
  {
    code: '2.1.b',
    parentCode: '2.1',
    name: 'Phần mềm dùng chung, phần mềm chuyên ngành, quản lý văn bản và hồ sơ công việc',
    nameEn: 'Shared and specialised software, document and records management',
    sortOrder: 13,
  },
  {
    code: '2.1.c',
    parentCode: '2.1',
    name: 'Hội nghị truyền hình trực tuyến',
    nameEn: 'Video conferencing',
    sortOrder: 14,
  },
  {
    code: '2.1.d',
    parentCode: '2.1',
    name: 'Số hóa các nguồn thông tin',
    nameEn: 'Digitising records',
    sortOrder: 15,
  },
  {
    code: '2.2',
    parentCode: '2',
    name: 'Ứng dụng CNTT phục vụ người dân và doanh nghiệp',
    nameEn: 'Applications for citizens and businesses',
    sortOrder: 16,
  },
  {
    code: '2.2.a',
    parentCode: '2.2',
    name: 'Cổng thông tin điện tử thành phần của các đơn vị',
    nameEn: 'Unit portals on the provincial portal',
    sortOrder: 17,
  },
  {
    code: '2.2.b',
    parentCode: '2.2',
    name: 'Dịch vụ công trực tuyến mức độ 3',
    nameEn: 'Level-3 online public services',
    sortOrder: 18,
  },
  {
    code: '2.2.c',
    parentCode: '2.2',
    name: 'Thí điểm, hỗ trợ doanh nghiệp ứng dụng phần mềm',
    nameEn: 'Pilot software support for businesses',
    sortOrder: 19,
  },
  {
    code: '2.2.d',
    parentCode: '2.2',
    name: 'Phần mềm một cửa điện tử cấp huyện',
    nameEn: 'District one-stop-shop software',
    sortOrder: 20,
  },
  {
    code: '2.2.e',
    parentCode: '2.2',
    name: 'Đối thoại trực tuyến với người dân và doanh nghiệp',
    nameEn: 'Online dialogue with citizens and businesses',
    sortOrder: 21,
  },

  // 3. Nguồn nhân lực cho ứng dụng CNTT
  { code: '3', parentCode: null, name: 'Nguồn nhân lực cho ứng dụng CNTT', nameEn: 'People', sortOrder: 22 },
  {
    code: '3.a',
    parentCode: '3',
    name: 'Đào tạo quản lý CNTT cho lãnh đạo, sử dụng phần mềm cho cán bộ, công chức',
    nameEn: 'IT management training for leaders',
    sortOrder: 23,
  },
  {
    code: '3.b',
    parentCode: '3',
    name: 'Đào tạo, bồi dưỡng cán bộ lãnh đạo thông tin (CIO)',
    nameEn: 'CIO training',
    sortOrder: 24,
  },
  {
    code: '3.c',
    parentCode: '3',
    name: 'Đội ngũ cán bộ chuyên trách CNTT',
    nameEn: 'Dedicated IT staff',
    sortOrder: 25,
  },
  {
    code: '3.d',
    parentCode: '3',
    name: 'Thu hút nguồn nhân lực CNTT chất lượng cao',
    nameEn: 'Attracting IT talent',
    sortOrder: 26,
  },
  {
    code: '3.e',
    parentCode: '3',
    name: 'Phổ cập kiến thức CNTT cho cán bộ, công chức, viên chức và người dân',
    nameEn: 'IT literacy for officials and citizens',
    sortOrder: 27,
  },
  {
    code: '3.f',
    parentCode: '3',
    name: 'Trung tâm đào tạo CNTT của tỉnh',
    nameEn: '1–2 provincial IT training centres',
    sortOrder: 28,
  },
];

export interface FundingSourceSeed {
  code: string;
  name: string;
  nameEn: string;
  budgetLevel: 'PROVINCIAL' | 'DISTRICT' | 'COMMUNE' | 'CENTRAL' | null;
  isStateBudget: boolean;
  countsTowardFloorByDefault: boolean;
  sortOrder: number;
}

export const FUNDING_SOURCES: readonly FundingSourceSeed[] = [
  {
    code: 'PROVINCIAL',
    name: 'Ngân sách tỉnh',
    nameEn: 'Provincial budget',
    budgetLevel: 'PROVINCIAL',
    isStateBudget: true,
    countsTowardFloorByDefault: true,
    sortOrder: 1,
  },
  {
    code: 'DISTRICT',
    name: 'Ngân sách huyện',
    nameEn: "District budget (the district's own IT line)",
    budgetLevel: 'DISTRICT',
    isStateBudget: true,
    countsTowardFloorByDefault: true,
    sortOrder: 2,
  },
  {
    code: 'COMMUNE',
    name: 'Ngân sách xã',
    nameEn: 'Commune budget',
    budgetLevel: 'COMMUNE',
    isStateBudget: true,
    countsTowardFloorByDefault: true,
    sortOrder: 3,
  },
  {
    code: 'CENTRAL',
    name: 'Ngân sách trung ương (chương trình, dự án trung ương)',
    nameEn: 'Central budget (central programmes)',
    budgetLevel: 'CENTRAL',
    isStateBudget: true,
    countsTowardFloorByDefault: false,
    sortOrder: 4,
  },
  {
    code: 'PROVINCIAL_SUPPORT',
    name: 'Hỗ trợ từ ngân sách tỉnh',
    nameEn: 'Support from the provincial budget',
    budgetLevel: 'PROVINCIAL',
    isStateBudget: true,
    countsTowardFloorByDefault: false,
    sortOrder: 5,
  },
  {
    code: 'CENTRAL_SUPPORT',
    name: 'Hỗ trợ từ ngân sách trung ương',
    nameEn: 'Support from the central budget',
    budgetLevel: 'CENTRAL',
    isStateBudget: true,
    countsTowardFloorByDefault: false,
    sortOrder: 6,
  },
  {
    code: 'ENTERPRISE',
    name: 'Doanh nghiệp, tổ chức, cá nhân',
    nameEn: 'Enterprises, organisations and individuals',
    budgetLevel: null,
    isStateBudget: false,
    countsTowardFloorByDefault: false,
    sortOrder: 7,
  },
  {
    code: 'FOREIGN',
    name: 'Vốn nước ngoài (đầu tư nước ngoài, ODA)',
    nameEn: 'Foreign funds (foreign investment, ODA)',
    budgetLevel: null,
    isStateBudget: false,
    countsTowardFloorByDefault: false,
    sortOrder: 8,
  },
  {
    code: 'OTHER',
    name: 'Nguồn khác',
    nameEn: 'Other sources',
    budgetLevel: null,
    isStateBudget: false,
    countsTowardFloorByDefault: false,
    sortOrder: 9,
  },
];

export interface ExpenditureTypeSeed {
  code: 'RECURRENT' | 'INVESTMENT';
  name: string;
  nameEn: string;
  balancedBy: 'DOF' | 'DPI';
  sortOrder: number;
}

export const EXPENDITURE_TYPES: readonly ExpenditureTypeSeed[] = [
  {
    code: 'RECURRENT',
    name: 'Chi thường xuyên (kinh phí sự nghiệp)',
    nameEn: 'Recurrent expenditure',
    balancedBy: 'DOF',
    sortOrder: 1,
  },
  {
    code: 'INVESTMENT',
    name: 'Chi đầu tư phát triển (vốn đầu tư)',
    nameEn: 'Development investment expenditure',
    balancedBy: 'DPI',
    sortOrder: 2,
  },
];

export interface ActivityKindSeed {
  code: string;
  name: string;
  nameEn: string;
  sortOrder: number;
}

export const ACTIVITY_KINDS: readonly ActivityKindSeed[] = [
  { code: 'PROJECT', name: 'Dự án ứng dụng CNTT', nameEn: 'IT application project', sortOrder: 1 },
  { code: 'SERVICE_RENTAL', name: 'Thuê dịch vụ CNTT', nameEn: 'IT service rental', sortOrder: 2 },
  {
    code: 'TASK_DETAILED',
    name: 'Nhiệm vụ có đề cương và dự toán chi tiết',
    nameEn: 'Task with an outline and detailed estimate',
    sortOrder: 3,
  },
  {
    code: 'TASK_SIMPLE',
    name: 'Nhiệm vụ không cần đề cương và dự toán chi tiết',
    nameEn: 'Task without an outline and detailed estimate',
    sortOrder: 4,
  },
];
