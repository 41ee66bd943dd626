// Shared validators for request DTOs, so that every amount and quantity is checked the same way.
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsISO8601, IsNotEmpty, IsString, Matches, Max, MaxLength, Min, ValidateBy, ValidateIf } from 'class-validator';
import { message } from '../errors/messages.js';
import { QUANTITY_PATTERN, VND_PATTERN } from '../money/vnd.js';
import { hasVisibleText, VISIBLE_CHARACTER } from '../text/visible-text.js';
import { parseVietnamInstant } from '../time/vietnam-time.js';

export const VND_MESSAGE =
  '$property phải là số tiền nguyên (đồng), không âm, nhỏ hơn 10^18, viết bằng chuỗi chữ số / ' +
  '$property must be a whole, non-negative number of đồng below 10^18, given as a string of digits';

export const QUANTITY_MESSAGE =
  '$property phải là số không âm, tối đa 4 chữ số thập phân, viết bằng chuỗi / ' +
  '$property must be a non-negative decimal string with at most 4 decimals';

/**
 * The field may be left out, but null is not a value: it is validated (and refused) like any other.
 * Fields where null means "clear" say so with their own ValidateIf.
 */
export const IsOptionalField = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined);

/** An amount of đồng: digit string, 0 ≤ amount < 10^18. `nullable` also admits null (clears the field). */
export function IsVnd(options: { optional?: boolean; nullable?: boolean; description?: string } = {}): PropertyDecorator {
  const api: ApiPropertyOptions = {
    type: String,
    pattern: VND_PATTERN.source,
    example: '1250000000',
    required: !options.optional,
    nullable: options.nullable ?? false,
    description: options.description ?? 'Amount in đồng, as a string of digits',
  };
  return applyDecorators(
    ApiProperty(api),
    ...(options.nullable ? [ValidateIf((_object, value) => value !== null)] : []),
    ...(options.optional ? [IsOptionalField()] : []),
    IsString({ message: VND_MESSAGE }),
    Matches(VND_PATTERN, { message: VND_MESSAGE }),
  );
}

/** A quantity: decimal string with at most 4 decimals. */
export function IsQuantity(options: { optional?: boolean } = {}): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ type: String, pattern: QUANTITY_PATTERN.source, example: '2.5', required: !options.optional }),
    ...(options.optional ? [IsOptionalField()] : []),
    IsString({ message: QUANTITY_MESSAGE }),
    Matches(QUANTITY_PATTERN, { message: QUANTITY_MESSAGE }),
  );
}

const DATE_MESSAGE = '$property phải là ngày có thật, dạng YYYY-MM-DD / $property must be a real date, YYYY-MM-DD';

/** A calendar date, YYYY-MM-DD, that exists (2012-02-30 does not). */
export function IsDateOnly(): PropertyDecorator {
  return applyDecorators(
    IsISO8601({ strict: true, strictSeparator: true }, { message: DATE_MESSAGE }),
    Matches(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/, { message: DATE_MESSAGE }),
  );
}

/** The number of a decision (quyết định), e.g. 2345/QĐ-UBND. */
export function IsDecisionNumber(): PropertyDecorator {
  return applyDecorators(ApiProperty({ example: '2345/QĐ-UBND' }), IsRequiredText(), MaxLength(60));
}

const REQUIRED_TEXT_MESSAGE = '$property không được để trống hay chỉ có khoảng trắng / $property must not be empty or only spaces';

/**
 * A required text: a string with at least one visible character (see VISIBLE_CHARACTER). Every required
 * free-text field (descriptions, reasons, comments, names) uses it, so "   " is refused like "".
 */
export function IsRequiredText(): PropertyDecorator {
  return applyDecorators(IsString(), IsNotEmpty({ message: REQUIRED_TEXT_MESSAGE }), Matches(VISIBLE_CHARACTER, { message: REQUIRED_TEXT_MESSAGE }));
}

/** The constraint name (and detail code) of a number that is not written as a whole number in decimal digits. */
export const INTEGER_TEXT_CONSTRAINT = 'INVALID_NUMBER_PARAM';

/** Whole numbers written in decimal digits, as a path parameter is (validation.pipe.ts): "12", "-3", "007". */
const DECIMAL_DIGITS = /^-?[0-9]+$/;

/**
 * A whole number given as a JSON number or as text (a query parameter, a multipart form field).
 * Text is read only when it is decimal digits (an optional minus first): `1e2`, `0x10`, `+5`, ` 5`,
 * `5.0`, `""` and a repeated parameter (an array) stay as sent and are refused with 400, code
 * `INVALID_NUMBER_PARAM`, naming the field — as a number in the path is. Replaces
 * `@Type(() => Number) @IsInt()`, whose `Number(text)` reads all of those as numbers.
 * Range checks (`@Min`, `@Max`, `@IsIn`) go beside it.
 */
export function IsIntegerText(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' && DECIMAL_DIGITS.test(value) ? Number(value) : value)),
    ValidateBy(
      {
        name: INTEGER_TEXT_CONSTRAINT,
        validator: {
          validate: (value: unknown) => typeof value === 'number' && Number.isSafeInteger(value),
          defaultMessage: () => message('INVALID_NUMBER_PARAM', { property: '$property' }),
        },
      },
    ),
  );
}

/**
 * The largest value of a PostgreSQL `integer` column (versions, years, halves, positions): a larger
 * number in a request would reach the database and come back as a bare 400 OUT_OF_RANGE naming no field.
 */
export const INT4_MAX = 2_147_483_647;

/** The first and last fiscal year the system takes (as CreateFiscalYearDto and progress reports do). */
export const YEAR_MIN = 2000;
export const YEAR_MAX = 2200;

/** A record's version in a JSON body: a whole number 1 … INT4_MAX (a `version integer` column). */
export function IsVersion(): PropertyDecorator {
  return applyDecorators(IsInt(), Min(1), Max(INT4_MAX));
}

/** A record's version in a query or a form field (IsIntegerText): 1 … INT4_MAX. */
export function IsVersionText(): PropertyDecorator {
  return applyDecorators(IsIntegerText(), Min(1), Max(INT4_MAX));
}

/**
 * An optional free text (a note, a justification, a run's name, a reason required only sometimes):
 * the field may be left out, and a text without a visible character (`""`, spaces, zero-width or
 * other format characters, see VISIBLE_CHARACTER) counts as no text at all — the pipe turns it
 * into `""`, which the services keep as "no note" (null, or the column's empty value). One rule for
 * every optional text; required texts refuse the same input (IsRequiredText). At most `maxLength`
 * characters.
 */
export function IsOptionalText(maxLength: number): PropertyDecorator {
  return applyDecorators(
    IsOptionalField(),
    Transform(({ value }: { value: unknown }) => (typeof value === 'string' && !hasVisibleText(value) ? '' : value)),
    IsString(),
    MaxLength(maxLength),
  );
}

const INSTANT_MESSAGE =
  '$property phải là ngày có thật YYYY-MM-DD hoặc ngày giờ YYYY-MM-DDTHH:mm[:ss], theo giờ Việt Nam khi không ghi múi giờ (Z, +07:00); ' +
  'không nhận năm hay tháng đứng riêng / $property must be a real date YYYY-MM-DD or date-time YYYY-MM-DDTHH:mm[:ss], ' +
  'on Vietnam time unless an offset (Z, +07:00) is given; a year or a month alone is not accepted';

/**
 * An instant as an official writes it (see parseVietnamInstant): a date (the start of that day in
 * Vietnam) or a date and time, on Vietnam's clock unless the text names its offset. A year or a
 * month alone is refused (400 naming the field) rather than guessed as the start or the end of it.
 */
export function IsVietnamInstant(): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isVietnamInstant',
      validator: { validate: (value: unknown) => typeof value === 'string' && parseVietnamInstant(value) !== null, defaultMessage: () => INSTANT_MESSAGE },
    },
    { message: INSTANT_MESSAGE },
  );
}
