// Property decorators for response DTOs, so that every money field, date and enum reads the same in
// OpenAPI (and so in the web app's typed client).
import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';

type Extra = { description?: string; nullable?: boolean; required?: boolean; example?: unknown; isArray?: boolean };

const base = (extra: Extra): ApiPropertyOptions => ({
  ...(extra.description !== undefined ? { description: extra.description } : {}),
  ...(extra.example !== undefined ? { example: extra.example } : {}),
  ...(extra.isArray ? { isArray: true } : {}),
  nullable: extra.nullable ?? false,
  required: extra.required ?? true,
});

/** The pattern of every money field of a response (requests are checked tighter, by `IsVnd`). */
export const MONEY_PATTERN = '^\\d+$';

/** Money: whole đồng as a string of digits (`pattern ^\d+$`), never a JSON number. */
export const ApiMoney = (extra: Extra = {}): PropertyDecorator =>
  ApiProperty({ type: String, pattern: MONEY_PATTERN, example: '1250000000', ...base({ description: 'Amount in đồng, a string of digits', ...extra }) });

/** A decimal as a string (quantities, ratios, percentages): never a JSON number. */
export const ApiDecimal = (extra: Extra = {}): PropertyDecorator =>
  ApiProperty({ type: String, pattern: '^-?\\d+(\\.\\d+)?$', example: '2.5', ...base(extra) });

/** A calendar date, YYYY-MM-DD. */
export const ApiDate = (extra: Extra = {}): PropertyDecorator =>
  ApiProperty({ type: String, format: 'date', example: '2012-07-15', ...base(extra) });

/** An instant, ISO 8601 in UTC (what a screen shows in Vietnam's time). */
export const ApiDateTime = (extra: Extra = {}): PropertyDecorator =>
  ApiProperty({ type: String, format: 'date-time', ...base(extra) });

/** An id. */
export const ApiUuid = (extra: Extra = {}): PropertyDecorator =>
  ApiProperty({ type: String, format: 'uuid', ...base(extra) });

/** One of a named list of values: named so that the client gets one type for it. */
export const ApiEnum = (values: readonly string[], enumName: string, extra: Extra = {}): PropertyDecorator =>
  ApiProperty({ enum: values as string[], enumName, ...base(extra) });

/** Plain text, a number, or a boolean. */
export const ApiText = (extra: Extra = {}): PropertyDecorator => ApiProperty({ type: String, ...base(extra) });
export const ApiInt = (extra: Extra = {}): PropertyDecorator => ApiProperty({ type: 'integer', ...base(extra) });
export const ApiBool = (extra: Extra = {}): PropertyDecorator => ApiProperty({ type: Boolean, ...base(extra) });

/** A nested DTO (or `[Dto]` for an array of them). */
export const ApiNested = (type: (new () => unknown) | [new () => unknown], extra: Extra = {}): PropertyDecorator =>
  Array.isArray(type)
    ? ApiProperty({ type: type[0], isArray: true, ...base(extra) })
    : ApiProperty({ type, ...base(extra) });

/** Free-form JSON (audit snapshots, explanations): documented as an object. */
export const ApiJson = (extra: Extra = {}): PropertyDecorator =>
  ApiProperty({ type: 'object', additionalProperties: true, ...base(extra) } as ApiPropertyOptions);

/** A whole count that may exceed 2^53 (a bigint in code): a string of digits, like money. */
export const ApiDigits = (extra: Extra = {}): PropertyDecorator =>
  ApiProperty({ type: String, pattern: MONEY_PATTERN, example: '120', ...base(extra) });
