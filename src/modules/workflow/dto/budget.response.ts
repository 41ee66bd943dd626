import { ApiBool, ApiDate, ApiDateTime, ApiEnum, ApiInt, ApiMoney, ApiNested, ApiText, ApiUuid } from '../../../common/openapi/api-fields.js';
import { ESTIMATE_STATUSES } from '../../estimates/entities/estimate.entity.js';

export class BudgetTotalsDto {
  @ApiMoney() requested!: string;
  @ApiMoney({ description: 'Σ decided amounts once the chair has decided; before, Σ balanced' }) approved!: string;
  @ApiMoney({ nullable: true, description: 'Σ current (adjusted) amounts once approved, else null' }) adjusted!: string | null;
  @ApiInt({ description: 'Adjustments recorded after approval' }) adjustments!: number;
  @ApiInt() included!: number;
  @ApiInt() excluded!: number;
  @ApiInt({ description: 'Estimates neither balanced nor excluded' }) pending!: number;
}

/** An estimate in the consolidated budget, named by its unit. */
export class BudgetEstimateDto {
  @ApiUuid() estimateId!: string;
  @ApiUuid() unitId!: string;
  @ApiText() unitCode!: string;
  @ApiText() unitName!: string;
  @ApiEnum(ESTIMATE_STATUSES, 'EstimateStatus') status!: string;
  @ApiBool() submittedLate!: boolean;
  @ApiMoney() requested!: string;
  @ApiMoney({ description: 'Decided once the chair has decided; before, balanced' }) approved!: string;
  @ApiMoney({ nullable: true, description: 'Current (adjusted) amount once approved, else null' }) adjusted!: string | null;
  @ApiInt({ description: "Adjustments recorded on the estimate's lines after approval" }) adjustments!: number;
  @ApiBool() excluded!: boolean;
  @ApiText({ nullable: true }) exclusionReason!: string | null;
}

/** The budget's figures by plan area (Σ over the lines of the included estimates). */
export class BudgetPlanAreaDto {
  @ApiText({ example: '01' }) planAreaCode!: string;
  @ApiMoney() requested!: string;
  @ApiMoney({ description: 'Σ decided amounts once the chair has decided; before, Σ balanced' }) approved!: string;
  @ApiMoney({ nullable: true, description: 'Σ current (adjusted) amounts once approved, else null' }) adjusted!: string | null;
}

/** The consolidated provincial IT budget of a year: DRAFT → SUBMITTED (DOF) → APPROVED | RETURNED (chair). */
export class BudgetDto {
  @ApiInt() year!: number;
  @ApiEnum(['DRAFT', 'SUBMITTED', 'APPROVED', 'RETURNED'], 'BudgetStatus') status!: string;
  @ApiInt() version!: number;
  @ApiDateTime({ nullable: true }) submittedAt!: string | null;
  @ApiUuid({ nullable: true }) submittedBy!: string | null;
  @ApiText({ nullable: true, description: 'Who submitted it (full name)' }) submittedByName!: string | null;
  @ApiText({ nullable: true }) returnComment!: string | null;
  @ApiText({ nullable: true, example: '2345/QĐ-UBND' }) decisionNumber!: string | null;
  @ApiDate({ nullable: true }) decisionDate!: string | null;
  @ApiDateTime({ nullable: true }) approvedAt!: string | null;
  @ApiUuid({ nullable: true }) approvedBy!: string | null;
  @ApiText({ nullable: true, description: 'Who approved it (full name)' }) approvedByName!: string | null;
  @ApiText({ isArray: true, description: 'The budget rules that do not pass, in words' }) warnings!: string[];
  @ApiNested(BudgetTotalsDto) totals!: BudgetTotalsDto;
  @ApiNested([BudgetEstimateDto]) estimates!: BudgetEstimateDto[];
  @ApiNested([BudgetPlanAreaDto]) planAreas!: BudgetPlanAreaDto[];
}
