import { ApiBool, ApiDateTime, ApiEnum, ApiInt, ApiJson, ApiNested, ApiText, ApiUuid } from '../../../common/openapi/api-fields.js';
import { ErrorResponseDto } from '../../../common/openapi/endpoint.js';

/** A long import or export: poll `GET /jobs/{id}` until DONE or FAILED. */
export class JobDto {
  @ApiUuid() id!: string;
  @ApiEnum(['WORKBOOK_IMPORT', 'REPORT_EXPORT'], 'JobKind') kind!: string;
  @ApiEnum(['QUEUED', 'RUNNING', 'DONE', 'FAILED'], 'JobStatus') status!: string;
  @ApiInt({ description: '0..100' }) percent!: number;
  @ApiText({ nullable: true }) phase!: string | null;
  @ApiText({ description: 'What the job works on (an estimate id, a year)' }) target!: string;
  @ApiJson({ nullable: true, description: 'When DONE: what the request would have answered (an import: the estimate)' }) result!: unknown;
  @ApiNested(ErrorResponseDto, { nullable: true, description: 'When FAILED: the error, as the request would have answered it' }) error!: ErrorResponseDto | null;
  @ApiBool({ description: 'A file to fetch at GET /jobs/{id}/file' }) hasFile!: boolean;
  @ApiDateTime() createdAt!: string;
  @ApiDateTime({ nullable: true }) startedAt!: string | null;
  @ApiDateTime({ nullable: true }) finishedAt!: string | null;
  @ApiInt({ description: 'How many attempts have taken the job so far: 0 while first queued; more than 1 after a retry (an instance died, or a server error)' })
  attempts!: number;
  @ApiText({ nullable: true, description: 'The instance running the job, or that ran its last attempt (host:pid); null before any attempt' })
  worker!: string | null;
}
