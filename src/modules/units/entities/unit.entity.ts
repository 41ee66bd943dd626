import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export const UNIT_KINDS = ['PROVINCIAL_COMMITTEE', 'DEPARTMENT', 'DISTRICT_COMMITTEE', 'COMMUNE_COMMITTEE'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
export const BUDGET_LEVELS = ['PROVINCIAL', 'DISTRICT', 'COMMUNE'] as const;
export type BudgetLevel = (typeof BUDGET_LEVELS)[number];
/** The units with a part of their own in the budget cycle. */
export const SPECIAL_ROLES = ['PPC', 'DIC', 'DOF', 'DPI'] as const;
export type SpecialRole = (typeof SPECIAL_ROLES)[number];

@Entity('units')
export class Unit {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'varchar' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', name: 'name_en' })
  nameEn!: string;

  @Column({ type: 'varchar' })
  kind!: UnitKind;

  @Column({ type: 'varchar', name: 'budget_level' })
  budgetLevel!: BudgetLevel;

  @Column({ type: 'uuid', name: 'parent_id', nullable: true })
  parentId!: string | null;

  @Column({ type: 'varchar', name: 'special_role', nullable: true })
  specialRole!: SpecialRole | null;

  /** Budget-relationship code (mã số ĐVQHNS, Thông tư 185/2015/TT-BTC): 7 digits; null until registered. */
  @Column({ type: 'varchar', name: 'budget_relation_code', nullable: true })
  budgetRelationCode!: string | null;

  /** Chapter (Chương) of the state budget index the unit's spending is recorded under: 3 digits. */
  @Column({ type: 'varchar', name: 'chapter_code', nullable: true })
  chapterCode!: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
