import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type CatalogCodes, leafCodes } from './catalog-codes.js';
import { ActivityKind, ExpenditureType, FundingSource, PlanArea } from './entities/catalog.entities.js';

export interface Catalog {
  planAreas: (PlanArea & { selectable: boolean })[];
  fundingSources: FundingSource[];
  expenditureTypes: ExpenditureType[];
  activityKinds: ActivityKind[];
}

@Injectable()
export class CatalogService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async getCatalog(): Promise<Catalog> {
    const order = { sortOrder: 'ASC' as const };
    const [planAreas, fundingSources, expenditureTypes, activityKinds] = await Promise.all([
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

  async codes(): Promise<CatalogCodes> {
    const catalog = await this.getCatalog();
    return {
      planAreas: new Set(catalog.planAreas.filter((area) => area.selectable).map((area) => area.code)),
      fundingSources: new Set(catalog.fundingSources.map((source) => source.code)),
      expenditureTypes: new Set(catalog.expenditureTypes.map((type) => type.code)),
      activityKinds: new Set(catalog.activityKinds.map((kind) => kind.code)),
    };
  }
}
