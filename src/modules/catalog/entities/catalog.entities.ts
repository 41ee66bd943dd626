import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What the plan spends on (its section II), as a tree: "1" → "1.a", "2" → "2.1" → "2.1.a". */
@Entity('plan_areas')
export class PlanArea {
  @PrimaryColumn({ type: 'varchar' })
  code!: string;

  @Column({ type: 'varchar', name: 'parent_code', nullable: true })
  parentCode!: string | null;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', name: 'name_en' })
  nameEn!: string;

  @Column({ type: 'integer', name: 'sort_order' })
  sortOrder!: number;
}

@Entity('funding_sources')
export class FundingSource {
  @PrimaryColumn({ type: 'varchar' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', name: 'name_en' })
  nameEn!: string;

  @Column({ type: 'varchar', name: 'budget_level', nullable: true })
  budgetLevel!: 'PROVINCIAL' | 'DISTRICT' | 'COMMUNE' | 'CENTRAL' | null;

  @Column({ type: 'boolean', name: 'is_state_budget' })
  isStateBudget!: boolean;

  @Column({ type: 'boolean', name: 'counts_toward_floor_by_default' })
  countsTowardFloorByDefault!: boolean;

  @Column({ type: 'integer', name: 'sort_order' })
  sortOrder!: number;
}

export const EXPENDITURE_TYPE_CODES = ['RECURRENT', 'INVESTMENT'] as const;
export type ExpenditureTypeCode = (typeof EXPENDITURE_TYPE_CODES)[number];

@Entity('expenditure_types')
export class ExpenditureType {
  @PrimaryColumn({ type: 'varchar' })
  code!: ExpenditureTypeCode;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', name: 'name_en' })
  nameEn!: string;

  /** Recurrent spending is balanced by Finance (DOF), investment by Planning and Investment (DPI). */
  @Column({ type: 'varchar', name: 'balanced_by' })
  balancedBy!: 'DOF' | 'DPI';

  @Column({ type: 'integer', name: 'sort_order' })
  sortOrder!: number;
}

@Entity('activity_kinds')
export class ActivityKind {
  @PrimaryColumn({ type: 'varchar' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', name: 'name_en' })
  nameEn!: string;

  @Column({ type: 'integer', name: 'sort_order' })
  sortOrder!: number;
}
