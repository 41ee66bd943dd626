import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { type BudgetIndexEdition, editionFor, type Verification, type YearClassification } from './budget-index.js';
import { type CatalogCodes, leafCodes } from './catalog-codes.js';
import { ActivityKind, ExpenditureType, FundingSource, PlanArea } from './entities/catalog.entities.js';

export interface Catalog {
  planAreas: (PlanArea & { selectable: boolean })[];
  fundingSources: FundingSource[];
  expenditureTypes: ExpenditureType[];
  activityKinds: ActivityKind[];
}

interface CodeRow {
  code: string;
  name: string;
  nameEn: string;
  verification: Verification;
  note: string;
}

/** One edition of the state budget index with the codes seeded for it. */
export interface BudgetIndexView extends BudgetIndexEdition {
  chapters: CodeRow[];
  /** Loại-Khoản as "LLL-KKK", with the Loại and its name. */
  sectorItems: (CodeRow & { loai: string; khoan: string; loaiName: string })[];
  /** Mục-Tiểu mục as "MMMM-TTTT", with the Mục and its name. */
  economicItems: (CodeRow & { muc: string; tieuMuc: string; mucName: string })[];
}

/**
 * The catalog: plan areas, funding sources, expenditure types, activity kinds and the editions of
 * the state budget index. Owns their tables; other modules read them only through this service
 * (DESIGN.md section 1, "ownership").
 */
@Injectable()
export class CatalogService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The funding sources in catalog order (code, names, budget level), read in `manager`'s snapshot. */
  fundingSources(manager: EntityManager = this.dataSource.manager): Promise<FundingSource[]> {
    return manager.find(FundingSource, { order: { sortOrder: 'ASC', code: 'ASC' } });
  }

  /** The whole catalog in sort order; `manager` reads it in a transaction's snapshot (one query after another there). */
  async getCatalog(manager?: EntityManager): Promise<Catalog> {
    const order = { sortOrder: 'ASC' as const };
    const [planAreas, fundingSources, expenditureTypes, activityKinds] = manager
      ? [await manager.find(PlanArea, { order }), await manager.find(FundingSource, { order }), await manager.find(ExpenditureType, { order }), await manager.find(ActivityKind, { order })]
      : await Promise.all([
          this.dataSource.getRepository(PlanArea).find({ order }),
          this.dataSource.getRepository(FundingSource).find({ order }),
          this.dataSource.getRepository(ExpenditureType).find({ order }),
          this.dataSource.getRepository(ActivityKind).find({ order }),
        ]);
    const leaves = leafCodes(planAreas);
    return {
      planAreas: planAreas.map((area) => ({ ...area, selectable: leaves.has(area.code) })),
      fundingSources,
      expenditureTypes,
      activityKinds,
    };
  }

  /** The catalog's codes; with `year`, also the Loại-Khoản and Mục-Tiểu mục of the index in force that year. */
  async codes(year?: number): Promise<CatalogCodes> {
    const catalog = await this.getCatalog();
    return {
      planAreas: new Set(catalog.planAreas.filter((area) => area.selectable).map((area) => area.code)),
      fundingSources: new Set(catalog.fundingSources.map((source) => source.code)),
      expenditureTypes: new Set(catalog.expenditureTypes.map((type) => type.code)),
      activityKinds: new Set(catalog.activityKinds.map((kind) => kind.code)),
      ...(year === undefined ? {} : { classification: await this.classificationFor(year) }),
    };
  }

  /** Every edition of the state budget index, oldest first. */
  async editions(manager: EntityManager = this.dataSource.manager): Promise<BudgetIndexEdition[]> {
    const rows = await manager.query<Record<string, unknown>[]>(
      `SELECT code, document, title, title_en, valid_from_year, valid_to_year, source FROM budget_index_editions ORDER BY valid_from_year`,
    );
    return rows.map((row) => ({
      code: row.code as string,
      document: row.document as string,
      title: row.title as string,
      titleEn: row.title_en as string,
      validFromYear: row.valid_from_year as number,
      validToYear: row.valid_to_year as number | null,
      source: row.source as string,
    }));
  }

  /** The codes a line of budget year `year` may carry (empty sets, edition null, when no index governs it). */
  async classificationFor(year: number, manager: EntityManager = this.dataSource.manager): Promise<YearClassification> {
    const edition = editionFor(await this.editions(manager), year);
    if (!edition) return { year, edition: null, loaiKhoan: new Set(), mucTieuMuc: new Set() };
    const sector = await manager.query<{ code: string }[]>(`SELECT loai || '-' || khoan AS code FROM budget_sector_items WHERE edition_code = $1`, [edition.code]);
    const economic = await manager.query<{ code: string }[]>(`SELECT muc || '-' || tieu_muc AS code FROM budget_economic_items WHERE edition_code = $1`, [
      edition.code,
    ]);
    return {
      year,
      edition: { code: edition.code, document: edition.document },
      loaiKhoan: new Set(sector.map((row) => row.code)),
      mucTieuMuc: new Set(economic.map((row) => row.code)),
    };
  }

  /** Each edition with its codes; with `year`, only the edition in force that year (none: empty list). */
  async budgetIndex(year?: number): Promise<BudgetIndexView[]> {
    const editions = await this.editions();
    const chosen = year === undefined ? editions : editions.filter((edition) => edition === editionFor(editions, year));
    const views: BudgetIndexView[] = [];
    for (const edition of chosen) {
      const [chapters, sector, economic] = await Promise.all([
        this.dataSource.query<Record<string, string>[]>(
          `SELECT code, name, name_en, verification, note FROM budget_chapters WHERE edition_code = $1 ORDER BY code`,
          [edition.code],
        ),
        this.dataSource.query<Record<string, string>[]>(
          `SELECT loai, khoan, loai_name, name, name_en, verification, note FROM budget_sector_items WHERE edition_code = $1 ORDER BY loai, khoan`,
          [edition.code],
        ),
        this.dataSource.query<Record<string, string>[]>(
          `SELECT muc, tieu_muc, muc_name, name, name_en, verification, note FROM budget_economic_items WHERE edition_code = $1 ORDER BY muc, tieu_muc`,
          [edition.code],
        ),
      ]);
      const base = (row: Record<string, string>) => ({ name: row.name, nameEn: row.name_en, verification: row.verification as Verification, note: row.note });
      views.push({
        ...edition,
        chapters: chapters.map((row) => ({ code: row.code, ...base(row) })),
        sectorItems: sector.map((row) => ({ code: `${row.loai}-${row.khoan}`, loai: row.loai, khoan: row.khoan, loaiName: row.loai_name, ...base(row) })),
        economicItems: economic.map((row) => ({ code: `${row.muc}-${row.tieu_muc}`, muc: row.muc, tieuMuc: row.tieu_muc, mucName: row.muc_name, ...base(row) })),
      });
    }
    return views;
  }
}
