import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

import type { EstimateStatus } from '../domain/estimate-status.js';

// The vocabulary lives in the domain; re-exported here for the code that reads it beside the entity.
export { EDITABLE_STATUSES, ESTIMATE_STATUSES, type EstimateStatus } from '../domain/estimate-status.js';

/** One unit's IT estimate for one fiscal year. */
@Entity('estimates')
export class Estimate {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid', name: 'unit_id' })
  unitId!: string;

  @Column({ type: 'integer' })
  year!: number;

  @Column({ type: 'varchar' })
  status!: EstimateStatus;

  /** Demo data, not a real unit's figures. */
  @Column({ type: 'boolean' })
  illustrative!: boolean;

  @Column({ type: 'timestamptz', name: 'submitted_at', nullable: true })
  submittedAt!: Date | null;

  /** Submitted after the year's submission deadline. */
  @Column({ type: 'boolean', name: 'submitted_late' })
  submittedLate!: boolean;

  /** Why a reviewer sent it back (required on return). */
  @Column({ type: 'text', name: 'return_comment', nullable: true })
  returnComment!: string | null;

  @Column({ type: 'timestamptz', name: 'balanced_at', nullable: true })
  balancedAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'approved_at', nullable: true })
  approvedAt!: Date | null;

  // Bumped by every change to the estimate or its lines, with a conditional update.
  @Column({ type: 'integer' })
  version!: number;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}
