import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { BUDGET_LEVELS, type BudgetLevel, UNIT_KINDS, type UnitKind } from '../entities/unit.entity.js';

export class ListUnitsQuery {
  @ApiPropertyOptional({ enum: UNIT_KINDS })
  @IsOptional()
  @IsIn(UNIT_KINDS)
  kind?: UnitKind;

  @ApiPropertyOptional({ enum: BUDGET_LEVELS })
  @IsOptional()
  @IsIn(BUDGET_LEVELS)
  budgetLevel?: BudgetLevel;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  parentId?: string;
}
