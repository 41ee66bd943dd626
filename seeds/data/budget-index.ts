// The state budget index (Mục lục ngân sách nhà nước) as dated data: the two editions that govern
// the plan's years and after, and the codes IT lines use. Every code row says how far it was
// verified (`TEXT`: read in the document's own text; `SECONDARY`: seen in a secondary public
// source; `UNVERIFIED`: not found in any source available here, kept so that lines can be
// classified, and shown as such by the API). What was checked, and where: src/modules/catalog/README.md.
import type { BudgetIndexEdition, Verification } from '../../src/modules/catalog/budget-index.js';
import { UNITS } from './units.js';

export const QD33 = 'QD33-2008';
export const TT324 = 'TT324-2016';

// vbpl.vn full text of Thông tư 324/2016/TT-BTC (mirrored in the public repository
// leanhvu-ktnn/DANANG_CQ2Cap_KTNN, 04-Vanbanquydinh/TW/Thong_tu/2016/324-2016-TT-BTC/toan-van.md).
const TT324_TEXT = 'Thông tư 324/2016/TT-BTC, toàn văn (vbpl.vn, id 158220)';

export const BUDGET_INDEX_EDITIONS: readonly BudgetIndexEdition[] = [
  {
    code: QD33,
    document: 'Quyết định 33/2008/QĐ-BTC',
    title: 'Hệ thống mục lục ngân sách nhà nước (ban hành ngày 02/6/2008) và các văn bản sửa đổi, bổ sung',
    titleEn: 'State budget index (2 June 2008) with its amendments',
    // From: the budget year after its issue (not verified in its own text here). To: 2017, because
    // Thông tư 324/2016 Art. 8.1.a keeps budget year 2017 under this decision.
    validFromYear: 2009,
    validToYear: 2017,
    source: `${TT324_TEXT}, Điều 8 khoản 1 điểm a (năm ngân sách 2017 theo QĐ 33/2008) và khoản 3 (thay thế QĐ 33/2008); năm bắt đầu 2009 chưa kiểm chứng / start year not verified`,
  },
  {
    code: TT324,
    document: 'Thông tư 324/2016/TT-BTC',
    title: 'Quy định Hệ thống mục lục ngân sách nhà nước (ban hành ngày 21/12/2016, hiệu lực 04/02/2017)',
    titleEn: 'State budget index (21 December 2016, in force 4 February 2017)',
    // Art. 8.1: applies from budget year 2017, but 2017 itself follows QĐ 33/2008 (8.1.a); uniformly
    // from budget year 2018 (8.1.b). Replaced by Thông tư 130/2025/TT-BTC from budget year 2026.
    validFromYear: 2018,
    validToYear: 2025,
    source: `${TT324_TEXT}, Điều 8 khoản 1 điểm b (thống nhất từ năm ngân sách 2018); hết hiệu lực 01/01/2026, thay bằng Thông tư 130/2025/TT-BTC (nguồn thứ cấp / secondary source)`,
  },
];

export interface ChapterSeed {
  editionCode: string;
  code: string;
  name: string;
  nameEn: string;
  verification: Verification;
  note: string;
}

export interface SectorItemSeed {
  editionCode: string;
  loai: string;
  khoan: string;
  loaiName: string;
  name: string;
  nameEn: string;
  verification: Verification;
  note: string;
}

export interface EconomicItemSeed {
  editionCode: string;
  muc: string;
  tieuMuc: string;
  mucName: string;
  name: string;
  nameEn: string;
  verification: Verification;
  note: string;
}

const CHAPTER_NOTE =
  'Số chương ILLUSTRATIVE: nằm trong khoảng của cấp quản lý (TT 324/2016 Điều 2.2.a), chưa đối chiếu Phụ lục I / ' +
  "illustrative number inside the level's range (verified); the unit's actual chapter in Annex I is not verified";

/** Chapters the seeded units use, the same numbers in both editions (all unverified but for the range). */
const CHAPTERS: readonly { code: string; name: string; nameEn: string }[] = [
  { code: '405', name: 'Văn phòng Ủy ban nhân dân tỉnh', nameEn: "Office of the provincial People's Committee" },
  { code: '410', name: 'Sở Nội vụ', nameEn: 'Department of Home Affairs' },
  { code: '411', name: 'Sở Tư pháp', nameEn: 'Department of Justice' },
  { code: '412', name: 'Sở Kế hoạch và Đầu tư', nameEn: 'Department of Planning and Investment' },
  { code: '418', name: 'Sở Tài chính', nameEn: 'Department of Finance' },
  { code: '416', name: 'Sở Công Thương', nameEn: 'Department of Industry and Trade' },
  { code: '413', name: 'Sở Nông nghiệp và Phát triển nông thôn', nameEn: 'Department of Agriculture and Rural Development' },
  { code: '419', name: 'Sở Giao thông vận tải', nameEn: 'Department of Transport' },
  { code: '420', name: 'Sở Xây dựng', nameEn: 'Department of Construction' },
  { code: '421', name: 'Sở Tài nguyên và Môi trường', nameEn: 'Department of Natural Resources and Environment' },
  { code: '437', name: 'Sở Thông tin và Truyền thông', nameEn: 'Department of Information and Communications' },
  { code: '424', name: 'Sở Lao động - Thương binh và Xã hội', nameEn: 'Department of Labour, Invalids and Social Affairs' },
  { code: '425', name: 'Sở Văn hóa, Thể thao và Du lịch', nameEn: 'Department of Culture, Sports and Tourism' },
  { code: '426', name: 'Sở Khoa học và Công nghệ', nameEn: 'Department of Science and Technology' },
  { code: '422', name: 'Sở Giáo dục và Đào tạo', nameEn: 'Department of Education and Training' },
  { code: '423', name: 'Sở Y tế', nameEn: 'Department of Health' },
  { code: '427', name: 'Thanh tra tỉnh', nameEn: 'Provincial Inspectorate' },
  { code: '605', name: 'Ủy ban nhân dân cấp huyện', nameEn: "District-level People's Committees" },
  { code: '805', name: 'Ủy ban nhân dân cấp xã', nameEn: "Commune-level People's Committees" },
];

export const BUDGET_CHAPTERS: readonly ChapterSeed[] = BUDGET_INDEX_EDITIONS.flatMap((edition) =>
  CHAPTERS.map((chapter) => ({ editionCode: edition.code, ...chapter, verification: 'UNVERIFIED' as const, note: CHAPTER_NOTE })),
);

export const BUDGET_SECTOR_ITEMS: readonly SectorItemSeed[] = [
  {
    editionCode: QD33,
    loai: '460',
    khoan: '463',
    loaiName: 'Quản lý hành chính',
    name: 'Quản lý nhà nước',
    nameEn: 'State administration',
    verification: 'UNVERIFIED',
    note: 'Mã Loại 460 / Khoản 463 theo trí nhớ nghiệp vụ, chưa tìm được Phụ lục của QĐ 33/2008 để đối chiếu / not checked against the decision\'s annex',
  },
  {
    editionCode: TT324,
    loai: '280',
    khoan: '314',
    loaiName: 'Các hoạt động kinh tế',
    name: 'Công nghệ thông tin',
    nameEn: 'Information technology',
    verification: 'UNVERIFIED',
    note:
      `Loại 280 "Các hoạt động kinh tế" gồm công nghệ thông tin: ${TT324_TEXT}, Điều 3.3.k (TEXT); Khoản trong 281–339 (Điều 3.2: 60 giá trị). ` +
      'Số Khoản 314 lấy từ đề bài, chưa đối chiếu Phụ lục II / Khoản 314 itself not checked against Annex II',
  },
  {
    editionCode: TT324,
    loai: '340',
    khoan: '341',
    loaiName: 'Hoạt động của các cơ quan quản lý nhà nước, Đảng, đoàn thể',
    name: 'Quản lý nhà nước',
    nameEn: 'State administration',
    verification: 'SECONDARY',
    note: `Loại 340: ${TT324_TEXT}, Điều 3.3.l (TEXT); Khoản 341 "Quản lý hành chính": mã nguồn công khai ThanhBinh3000/qlnv-front-end (thứ cấp / secondary)`,
  },
];

const MUC_NOTE =
  'Mã Mục và tên các tiểu mục: hướng dẫn điều tra vốn đầu tư của Tổng cục Thống kê (phiếu 06/VĐTSTC, dẫn cả QĐ 33/2008 và TT 324/2016; nguồn thứ cấp). ' +
  'Số Tiểu mục chưa đối chiếu Phụ lục III / Mục codes and sub-item titles from a GSO survey guide (secondary); the Tiểu mục digits are not verified';
const UNVERIFIED_NOTE = 'Mã Mục và Tiểu mục chưa đối chiếu Phụ lục III / neither the Mục nor the Tiểu mục code is verified';

/** The same economic items in both editions (the Mục codes were kept across the two; the digits are not verified). */
const ECONOMIC_ITEMS: readonly Omit<EconomicItemSeed, 'editionCode'>[] = [
  {
    muc: '6900',
    tieuMuc: '6912',
    mucName: 'Sửa chữa, duy tu tài sản phục vụ công tác chuyên môn',
    name: 'Thiết bị tin học',
    nameEn: 'Repair and maintenance of IT equipment',
    verification: 'SECONDARY',
    note: MUC_NOTE,
  },
  {
    muc: '6900',
    tieuMuc: '6917',
    mucName: 'Sửa chữa, duy tu tài sản phục vụ công tác chuyên môn',
    name: 'Bảo trì và hoàn thiện phần mềm máy tính',
    nameEn: 'Maintenance and completion of software',
    verification: 'SECONDARY',
    note: MUC_NOTE,
  },
  {
    muc: '9000',
    tieuMuc: '9003',
    mucName: 'Mua, đầu tư tài sản vô hình',
    name: 'Mua phần mềm máy tính',
    nameEn: 'Purchase of software',
    verification: 'SECONDARY',
    note: MUC_NOTE,
  },
  {
    muc: '9000',
    tieuMuc: '9004',
    mucName: 'Mua, đầu tư tài sản vô hình',
    name: 'Đầu tư, xây dựng phần mềm máy tính',
    nameEn: 'Development of software',
    verification: 'SECONDARY',
    note: MUC_NOTE,
  },
  {
    muc: '9050',
    tieuMuc: '9062',
    mucName: 'Mua sắm tài sản dùng cho công tác chuyên môn',
    name: 'Thiết bị tin học',
    nameEn: 'Purchase of IT equipment',
    verification: 'SECONDARY',
    note: MUC_NOTE,
  },
  {
    muc: '6750',
    tieuMuc: '6754',
    mucName: 'Chi phí thuê mướn',
    name: 'Thuê thiết bị các loại',
    nameEn: 'Rental of equipment',
    verification: 'UNVERIFIED',
    note: UNVERIFIED_NOTE,
  },
  {
    muc: '6750',
    tieuMuc: '6799',
    mucName: 'Chi phí thuê mướn',
    name: 'Chi phí thuê mướn khác',
    nameEn: 'Other rentals and services',
    verification: 'UNVERIFIED',
    note: UNVERIFIED_NOTE,
  },
  {
    muc: '6600',
    tieuMuc: '6605',
    mucName: 'Thông tin, tuyên truyền, liên lạc',
    name: 'Thuê bao đường truyền, cước phí Internet',
    nameEn: 'Leased lines and Internet charges',
    verification: 'UNVERIFIED',
    note: UNVERIFIED_NOTE,
  },
  {
    muc: '7000',
    tieuMuc: '7049',
    mucName: 'Chi phí nghiệp vụ chuyên môn của từng ngành',
    name: 'Chi phí khác',
    nameEn: 'Other professional expenses (training, content)',
    verification: 'UNVERIFIED',
    note: UNVERIFIED_NOTE,
  },
];

export const BUDGET_ECONOMIC_ITEMS: readonly EconomicItemSeed[] = BUDGET_INDEX_EDITIONS.flatMap((edition) =>
  ECONOMIC_ITEMS.map((item) => ({ editionCode: edition.code, ...item })),
);

/** The chapter of each seeded provincial unit by unit code; districts and communes share one per level. */
const PROVINCIAL_CHAPTERS: Record<string, string> = {
  'BN-PPC': '405',
  'BN-VPUBND': '405',
  'BN-SNV': '410',
  'BN-STP': '411',
  'BN-SKHDT': '412',
  'BN-STC': '418',
  'BN-SCT': '416',
  'BN-SNNPTNT': '413',
  'BN-SGTVT': '419',
  'BN-SXD': '420',
  'BN-STNMT': '421',
  'BN-STTTT': '437',
  'BN-SLDTBXH': '424',
  'BN-SVHTTDL': '425',
  'BN-SKHCN': '426',
  'BN-SGDDT': '422',
  'BN-SYT': '423',
  'BN-TTRA': '427',
};

/**
 * ILLUSTRATIVE budget-relationship codes (7 digits, the format of Thông tư 185/2015/TT-BTC): "1"
 * followed by the unit's seed number, not the units' real codes (which are not public here).
 */
export const UNIT_CLASSIFICATION: readonly { unitId: string; chapterCode: string; budgetRelationCode: string }[] = UNITS.map((unit) => ({
  unitId: unit.id,
  chapterCode: unit.budgetLevel === 'PROVINCIAL' ? PROVINCIAL_CHAPTERS[unit.code] : unit.budgetLevel === 'DISTRICT' ? '605' : '805',
  budgetRelationCode: `1${unit.id.slice(-6)}`,
}));
