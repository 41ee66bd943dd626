import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InvalidInputError, type FieldProblem } from '../../common/errors/domain-error.js';
import { type Actor, coversUnit, ForbiddenError } from '../auth/actor.js';
import { roleHolds } from '../auth/roles.js';
import { CatalogService } from '../catalog/catalog.service.js';
import type { LineFieldsDto } from '../estimates/dto/line.dto.js';
import type { EstimateLine } from '../estimates/entities/estimate-line.entity.js';
import { type EstimateView, EstimatesService } from '../estimates/estimates.service.js';
import { type JobView, JobsService, ProgressChain } from '../jobs/jobs.service.js';
import { writeEstimateWorkbook } from './estimate-template.js';
import { readEstimateWorkbook } from './estimate-workbook-reader.js';
import { RowProblemsError } from './spreadsheet-errors.js';

const money = (value: bigint | null): string | null => (value === null ? null : value.toString());

/** A stored line as the API (and the template) takes it. */
// Every field of the DTO (Required): a field added to lines and left out here fails to compile,
// instead of being dropped silently on the way through the workbook.
function lineFields(line: EstimateLine): Required<LineFieldsDto> {
  return {
    isContinuing: line.isContinuing,
    planAreaCode: line.planAreaCode,
    expenditureTypeCode: line.expenditureTypeCode,
    fundingSourceCode: line.fundingSourceCode,
    activityKindCode: line.activityKindCode,
    description: line.description,
    measureUnit: line.measureUnit,
    quantity: line.quantity,
    unitPrice: line.unitPrice.toString(),
    amount: line.amount.toString(),
    multiYearTotal: money(line.multiYearTotal),
    fundedToPrev2: money(line.fundedToPrev2),
    prevYearEstimate: money(line.prevYearEstimate),
    prevYearExpected: money(line.prevYearExpected),
    projectionNext1: money(line.projectionNext1),
    projectionNext2: money(line.projectionNext2),
    priorityTier: line.priorityTier,
    contingency: money(line.contingency),
    committedMinimum: line.committedMinimum.toString(),
    justification: line.justification,
    loaiKhoan: line.loaiKhoan,
    mucTieuMuc: line.mucTieuMuc,
  };
}

/** The estimate workbook round trip: the template filled with the lines, and its import. */
@Injectable()
export class SpreadsheetsService implements OnModuleInit {
  constructor(
    private readonly estimates: EstimatesService,
    private readonly catalog: CatalogService,
    private readonly jobs: JobsService,
  ) {}

  /** Acting on another unit's estimate is 403 (reading it would be 404); an unknown one is 404. */
  async assertCanImport(id: string, actor: Actor): Promise<void> {
    // The role is checked here too, not only on the route: the CLI and jobs come in this way.
    if (!roleHolds(actor.role, 'estimates.editLines')) throw new ForbiddenError();
    const estimate = await this.estimates.get(id);
    if (!coversUnit(actor, estimate.unitId)) throw new ForbiddenError();
  }

  /** Queues an import that reports its progress; the job runs as the actor. */
  async queueImport(id: string, file: Buffer, version: number | undefined, actor: Actor): Promise<JobView> {
    await this.assertCanImport(id, actor);
    return this.jobs.enqueue('WORKBOOK_IMPORT', id, actor, { version: version ?? null }, file);
  }

  onModuleInit(): void {
    this.jobs.register('WORKBOOK_IMPORT', async ({ target, params, input, actor, progress }) => {
      const reported = new ProgressChain(progress);
      let estimate: EstimateView;
      try {
        estimate = await this.importEstimateWorkbook(target, input ?? Buffer.alloc(0), (params.version as number | null) ?? undefined, actor, (read, total) =>
          reported.report(total > 0 ? (90 * read) / total : 0, 'reading'),
        );
      } finally {
        await reported.settled();
      }
      return { result: { estimateId: estimate.id, version: estimate.version, lineCount: estimate.lines.length, total: estimate.totals.total } };
    });
  }

  /** Loads the estimate (404 outside the actor's units) before anything is written to the client. */
  async estimateFor(id: string, actor: Actor): Promise<EstimateView> {
    return this.estimates.getFor(id, actor);
  }

  /** The filled template, whole: an estimate's workbook is small, and a buffer cannot hang on a client that left. */
  async estimateWorkbook(estimate: EstimateView): Promise<Buffer> {
    const catalog = await this.catalog.getCatalog();
    return writeEstimateWorkbook(
      catalog,
      {
        unitName: estimate.unit.name,
        unitCode: estimate.unit.code,
        year: estimate.year,
        estimateId: estimate.id,
        version: estimate.version,
        lines: estimate.lines.map(lineFields),
      },
    );
  }

  /**
   * Replaces the estimate's lines with the workbook's, all or nothing: every bad row is reported
   * (422) and nothing is saved. The version is the one the client sends, else the one written in
   * the workbook when it was downloaded; a stale one is 409.
   */
  async importEstimateWorkbook(
    id: string,
    file: Buffer,
    version: number | undefined,
    actor: Actor,
    onProgress?: (rowsRead: number, rowsTotal: number) => void,
  ): Promise<EstimateView> {
    await this.assertCanImport(id, actor);
    const estimate = await this.estimates.get(id);
    const result = await readEstimateWorkbook(file, await this.catalog.codes(estimate.year), {}, onProgress);
    if (!result.ok) throw new RowProblemsError(result.problems, result.problemCount);
    const problems: FieldProblem[] = [];
    if (result.meta.estimateId !== undefined && result.meta.estimateId !== id) {
      problems.push({
        field: 'file',
        code: 'OTHER_ESTIMATE',
        message: `Sổ tính này của dự toán ${result.meta.estimateId}, không phải ${id} / this workbook belongs to estimate ${result.meta.estimateId}`,
      });
    }
    if (result.meta.year !== undefined && result.meta.year !== estimate.year) {
      problems.push({ field: 'file', code: 'OTHER_YEAR', message: `Sổ tính năm ${result.meta.year}, dự toán năm ${estimate.year} / the workbook is for another year` });
    }
    const basedOn = version ?? result.meta.version;
    if (basedOn === undefined) {
      problems.push({ field: 'version', code: 'REQUIRED', message: 'version: cần phiên bản dự toán / give the version the workbook is based on' });
    }
    if (problems.length > 0 || basedOn === undefined) throw new InvalidInputError(problems);
    return this.estimates.replaceLines(id, basedOn, result.lines, actor);
  }
}
