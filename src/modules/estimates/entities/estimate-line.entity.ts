import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { decimalColumn, vndColumn } from '../../../common/money/columns.js';
import type { ExpenditureTypeCode } from '../../catalog/entities/catalog.entities.js';

export const DIC_OPINIONS = ['AGREE', 'AGREE_WITH_CHANGES', 'DISAGREE'] as const;
export type DicOpinion = (typeof DIC_OPINIONS)[number];

const money = (name: string, nullable = false) =>
  ({ type: 'numeric', precision: 20, scale: 0, name, nullable, transformer: vndColumn }) as const;

/**
 * One line of an estimate, laid out like the official annex (Phụ lục 04): the year-N request is
 * `amount` = quantity × unit price; the multi-year and earlier-year columns describe continuing items.
 */
@Entity('estimate_lines')
export class EstimateLine {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid', name: 'estimate_id' })
  estimateId!: string;

  /** STT: position in the estimate, 1..n without gaps. */
  @Column({ type: 'integer', name: 'line_no' })
  lineNo!: number;

  /** Part A of the annex (approved earlier and continuing) or part B (new). */
  @Column({ type: 'boolean', name: 'is_continuing' })
  isContinuing!: boolean;

  @Column({ type: 'varchar', name: 'plan_area_code' })
  planAreaCode!: string;

  @Column({ type: 'varchar', name: 'expenditure_type_code' })
  expenditureTypeCode!: ExpenditureTypeCode;

  @Column({ type: 'varchar', name: 'funding_source_code' })
  fundingSourceCode!: string;

  @Column({ type: 'varchar', name: 'activity_kind_code' })
  activityKindCode!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'varchar', name: 'measure_unit' })
  measureUnit!: string;

  @Column({ type: 'numeric', precision: 18, scale: 4, transformer: decimalColumn })
  quantity!: string;

  @Column(money('unit_price'))
  unitPrice!: bigint;

  /** The year-N request: quantity × unit price, rounded half-up to the đồng. */
  @Column(money('amount'))
  amount!: bigint;

  @Column(money('multi_year_total', true))
  multiYearTotal!: bigint | null;

  @Column(money('funded_to_prev2', true))
  fundedToPrev2!: bigint | null;

  /** Last year's (N-1) assigned estimate. */
  @Column(money('prev_year_estimate', true))
  prevYearEstimate!: bigint | null;

  /** Last year's (N-1) expected execution. */
  @Column(money('prev_year_expected', true))
  prevYearExpected!: bigint | null;

  @Column(money('projection_next1', true))
  projectionNext1!: bigint | null;

  @Column(money('projection_next2', true))
  projectionNext2!: bigint | null;

  @Column({ type: 'integer', name: 'priority_tier' })
  priorityTier!: number;

  /** A project's contingency (dự phòng) inside the amount; the 10% rule checks it against the cost. */
  @Column(money('contingency', true))
  contingency!: bigint | null;

  /** What must be funded whatever the ceiling (contracts signed, continuing obligations). */
  @Column(money('committed_minimum'))
  committedMinimum!: bigint;

  @Column({ type: 'text' })
  justification!: string;

  /** Loại-Khoản of the state budget index in force for the estimate's year ("LLL-KKK"); null until classified. */
  @Column({ type: 'varchar', name: 'loai_khoan', nullable: true })
  loaiKhoan!: string | null;

  /** Mục-Tiểu mục of the state budget index in force for the estimate's year ("MMMM-TTTT"); null until classified. */
  @Column({ type: 'varchar', name: 'muc_tieu_muc', nullable: true })
  mucTieuMuc!: string | null;

  /** The appraisal round (thẩm định): DIC's appraised amount, 0 ≤ appraised ≤ amount; balancing starts from it. */
  @Column(money('appraised_amount', true))
  appraisedAmount!: bigint | null;

  /** DIC's note on the appraisal. */
  @Column({ type: 'text', name: 'appraisal_note', nullable: true })
  appraisalNote!: string | null;

  /** Set by DOF (recurrent) or DPI (investment) when balancing: 0 ≤ approved ≤ amount. */
  @Column(money('approved_amount', true))
  approvedAmount!: bigint | null;

  /** DIC's opinion on the line. */
  @Column({ type: 'varchar', name: 'dic_opinion', nullable: true })
  dicOpinion!: DicOpinion | null;

  @Column({ type: 'text', name: 'dic_note', nullable: true })
  dicNote!: string | null;

  /** For an IT investment project: DIC agreed to its preliminary design. */
  @Column({ type: 'boolean', name: 'design_agreed', nullable: true })
  designAgreed!: boolean | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}
