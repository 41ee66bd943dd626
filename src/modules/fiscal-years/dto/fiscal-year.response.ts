import { ApiBool, ApiDate, ApiDateTime, ApiDecimal, ApiEnum, ApiInt, ApiMoney, ApiText } from '../../../common/openapi/api-fields.js';
import { FLOOR_POLICIES, type FloorPolicy, LATE_SUBMISSION_POLICIES, type LateSubmissionPolicy } from '../entities/fiscal-year.entity.js';

/** A fiscal year's settings: deadlines, the floor's ratio and sources, the late-submission policy. */
export class FiscalYearDto {
  @ApiInt({ example: 2012 }) year!: number;
  @ApiText({ example: '2011-2015' }) planPeriod!: string;
  @ApiDate({ nullable: true }) submissionDeadline!: string | null;
  @ApiDate({ nullable: true }) balancingDeadline!: string | null;
  @ApiDate({ nullable: true }) committeeDeadline!: string | null;
  @ApiEnum(LATE_SUBMISSION_POLICIES, 'LateSubmissionPolicy') lateSubmissionPolicy!: LateSubmissionPolicy;
  @ApiMoney({ nullable: true }) totalLocalExpenditure!: string | null;
  @ApiDecimal({ description: 'e.g. "0.01" for 1%' }) floorRatio!: string;
  @ApiText({ isArray: true }) floorSources!: string[];
  @ApiEnum(FLOOR_POLICIES, 'FloorPolicy') floorPolicy!: FloorPolicy;
  @ApiBool() illustrative!: boolean;
  @ApiInt() version!: number;
  @ApiDateTime() updatedAt!: string;
}
