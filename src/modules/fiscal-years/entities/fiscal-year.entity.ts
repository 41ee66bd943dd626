import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { decimalColumn, vndColumn } from '../../../common/money/columns.js';

export const LATE_SUBMISSION_POLICIES = ['FLAG', 'REFUSE'] as const;
export type LateSubmissionPolicy = (typeof LATE_SUBMISSION_POLICIES)[number];
export const FLOOR_POLICIES = ['STOP', 'WARN'] as const;
export type FloorPolicy = (typeof FLOOR_POLICIES)[number];

@Entity('fiscal_years')
export class FiscalYear {
  @PrimaryColumn({ type: 'integer' })
  year!: number;

  @Column({ type: 'varchar', name: 'plan_period' })
  planPeriod!: string;

  @Column({ type: 'date', name: 'submission_deadline', nullable: true })
  submissionDeadline!: string | null;

  @Column({ type: 'date', name: 'balancing_deadline', nullable: true })
  balancingDeadline!: string | null;

  @Column({ type: 'date', name: 'committee_deadline', nullable: true })
  committeeDeadline!: string | null;

  @Column({ type: 'varchar', name: 'late_submission_policy' })
  lateSubmissionPolicy!: LateSubmissionPolicy;

  @Column({ type: 'numeric', precision: 20, scale: 0, name: 'total_local_expenditure', nullable: true, transformer: vndColumn })
  totalLocalExpenditure!: bigint | null;

  /** A decimal string such as "0.01"; never a float. */
  @Column({ type: 'numeric', precision: 9, scale: 6, name: 'floor_ratio', transformer: decimalColumn })
  floorRatio!: string;

  @Column({ type: 'text', array: true, name: 'floor_sources' })
  floorSources!: string[];

  @Column({ type: 'varchar', name: 'floor_policy' })
  floorPolicy!: FloorPolicy;

  @Column({ type: 'boolean' })
  illustrative!: boolean;

  // Bumped by conditional updates (UPDATE … WHERE version = $expected), never by the ORM.
  @Column({ type: 'integer' })
  version!: number;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}
