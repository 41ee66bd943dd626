import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsUUID } from 'class-validator';
import { IsOptionalField } from '../../../common/validation/validators.js';
import { BUDGET_LEVELS, type BudgetLevel, UNIT_KINDS, type UnitKind } from '../entities/unit.entity.js';

export class ListUnitsQuery {
  @ApiPropertyOptional({ enum: UNIT_KINDS })
  @IsOptionalField()
  @IsIn(UNIT_KINDS)
  kind?: UnitKind;

  @ApiPropertyOptional({ enum: BUDGET_LEVELS })
  @IsOptionalField()
  @IsIn(BUDGET_LEVELS)
  budgetLevel?: BudgetLevel;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptionalField()
  @IsUUID()
  parentId?: string;
}
