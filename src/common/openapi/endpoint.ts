// One decorator per route for what OpenAPI says about it (after immich's `@Endpoint`), so that every
// operation declares its success response and the error shape, and the typed client of the web app
// knows both.
import { applyDecorators, HttpCode, HttpStatus, type Type } from '@nestjs/common';
import {
  ApiDefaultResponse,
  ApiExtraModels,
  ApiOperation,
  ApiResponse,
  ApiProperty,
  ApiPropertyOptional,
} from '@nestjs/swagger';

/** One problem of a request, named by field (or row and column of a workbook). */
export class FieldProblemDto {
  @ApiProperty({ example: 'lines[2].unitPrice' }) field!: string;
  @ApiProperty({ example: 'unitPrice phải là số tiền nguyên (đồng) / unitPrice must be a whole number of đồng' }) message!: string;
  @ApiPropertyOptional({ example: 'IS_VND' }) code?: string;
  @ApiPropertyOptional({ type: 'integer', description: 'Row of a workbook (1-based)', example: 7 }) row?: number;
  @ApiPropertyOptional({ description: 'Column letter of a workbook', example: 'F' }) column?: string;
}

/** The one error shape of the API (DESIGN.md section 8), with the stable code of the error. */
export class ErrorResponseDto {
  @ApiProperty({ type: 'integer', example: 400 }) statusCode!: number;
  @ApiProperty({ example: 'Bad Request' }) error!: string;
  @ApiProperty({ description: 'Stable code of the error: the key of its message', example: 'VALIDATION_FAILED' }) code!: string;
  @ApiProperty({ description: 'Vietnamese first, then " / " and English', example: 'Dữ liệu không hợp lệ / Invalid input' })
  message!: string;
  @ApiPropertyOptional({ type: [FieldProblemDto] }) details?: FieldProblemDto[];
  // Machine fields (the message, which officials read, carries none of them).
  @ApiPropertyOptional({ description: 'The record concerned (NOT_FOUND, STALE_VERSION), its English name', example: 'Estimate' }) entity?: string;
  @ApiPropertyOptional({ description: 'The id of the record not found (NOT_FOUND)', example: '3f9c2a4e-8b1d-4c6a-9e0f-2b7d5a1c8e40' }) id?: string;
  @ApiPropertyOptional({ type: 'integer', description: 'The version the request was based on (STALE_VERSION)', example: 3 }) version?: number;
  @ApiPropertyOptional({ description: 'The action refused (ILLEGAL_TRANSITION)', example: 'return' }) action?: string;
  @ApiPropertyOptional({ description: 'The status the record is in (ILLEGAL_TRANSITION, NOT_EDITABLE)', example: 'APPROVED' }) currentStatus?: string;
}

/** A file download: the media type it is sent as. */
export const XLSX_MEDIA = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface EndpointOptions {
  /** One line, shown in the docs. */
  summary: string;
  /** The body of the success response: a DTO class, `[Dto]` for an array, or `null` for no body. */
  response: Type<unknown> | [Type<unknown>] | null;
  /** The success status; 200 unless said (201 is Nest's default for POST, so say it). */
  status?: HttpStatus;
  /** A file instead of JSON: its media type (the body is then binary). */
  file?: string;
  /** With `Prefer: respond-async`: the body of the 202 answer (a job to poll). */
  accepted?: Type<unknown>;
}

/**
 * What a route answers: its success status and body, and `ErrorResponseDto` for every error.
 * Sets the HTTP status too, so that the document and the behaviour cannot drift apart.
 */
export function Endpoint(options: EndpointOptions): MethodDecorator {
  const status = options.status ?? HttpStatus.OK;
  const decorators: Array<MethodDecorator | ClassDecorator> = [
    ApiOperation({ summary: options.summary }),
    HttpCode(status),
    ApiExtraModels(ErrorResponseDto),
    ApiDefaultResponse({ description: 'Error', type: ErrorResponseDto }),
  ];
  if (options.file) {
    // Not ApiProduces: that would move the error shape under the file's media type too.
    decorators.push(ApiResponse({ status, description: 'File', content: { [options.file]: { schema: { type: 'string', format: 'binary' } } } }));
  } else if (options.response === null) {
    decorators.push(ApiResponse({ status, description: 'No body' }));
  } else if (Array.isArray(options.response)) {
    decorators.push(ApiResponse({ status, type: options.response[0], isArray: true }));
  } else {
    decorators.push(ApiResponse({ status, type: options.response }));
  }
  if (options.accepted) decorators.push(ApiResponse({ status: HttpStatus.ACCEPTED, type: options.accepted }));
  return applyDecorators(...decorators);
}
