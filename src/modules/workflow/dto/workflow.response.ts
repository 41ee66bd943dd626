import { ApiDateTime, ApiInt, ApiMoney, ApiText, ApiUuid } from '../../../common/openapi/api-fields.js';

/** A recorded change of one approved line's amount after approval, naming the line. */
export class LineAdjustmentDto {
  @ApiUuid() id!: string;
  @ApiUuid() lineId!: string;
  @ApiInt({ description: 'STT of the line' }) lineNo!: number;
  @ApiText() lineDescription!: string;
  @ApiMoney() beforeAmount!: string;
  @ApiMoney() afterAmount!: string;
  @ApiText() reason!: string;
  @ApiUuid() actorId!: string;
  @ApiText({ description: 'Username of who adjusted it' }) actorName!: string;
  @ApiText({ description: 'Full name of who adjusted it' }) actorFullName!: string;
  @ApiDateTime() createdAt!: string;
}
