import { ApiDateTime, ApiEnum, ApiNested, ApiText, ApiUuid } from '../../../common/openapi/api-fields.js';
import { BUDGET_LEVELS, type BudgetLevel, SPECIAL_ROLES, type SpecialRole, UNIT_KINDS, type UnitKind } from '../entities/unit.entity.js';

/** A unit as other responses name it: id, code and names, never a bare id. */
export class UnitRefDto {
  @ApiUuid() id!: string;
  @ApiText({ example: 'YP' }) code!: string;
  @ApiText({ example: 'UBND huyện Yên Phong' }) name!: string;
  @ApiText({ example: 'Yen Phong District People\'s Committee' }) nameEn!: string;
}

/** A unit with its kind, as estimates name it. */
export class UnitSummaryDto extends UnitRefDto {
  @ApiEnum(UNIT_KINDS, 'UnitKind') kind!: UnitKind;
}

/** A unit of the organisation registry. */
export class UnitDto extends UnitSummaryDto {
  @ApiEnum(BUDGET_LEVELS, 'BudgetLevel') budgetLevel!: BudgetLevel;
  @ApiUuid({ nullable: true }) parentId!: string | null;
  @ApiEnum(SPECIAL_ROLES, 'SpecialRole', { nullable: true }) specialRole!: SpecialRole | null;
  @ApiText({ nullable: true, example: '1000203', description: 'Budget-relationship code (mã số ĐVQHNS, 7 digits)' }) budgetRelationCode!: string | null;
  @ApiText({ nullable: true, example: '605', description: 'Chapter (Chương) of the state budget index' }) chapterCode!: string | null;
  @ApiDateTime() createdAt!: string;
}

/** `GET /units/{id}`: the unit with its parent and children. */
export class UnitDetailDto extends UnitDto {
  @ApiNested(UnitRefDto, { nullable: true }) parent!: UnitRefDto | null;
  @ApiNested([UnitDto]) children!: UnitDto[];
}
