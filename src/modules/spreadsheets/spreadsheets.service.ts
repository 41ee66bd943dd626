import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { HeavyWorkGate } from '../../common/concurrency/heavy-work-gate.js';
import { ConflictError, InvalidInputError, type FieldProblem } from '../../common/errors/domain-error.js';
import { type Actor, coversUnit, ForbiddenError } from '../../common/access/actor.js';
import { roleHolds } from '../../common/access/roles.js';
import type { CatalogCodes } from '../catalog/catalog-codes.js';
import { CatalogService } from '../catalog/catalog.service.js';
import type { LineFieldsDto } from '../estimates/dto/line.dto.js';
import type { EstimateLine } from '../estimates/entities/estimate-line.entity.js';
import { EDITABLE_STATUSES } from '../estimates/entities/estimate.entity.js';
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
    private readonly gate: HeavyWorkGate,
  ) {}

  /**
   * The cheap checks of an import, made before one byte of the file is parsed (issue 10): the role
   * (the CLI and jobs come in here too, not only through the route), the unit (403; an unknown
   * estimate 404), the status (409 NOT_EDITABLE unless DRAFT or RETURNED) and, when the client
   * sends one, the version (409 when stale). The write checks all of them again in its transaction.
   */
  async assertCanImport(id: string, actor: Actor, version?: number): Promise<EstimateView> {
    if (!roleHolds(actor.role, 'estimates.editLines')) throw new ForbiddenError();
    const estimate = await this.estimates.get(id);
    if (!coversUnit(actor, estimate.unitId)) throw new ForbiddenError();
    if (!EDITABLE_STATUSES.includes(estimate.status)) {
      throw ConflictError.notEditable('estimate', estimate.status);
    }
    if (version !== undefined && version !== estimate.version) throw ConflictError.staleVersion('Estimate', version);
    return estimate;
  }

  /** Queues an import that reports its progress; the job runs as the actor. The cheap checks come first. */
  async queueImport(id: string, file: Buffer, version: number | undefined, actor: Actor): Promise<JobView> {
    await this.assertCanImport(id, actor, version);
    return this.jobs.enqueue('WORKBOOK_IMPORT', id, actor, { version: version ?? null }, file);
  }

  onModuleInit(): void {
    this.jobs.register('WORKBOOK_IMPORT', async ({ target, params, input, actor, progress, complete }) => {
      const reported = new ProgressChain(progress);
      const outcome = (estimate: ImportedEstimate) => ({
        result: { estimateId: estimate.id, version: estimate.version, lineCount: estimate.lines.length, total: estimate.totals.total, importReport: estimate.importReport },
      });
      let estimate: ImportedEstimate;
      try {
        estimate = await this.importEstimateWorkbook(
          target,
          input ?? Buffer.alloc(0),
          (params.version as number | null) ?? undefined,
          actor,
          (read, total) => reported.report(total > 0 ? (90 * read) / total : 0, 'reading'),
          'wait', // a queued job waits for a slot of the gate rather than fail
          // The lines and the job's DONE commit together: a retry after a crash past the commit
          // finds the job done (never a second import, never a 409 against its own first attempt).
          (manager, saved) => reported.settled().then(() => complete(manager, outcome(saved))),
        );
      } finally {
        await reported.settled();
      }
      return outcome(estimate);
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
        lines: estimate.lines.map((line) => ({
          ...lineFields(line),
          appraisedAmount: money(line.appraisedAmount),
          appraisalVariance: line.appraisalVariance === null ? null : line.appraisalVariance.toString(),
        })),
      },
    );
  }

  /**
   * Replaces the estimate's lines with the workbook's, all or nothing: every bad row is reported
   * (422) and nothing is saved. The version is the one the client sends, else the one written in
   * the workbook when it was downloaded; a stale one is 409. The rights, status and a client-sent
   * version are checked before the file is read. The answer is the estimate with `importReport`:
   * the rows whose amount the reader computed from the template's formula, and the blank rows skipped.
   */
  async importEstimateWorkbook(
    id: string,
    file: Buffer,
    version: number | undefined,
    actor: Actor,
    onProgress?: (read: number, total: number) => void,
    slot: 'now' | 'wait' = 'now',
    within?: (manager: EntityManager, saved: ImportedEstimate) => Promise<void>,
  ): Promise<ImportedEstimate> {
    const estimate = await this.assertCanImport(id, actor, version);
    const codes = await this.catalog.codes(estimate.year);
    // Parsing and saving are heavy work: one slot of the instance's gate, held until the lines are
    // saved (the read lines are in memory until then); 429 with Retry-After when none is free.
    const release = slot === 'now' ? this.gate.enter() : await this.gate.wait();
    try {
      return await this.readAndSave(id, estimate, file, codes, version, actor, onProgress, within);
    } finally {
      release();
    }
  }

  private async readAndSave(
    id: string,
    estimate: EstimateView,
    file: Buffer,
    codes: CatalogCodes,
    version: number | undefined,
    actor: Actor,
    onProgress?: (read: number, total: number) => void,
    within?: (manager: EntityManager, saved: ImportedEstimate) => Promise<void>,
  ): Promise<ImportedEstimate> {
    const result = await readEstimateWorkbook(file, codes, {}, onProgress);
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
    const importReport: ImportReport = { amountsComputed: result.amountsComputed, blankRows: result.blankRows };
    const saved = await this.estimates.replaceLines(id, basedOn, result.lines, actor, within && ((manager, view) => within(manager, { ...view, importReport })));
    return { ...saved, importReport };
  }
}

/** What an import says about the file besides the lines it saved. */
export interface ImportReport {
  /** Excel rows whose amount cell held the template's formula without a cached value: computed as quantity × unit price, half-up. */
  amountsComputed: number[];
  /** Rows skipped because every input cell was empty. */
  blankRows: number;
}

export type ImportedEstimate = EstimateView & { importReport: ImportReport };
