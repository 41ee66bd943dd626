import { ApiBool, ApiDate, ApiDateTime, ApiEnum, ApiInt, ApiMoney, ApiNested, ApiText, ApiUuid } from '../../../common/openapi/api-fields.js';
import { CHECKLIST_RULES, CHECKLIST_STATES } from '../../estimates/domain/submission-checklist.js';

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

/** One rule of the submission checklist, with its state and in words ("vi / en"). */
export class ChecklistRuleDto {
  @ApiEnum(CHECKLIST_RULES, 'ChecklistRule') code!: string;
  @ApiEnum(CHECKLIST_STATES, 'ChecklistState', { description: 'ok: met; fail: submit refuses; warn: goes through, flagged; na: does not apply' })
  state!: string;
  @ApiText({ description: 'Vietnamese / English' }) title!: string;
  @ApiText({ description: 'Vietnamese / English, naming the figures, lines and dates behind the state' }) message!: string;
}

/** What the head's submission is checked against, before submitting (the same rules submit applies). */
export class SubmissionChecklistDto {
  @ApiUuid() estimateId!: string;
  @ApiDate({ description: "Today in Vietnam's calendar, the day the deadline rule was read on" }) today!: string;
  @ApiBool({ description: 'False while a rule is in state fail' }) canSubmit!: boolean;
  @ApiNested([ChecklistRuleDto]) rules!: ChecklistRuleDto[];
}
