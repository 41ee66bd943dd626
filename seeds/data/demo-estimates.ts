// ILLUSTRATIVE annual IT estimates for fiscal year 2012 (marked illustrative in the
// database). Descriptions, quantities and prices are plausible for Vietnam in 2012,
// not figures from real estimates.
//
// A line's requested (year-N) amount is quantity × unitPrice, rounded half-up to the
// đồng. For continuing multi-year projects (part A of the annex) the multi-year total
// equals fundedToPrev2 + prevYearExpected + the year-N amount + projectionNext1 +
// projectionNext2.
import { estimateId, estimateLineId } from './ids.js';
import { UNIT_IDS } from './units.js';

export interface DemoLineSeed {
  id: string;
  lineNo: number;
  isContinuing: boolean;
  planAreaCode: string;
  expenditureTypeCode: 'RECURRENT' | 'INVESTMENT';
  fundingSourceCode: string;
  activityKindCode: string;
  description: string;
  measureUnit: string;
  quantity: string;
  unitPrice: string;
  multiYearTotal: string | null;
  fundedToPrev2: string | null;
  prevYearEstimate: string | null;
  prevYearExpected: string | null;
  projectionNext1: string | null;
  projectionNext2: string | null;
  priorityTier: number;
  committedMinimum: string;
  justification: string;
  /** State budget index codes ("LLL-KKK", "MMMM-TTTT") valid in the demo year (Quyết định 33/2008/QĐ-BTC). */
  loaiKhoan: string;
  mucTieuMuc: string;
}

export interface DemoEstimateSeed {
  id: string;
  unitId: string;
  year: number;
  lines: readonly DemoLineSeed[];
}

export const DEMO_YEAR = 2012;

type OptionalLineField =
  | 'isContinuing'
  | 'multiYearTotal'
  | 'fundedToPrev2'
  | 'prevYearEstimate'
  | 'prevYearExpected'
  | 'projectionNext1'
  | 'projectionNext2'
  | 'committedMinimum';

type LineInput = Omit<DemoLineSeed, 'id' | 'lineNo' | 'loaiKhoan' | 'mucTieuMuc' | OptionalLineField> &
  Partial<Pick<DemoLineSeed, OptionalLineField>>;

/** Loại-Khoản of every demo line: state administration under the index in force in 2012 (QĐ 33/2008). */
const DEMO_LOAI_KHOAN = '460-463';

/**
 * The Mục-Tiểu mục of a demo line, by what it buys: software built or bought, IT equipment, leased
 * lines, rentals and maintenance, or other professional expenses (training, content).
 */
export function demoMucTieuMuc(line: Pick<LineInput, 'expenditureTypeCode' | 'activityKindCode' | 'description'>): string {
  const text = line.description.toLowerCase();
  const software = /phần mềm|dịch vụ công|một cửa|văn bản|chữ ký số|số hoá|cổng thông tin|trang thông tin/.test(text);
  if (line.expenditureTypeCode === 'INVESTMENT') return software ? '9000-9004' : '9050-9062';
  if (/bảo trì/.test(text)) return '6900-6917';
  if (line.activityKindCode === 'SERVICE_RENTAL') return /đường truyền|internet/.test(text) ? '6600-6605' : '6750-6799';
  if (/mua sắm|mạng lan/.test(text)) return '9050-9062';
  return '7000-7049';
}

// Estimate n gets id estimateId(n); its line k gets id estimateLineId(100 × n + k)
// and lineNo k (1-based, in the order given).
const estimate = (n: number, unitId: string, lines: readonly LineInput[]): DemoEstimateSeed => ({
  id: estimateId(n),
  unitId,
  year: DEMO_YEAR,
  lines: lines.map(
    (l, i): DemoLineSeed => ({
      id: estimateLineId(100 * n + i + 1),
      lineNo: i + 1,
      isContinuing: false,
      multiYearTotal: null,
      fundedToPrev2: null,
      prevYearEstimate: null,
      prevYearExpected: null,
      projectionNext1: null,
      projectionNext2: null,
      committedMinimum: '0',
      loaiKhoan: DEMO_LOAI_KHOAN,
      mucTieuMuc: demoMucTieuMuc(l),
      ...l,
    }),
  ),
});

export const DEMO_ESTIMATES: readonly DemoEstimateSeed[] = [
  // ── 1. Sở Thông tin và Truyền thông (DIC) ───────────────────────────────────
  estimate(1, UNIT_IDS.dic, [
    {
      isContinuing: true,
      planAreaCode: '1.a',
      expenditureTypeCode: 'INVESTMENT',
      fundingSourceCode: 'PROVINCIAL',
      activityKindCode: 'PROJECT',
      description: 'Nâng cấp Trung tâm tích hợp dữ liệu tỉnh Bắc Ninh (giai đoạn 2011–2013)',
      measureUnit: 'dự án',
      quantity: '1',
      unitPrice: '6500000000', // 6,5 tỷ
      multiYearTotal: '15800000000',
      fundedToPrev2: '350000000',
      prevYearEstimate: '5000000000',
      prevYearExpected: '4850000000',
      projectionNext1: '4100000000',
      projectionNext2: null,
      priorityTier: 1,
      committedMinimum: '4000000000',
      justification:
        'Dự án chuyển tiếp đã được phê duyệt; hợp đồng thiết bị giai đoạn 2 đã ký. Mục II.1.a Kế hoạch 2011–2015.',
    },
    {
      planAreaCode: '1.h',
      expenditureTypeCode: 'INVESTMENT',
      fundingSourceCode: 'PROVINCIAL',
      activityKindCode: 'PROJECT',
      description: 'Triển khai chứng thực chữ ký số cho hệ thống thư điện tử của tỉnh',
      measureUnit: 'hệ thống',
      quantity: '1',
      unitPrice: '1850000000',
      projectionNext1: '350000000',
      priorityTier: 2,
      justification: 'Ứng dụng chữ ký số cho thư điện tử công vụ, đăng ký kinh doanh, cấp phép xây dựng (mục II.1.h).',
    },
    {
      planAreaCode: '1.a',
      expenditureTypeCode: 'RECURRENT',
      fundingSourceCode: 'PROVINCIAL',
      activityKindCode: 'SERVICE_RENTAL',
      description: 'Thuê đường truyền cáp quang kết nối mạng WAN của tỉnh (28 điểm)',
      measureUnit: 'tháng',
      quantity: '12',
      unitPrice: '42000000',
      prevYearEstimate: '480000000',
      prevYearExpected: '480000000',
      projectionNext1: '530000000',
      projectionNext2: '550000000',
      priorityTier: 1,
      committedMinimum: '252000000',
      justification: 'Duy trì kết nối mạng diện rộng giữa các sở, ngành và UBND cấp huyện; hợp đồng 6 tháng đầu năm đã ký.',
    },
    {
      planAreaCode: '3.b',
      expenditureTypeCode: 'RECURRENT',
      fundingSourceCode: 'PROVINCIAL',
      activityKindCode: 'TASK_DETAILED',
      description: 'Đào tạo, bồi dưỡng cán bộ lãnh đạo thông tin (CIO) các sở, ngành, huyện',
      measureUnit: 'lớp',
      quantity: '2',
      unitPrice: '85000000',
      projectionNext1: '170000000',
      priorityTier: 2,
      justification: 'Mục II.3.b: cán bộ lãnh đạo thông tin được đào tạo về quản lý, điều hành dự án CNTT.',
    },
    {
      planAreaCode: '2.2.e',
      expenditureTypeCode: 'RECURRENT',
      fundingSourceCode: 'PROVINCIAL',
      activityKindCode: 'TASK_SIMPLE',
      description: 'Tổ chức đối thoại trực tuyến với người dân và doanh nghiệp trên Cổng thông tin điện tử tỉnh',
      measureUnit: 'buổi',
      quantity: '4',
      unitPrice: '25000000',
      priorityTier: 3,
      justification: 'Mục II.2.2.e: định kỳ đối thoại trực tuyến về các lĩnh vực quản lý nhà nước.',
    },
    {
      planAreaCode: '2.2.b',
      expenditureTypeCode: 'INVESTMENT',
      fundingSourceCode: 'CENTRAL',
      activityKindCode: 'PROJECT',
      description: 'Xây dựng 10 dịch vụ công trực tuyến mức độ 3 (Chương trình quốc gia theo Quyết định 1605/QĐ-TTg)',
      measureUnit: 'dịch vụ',
      quantity: '10',
      unitPrice: '120000000',
      priorityTier: 2,
      justification: 'Đề nghị Trung ương bố trí vốn theo Chương trình quốc gia ứng dụng CNTT giai đoạn 2011–2015.',
    },
  ]),

  // ── 2. Sở Tài chính (DOF) ───────────────────────────────────────────────────
  estimate(2, UNIT_IDS.dof, [
    {
      isContinuing: true,
      planAreaCode: '2.1.b',
      expenditureTypeCode: 'INVESTMENT',
      fundingSourceCode: 'PROVINCIAL',
      activityKindCode: 'PROJECT',
      description: 'Phần mềm quản lý ngân sách và tài sản công tỉnh Bắc Ninh',
      measureUnit: 'dự án',
      quantity: '1',
      unitPrice: '1250000000',
      multiYearTotal: '3200000000',
      fundedToPrev2: '400000000',
      prevYearEstimate: '1200000000',
      prevYearExpected: '1150000000',
      projectionNext1: '400000000',
      projectionNext2: null,
      priorityTier: 1,
      committedMinimum: '600000000',
      justification: 'Dự án chuyển tiếp; hoàn thành triển khai đến các phòng Tài chính - Kế hoạch cấp huyện.',
    },
    {
      planAreaCode: '1.g',
      expenditureTypeCode: 'RECURRENT',
      fundingSourceCode: 'PROVINCIAL',
      activityKindCode: 'TASK_DETAILED',
      description: 'Mua sắm máy tính cho cán bộ, công chức',
      measureUnit: 'bộ',
      quantity: '25',
      unitPrice: '12000000',
      priorityTier: 2,
      justification: 'Thay thế máy tính trang bị từ năm 2005; mục tiêu 1 máy tính/cán bộ, công chức.',
    },
    {
      planAreaCode: '1.g',
      expenditureTypeCode: 'RECURRENT',
      fundingSourceCode: 'PROVINCIAL',
      activityKindCode: 'TASK_SIMPLE',
      description: 'Mua sắm máy in laser khổ A4',
      measureUnit: 'chiếc',
      quantity: '10',
      unitPrice: '4500000',
      priorityTier: 3,
      justification: 'Bổ sung máy in cho các phòng nghiệp vụ.',
    },
    {
      planAreaCode: '2.1.b',
      expenditureTypeCode: 'RECURRENT',
      fundingSourceCode: 'PROVINCIAL',
      activityKindCode: 'SERVICE_RENTAL',
      description: 'Thuê dịch vụ bảo trì hệ thống máy chủ và phần mềm quản lý ngân sách',
      measureUnit: 'tháng',
      quantity: '12',
      unitPrice: '15000000',
      prevYearEstimate: '150000000',
      prevYearExpected: '150000000',
      projectionNext1: '180000000',
      projectionNext2: '190000000',
      priorityTier: 2,
      justification: 'Bảo đảm vận hành liên tục hệ thống phục vụ lập, chấp hành và quyết toán ngân sách.',
    },
  ]),

  // ── 3. Sở Giáo dục và Đào tạo ───────────────────────────────────────────────
  estimate(3, UNIT_IDS.education, [
    {
      planAreaCode: '3.e',
      expenditureTypeCode: 'RECURRENT',
      fundingSourceCode: 'PROVINCIAL',
      activityKindCode: 'TASK_DETAILED',
      description: 'Bồi dưỡng kỹ năng ứng dụng CNTT cho giáo viên các trường THPT',
      measureUnit: 'lớp',
      quantity: '12',
      unitPrice: '32000000',
      projectionNext1: '384000000',
      projectionNext2: '384000000',
      priorityTier: 2,
      justification: 'Mục V.8: đẩy mạnh ứng dụng CNTT trong trường học; phổ cập kiến thức CNTT (mục II.3.e).',
    },
    {
      planAreaCode: '2.1.b',
      expenditureTypeCode: 'INVESTMENT',
      fundingSourceCode: 'PROVINCIAL',
      activityKindCode: 'PROJECT',
      description: 'Phần mềm quản lý hồ sơ học sinh, giáo viên dùng chung toàn ngành giáo dục',
      measureUnit: 'hệ thống',
      quantity: '1',
      unitPrice: '950000000',
      priorityTier: 2,
      justification: 'Phần mềm chuyên ngành dùng chung cho Sở và 8 phòng Giáo dục và Đào tạo.',
    },
    {
      planAreaCode: '2.1.c',
      expenditureTypeCode: 'RECURRENT',
      fundingSourceCode: 'PROVINCIAL',
      activityKindCode: 'SERVICE_RENTAL',
      description: 'Thuê dịch vụ hội nghị truyền hình trực tuyến với các phòng Giáo dục và Đào tạo',
      measureUnit: 'tháng',
      quantity: '12',
      unitPrice: '9500000',
      priorityTier: 3,
      justification: 'Giảm chi phí hội họp, tăng hiệu quả chỉ đạo điều hành (mục II.2.1.c).',
    },
    {
      planAreaCode: '1.f',
      expenditureTypeCode: 'RECURRENT',
      fundingSourceCode: 'ENTERPRISE',
      activityKindCode: 'SERVICE_RENTAL',
      description: 'Kết nối Internet băng rộng cho các trường học (doanh nghiệp viễn thông tài trợ)',
      measureUnit: 'trường',
      quantity: '48',
      unitPrice: '6600000',
      priorityTier: 3,
      justification: 'Huy động kinh phí doanh nghiệp theo mục III.4 của Kế hoạch.',
    },
  ]),

  // ── 4. Sở Nội vụ ────────────────────────────────────────────────────────────
  estimate(4, UNIT_IDS.homeAffairs, [
    {
      isContinuing: true,
      planAreaCode: '2.1.d',
      expenditureTypeCode: 'INVESTMENT',
      fundingSourceCode: 'PROVINCIAL',
      activityKindCode: 'PROJECT',
      description: 'Số hoá hồ sơ lưu trữ tại Trung tâm Lưu trữ tỉnh (giai đoạn 2011–2013)',
      measureUnit: 'trang',
      quantity: '350000',
      unitPrice: '1800',
      multiYearTotal: '2015000000',
      fundedToPrev2: '150000000',
      prevYearEstimate: '600000000',
      prevYearExpected: '585000000',
      projectionNext1: '650000000',
      projectionNext2: null,
      priorityTier: 1,
      committedMinimum: '300000000',
      justification: 'Dự án chuyển tiếp; số hoá tài liệu lưu trữ theo thứ tự ưu tiên (mục II.2.1.d).',
    },
    {
      planAreaCode: '3.a',
      expenditureTypeCode: 'RECURRENT',
      fundingSourceCode: 'PROVINCIAL',
      activityKindCode: 'TASK_DETAILED',
      description: 'Đào tạo kỹ năng CNTT cho cán bộ, công chức làm công tác cải cách hành chính',
      measureUnit: 'lớp',
      quantity: '4',
      unitPrice: '28500000',
      priorityTier: 2,
      justification: 'Mục V.6: ứng dụng CNTT thực hiện chương trình cải cách hành chính.',
    },
    {
      planAreaCode: '3.c',
      expenditureTypeCode: 'RECURRENT',
      fundingSourceCode: 'PROVINCIAL',
      activityKindCode: 'TASK_DETAILED',
      description: 'Bồi dưỡng chuyên sâu cho cán bộ chuyên trách CNTT các sở, ngành (quản trị mạng, an toàn thông tin)',
      measureUnit: 'người',
      quantity: '30',
      unitPrice: '6500000',
      priorityTier: 2,
      justification: 'Hình thành đội ngũ cán bộ chuyên trách CNTT (mục II.3.c).',
    },
    {
      planAreaCode: '2.1.b',
      expenditureTypeCode: 'INVESTMENT',
      fundingSourceCode: 'PROVINCIAL',
      activityKindCode: 'PROJECT',
      description: 'Phần mềm quản lý hồ sơ cán bộ, công chức, viên chức tỉnh Bắc Ninh',
      measureUnit: 'hệ thống',
      quantity: '1',
      unitPrice: '1450000000',
      projectionNext1: '250000000',
      priorityTier: 3,
      justification: 'Cơ sở dữ liệu cán bộ, công chức phục vụ quản lý nhân sự toàn tỉnh.',
    },
  ]),

  // ── 5. Văn phòng UBND tỉnh ──────────────────────────────────────────────────
  estimate(5, UNIT_IDS.ppcOffice, [
    {
      isContinuing: true,
      planAreaCode: '2.1.c',
      expenditureTypeCode: 'INVESTMENT',
      fundingSourceCode: 'PROVINCIAL',
      activityKindCode: 'PROJECT',
      description: 'Hệ thống hội nghị truyền hình trực tuyến UBND tỉnh với 8 huyện, thị xã, thành phố',
      measureUnit: 'điểm cầu',
      quantity: '9',
      unitPrice: '320000000',
      multiYearTotal: '4630000000',
      fundedToPrev2: '250000000',
      prevYearEstimate: '1500000000',
      prevYearExpected: '1500000000',
      projectionNext1: null,
      projectionNext2: null,
      priorityTier: 1,
      committedMinimum: '1500000000',
      justification: 'Dự án chuyển tiếp, hoàn thành năm 2012; phục vụ chỉ đạo điều hành của UBND tỉnh.',
    },
    {
      planAreaCode: '2.2.a',
      expenditureTypeCode: 'RECURRENT',
      fundingSourceCode: 'PROVINCIAL',
      activityKindCode: 'TASK_DETAILED',
      description: 'Duy trì, cập nhật thông tin Cổng thông tin điện tử tỉnh',
      measureUnit: 'tháng',
      quantity: '12',
      unitPrice: '25000000',
      prevYearEstimate: '276000000',
      prevYearExpected: '270000000',
      projectionNext1: '320000000',
      projectionNext2: '330000000',
      priorityTier: 1,
      committedMinimum: '150000000',
      justification: 'Công khai văn bản chỉ đạo điều hành trên môi trường mạng (mục tiêu I.2).',
    },
    {
      planAreaCode: '2.1.b',
      expenditureTypeCode: 'INVESTMENT',
      fundingSourceCode: 'PROVINCIAL',
      activityKindCode: 'PROJECT',
      description: 'Hệ thống quản lý văn bản và điều hành điện tử liên thông UBND tỉnh – các sở, ngành',
      measureUnit: 'hệ thống',
      quantity: '1',
      unitPrice: '2200000000',
      projectionNext1: '800000000',
      priorityTier: 2,
      justification: 'Mục tiêu 80% văn bản điện tử trao đổi qua mạng đến năm 2015.',
    },
    {
      planAreaCode: '1.g',
      expenditureTypeCode: 'RECURRENT',
      fundingSourceCode: 'PROVINCIAL',
      activityKindCode: 'TASK_SIMPLE',
      description: 'Mua sắm máy tính xách tay cho lãnh đạo',
      measureUnit: 'chiếc',
      quantity: '8',
      unitPrice: '16500000',
      priorityTier: 3,
      justification: 'Phục vụ xử lý văn bản điện tử và hội nghị trực tuyến.',
    },
    {
      planAreaCode: '2.1.a',
      expenditureTypeCode: 'RECURRENT',
      fundingSourceCode: 'PROVINCIAL',
      activityKindCode: 'SERVICE_RENTAL',
      description: 'Thuê dịch vụ lưu trữ và sao lưu hệ thống thư điện tử công vụ của tỉnh',
      measureUnit: 'tháng',
      quantity: '12',
      unitPrice: '12000000',
      priorityTier: 2,
      justification: '100% cán bộ, công chức được cấp hộp thư điện tử và sử dụng thường xuyên (mục tiêu I.2).',
    },
  ]),

  // ── 6. UBND huyện Yên Phong ─────────────────────────────────────────────────
  estimate(6, UNIT_IDS.yenPhong, [
    {
      planAreaCode: '1.f',
      expenditureTypeCode: 'INVESTMENT',
      fundingSourceCode: 'DISTRICT',
      activityKindCode: 'PROJECT',
      description: 'Xây dựng mạng LAN UBND huyện và kết nối WAN tỉnh',
      measureUnit: 'hệ thống',
      quantity: '1',
      unitPrice: '780000000',
      priorityTier: 1,
      justification: 'Mục chi riêng cho CNTT của huyện (mục III.2); 100% UBND cấp huyện kết nối cáp quang với WAN tỉnh.',
    },
    {
      planAreaCode: '2.2.d',
      expenditureTypeCode: 'INVESTMENT',
      fundingSourceCode: 'DISTRICT',
      activityKindCode: 'PROJECT',
      description: 'Nâng cấp phần mềm một cửa điện tử cấp huyện',
      measureUnit: 'hệ thống',
      quantity: '1',
      unitPrice: '650000000',
      priorityTier: 2,
      justification: 'Mục II.2.2.d: nâng cấp phần mềm một cửa điện tử cấp huyện lên mức độ cao hơn.',
    },
    {
      planAreaCode: '1.f',
      expenditureTypeCode: 'RECURRENT',
      fundingSourceCode: 'DISTRICT',
      activityKindCode: 'SERVICE_RENTAL',
      description: 'Thuê đường truyền cáp quang kết nối 14 xã, thị trấn với UBND huyện',
      measureUnit: 'tháng',
      quantity: '12',
      unitPrice: '8400000',
      prevYearEstimate: '90000000',
      prevYearExpected: '88200000',
      projectionNext1: '100800000',
      projectionNext2: '100800000',
      priorityTier: 1,
      committedMinimum: '50400000',
      justification: 'Duy trì kết nối mạng giữa UBND huyện và các xã, thị trấn.',
    },
    {
      planAreaCode: '3.e',
      expenditureTypeCode: 'RECURRENT',
      fundingSourceCode: 'DISTRICT',
      activityKindCode: 'TASK_DETAILED',
      description: 'Đào tạo kỹ năng CNTT cho cán bộ, công chức cấp xã',
      measureUnit: 'lớp',
      quantity: '3',
      unitPrice: '26000000',
      priorityTier: 2,
      justification: '100% cán bộ, công chức sử dụng thành thạo máy tính (mục tiêu I.2).',
    },
    {
      planAreaCode: '1.g',
      expenditureTypeCode: 'RECURRENT',
      fundingSourceCode: 'DISTRICT',
      activityKindCode: 'TASK_DETAILED',
      description: 'Mua sắm máy tính cho cán bộ, công chức',
      measureUnit: 'bộ',
      quantity: '20',
      unitPrice: '11800000',
      priorityTier: 3,
      justification: 'Mục tiêu 1 máy tính/cán bộ, công chức.',
    },
  ]),

  // ── 7. UBND thị xã Từ Sơn ───────────────────────────────────────────────────
  estimate(7, UNIT_IDS.tuSon, [
    {
      isContinuing: true,
      planAreaCode: '2.2.d',
      expenditureTypeCode: 'INVESTMENT',
      fundingSourceCode: 'DISTRICT',
      activityKindCode: 'PROJECT',
      description: 'Xây dựng bộ phận một cửa điện tử hiện đại thị xã Từ Sơn',
      measureUnit: 'dự án',
      quantity: '1',
      unitPrice: '1100000000',
      multiYearTotal: '2390000000',
      fundedToPrev2: '120000000',
      prevYearEstimate: '900000000',
      prevYearExpected: '870000000',
      projectionNext1: '300000000',
      projectionNext2: null,
      priorityTier: 1,
      committedMinimum: '500000000',
      justification: 'Dự án chuyển tiếp; mục tiêu 100% huyện, thị xã, thành phố có một cửa hiện đại.',
    },
    {
      planAreaCode: '1.f',
      expenditureTypeCode: 'RECURRENT',
      fundingSourceCode: 'DISTRICT',
      activityKindCode: 'SERVICE_RENTAL',
      description: 'Thuê đường truyền cáp quang kết nối các phường, xã với UBND thị xã',
      measureUnit: 'tháng',
      quantity: '12',
      unitPrice: '6000000',
      prevYearEstimate: '72000000',
      prevYearExpected: '72000000',
      projectionNext1: '72000000',
      projectionNext2: '72000000',
      priorityTier: 1,
      committedMinimum: '36000000',
      justification: 'Duy trì kết nối mạng diện rộng cấp thị xã.',
    },
    {
      planAreaCode: '2.1.d',
      expenditureTypeCode: 'RECURRENT',
      fundingSourceCode: 'DISTRICT',
      activityKindCode: 'TASK_SIMPLE',
      description: 'Số hoá hồ sơ địa chính',
      measureUnit: 'trang',
      quantity: '85000',
      unitPrice: '2200',
      priorityTier: 2,
      justification: 'Phục vụ giải quyết thủ tục hành chính về đất đai tại bộ phận một cửa.',
    },
    {
      planAreaCode: '3.a',
      expenditureTypeCode: 'RECURRENT',
      fundingSourceCode: 'DISTRICT',
      activityKindCode: 'TASK_DETAILED',
      description: 'Bồi dưỡng kiến thức quản lý CNTT cho lãnh đạo các phòng, ban thị xã',
      measureUnit: 'lớp',
      quantity: '1',
      unitPrice: '45000000',
      priorityTier: 3,
      justification: '100% lãnh đạo quản lý được đào tạo kiến thức ứng dụng CNTT (mục tiêu I.2).',
    },
  ]),

  // ── 8. UBND thành phố Bắc Ninh ──────────────────────────────────────────────
  estimate(8, UNIT_IDS.bacNinhCity, [
    {
      planAreaCode: '1.f',
      expenditureTypeCode: 'INVESTMENT',
      fundingSourceCode: 'DISTRICT',
      activityKindCode: 'PROJECT',
      description: 'Kéo cáp quang kết nối UBND phường Vũ Ninh, Kinh Bắc với mạng WAN tỉnh',
      measureUnit: 'km',
      quantity: '2.35',
      unitPrice: '45000000',
      priorityTier: 1,
      justification: 'Mục chi riêng cho CNTT của thành phố (mục III.2); kết nối cáp quang các phường với WAN tỉnh.',
    },
    {
      planAreaCode: '1.f',
      expenditureTypeCode: 'INVESTMENT',
      fundingSourceCode: 'DISTRICT',
      activityKindCode: 'PROJECT',
      description: 'Xây dựng mạng LAN cho UBND các phường, xã',
      measureUnit: 'đơn vị',
      quantity: '6',
      unitPrice: '85000000',
      projectionNext1: '510000000',
      priorityTier: 2,
      justification: '100% UBND cấp xã có mạng LAN đến năm 2015 (mục tiêu I.2).',
    },
    {
      planAreaCode: '2.2.a',
      expenditureTypeCode: 'RECURRENT',
      fundingSourceCode: 'DISTRICT',
      activityKindCode: 'SERVICE_RENTAL',
      description: 'Thuê máy chủ và duy trì trang thông tin điện tử thành phần của thành phố',
      measureUnit: 'năm',
      quantity: '1',
      unitPrice: '36000000',
      prevYearEstimate: '36000000',
      prevYearExpected: '36000000',
      projectionNext1: '36000000',
      projectionNext2: '36000000',
      priorityTier: 1,
      committedMinimum: '36000000',
      justification: 'Trang thành phần trên Cổng thông tin điện tử tỉnh (mục II.2.2.a).',
    },
    {
      planAreaCode: '2.2.b',
      expenditureTypeCode: 'INVESTMENT',
      fundingSourceCode: 'DISTRICT',
      activityKindCode: 'PROJECT',
      description: 'Triển khai dịch vụ công trực tuyến mức độ 3: cấp giấy phép xây dựng, đăng ký kinh doanh hộ cá thể',
      measureUnit: 'dịch vụ',
      quantity: '2',
      unitPrice: '180000000',
      priorityTier: 2,
      justification: 'Mục II.2.2.b: dịch vụ công trực tuyến mức độ 3.',
    },
    {
      planAreaCode: '1.g',
      expenditureTypeCode: 'RECURRENT',
      fundingSourceCode: 'DISTRICT',
      activityKindCode: 'TASK_DETAILED',
      description: 'Mua sắm máy tính cho cán bộ, công chức',
      measureUnit: 'bộ',
      quantity: '25',
      unitPrice: '12000000',
      priorityTier: 2,
      justification: 'Mục tiêu 1 máy tính/cán bộ, công chức.',
    },
  ]),

  // ── 9. UBND huyện Quế Võ ────────────────────────────────────────────────────
  estimate(9, UNIT_IDS.queVo, [
    {
      planAreaCode: '1.f',
      expenditureTypeCode: 'RECURRENT',
      fundingSourceCode: 'DISTRICT',
      activityKindCode: 'SERVICE_RENTAL',
      description: 'Thuê đường truyền cáp quang kết nối UBND huyện với mạng WAN tỉnh',
      measureUnit: 'tháng',
      quantity: '12',
      unitPrice: '5500000',
      prevYearEstimate: '66000000',
      prevYearExpected: '66000000',
      projectionNext1: '66000000',
      projectionNext2: '66000000',
      priorityTier: 1,
      committedMinimum: '66000000',
      justification: 'Mục chi riêng cho CNTT của huyện (mục III.2).',
    },
    {
      planAreaCode: '1.f',
      expenditureTypeCode: 'INVESTMENT',
      fundingSourceCode: 'PROVINCIAL_SUPPORT',
      activityKindCode: 'PROJECT',
      description: 'Xây dựng mạng LAN cho UBND 21 xã, thị trấn (đề nghị ngân sách tỉnh hỗ trợ)',
      measureUnit: 'đơn vị',
      quantity: '21',
      unitPrice: '65000000',
      priorityTier: 1,
      justification: 'Huyện còn khó khăn; đề nghị hỗ trợ theo mục III.3 để bảo đảm kết nối, liên thông.',
    },
    {
      planAreaCode: '1.g',
      expenditureTypeCode: 'RECURRENT',
      fundingSourceCode: 'DISTRICT',
      activityKindCode: 'TASK_DETAILED',
      description: 'Mua sắm máy tính cho cán bộ, công chức cấp xã',
      measureUnit: 'bộ',
      quantity: '21',
      unitPrice: '11500000',
      priorityTier: 2,
      justification: 'Mỗi xã, thị trấn bổ sung 01 máy tính cho bộ phận một cửa.',
    },
  ]),

  // ── 10. UBND thị trấn Chờ (Yên Phong) ───────────────────────────────────────
  estimate(10, UNIT_IDS.choTown, [
    {
      planAreaCode: '1.f',
      expenditureTypeCode: 'RECURRENT',
      fundingSourceCode: 'COMMUNE',
      activityKindCode: 'TASK_SIMPLE',
      description: 'Xây dựng mạng LAN UBND thị trấn',
      measureUnit: 'hệ thống',
      quantity: '1',
      unitPrice: '55000000',
      priorityTier: 1,
      justification: 'Kết nối mạng nội bộ với UBND huyện và mạng WAN tỉnh.',
    },
    {
      planAreaCode: '1.g',
      expenditureTypeCode: 'RECURRENT',
      fundingSourceCode: 'COMMUNE',
      activityKindCode: 'TASK_SIMPLE',
      description: 'Mua sắm máy tính cho cán bộ, công chức',
      measureUnit: 'bộ',
      quantity: '4',
      unitPrice: '11500000',
      priorityTier: 2,
      justification: 'Trang bị cho bộ phận tiếp nhận và trả kết quả.',
    },
    {
      planAreaCode: '3.e',
      expenditureTypeCode: 'RECURRENT',
      fundingSourceCode: 'COMMUNE',
      activityKindCode: 'TASK_SIMPLE',
      description: 'Đào tạo tin học văn phòng cho cán bộ, công chức thị trấn',
      measureUnit: 'người',
      quantity: '18',
      unitPrice: '1500000',
      priorityTier: 3,
      justification: 'Phổ cập kiến thức CNTT cho cán bộ, công chức cấp xã.',
    },
  ]),
];
