import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Max, Min } from 'class-validator';
import { IsIntegerText, IsOptionalField } from '../../common/validation/validators.js';
import { Permit } from '../../common/access/access.decorators.js';
import { CatalogService } from './catalog.service.js';
import { Endpoint } from '../../common/openapi/endpoint.js';
import { BudgetIndexEditionDto, CatalogDto } from './dto/catalog.response.js';

export class BudgetIndexQuery {
  @ApiPropertyOptional({ description: 'Budget year: only the edition of the index in force that year', example: 2012 })
  @IsOptionalField()
  @IsIntegerText()
  @Min(2000)
  @Max(2200)
  year?: number;
}

@ApiTags('catalog')
@ApiBearerAuth()
@Permit('registry.read')
@Controller('catalog')
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

  /** Plan areas, funding sources, expenditure types and activity kinds. */
  @Get()
  @Endpoint({ summary: 'Plan areas, funding sources, expenditure types and activity kinds', response: CatalogDto })
  get() {
    return this.catalog.getCatalog();
  }

  /**
   * The state budget index (Mục lục ngân sách nhà nước) by edition, each with the budget years it
   * governs, its source, and the chapters, Loại-Khoản and Mục-Tiểu mục seeded for IT lines (each
   * with how far it was verified); `?year=` gives only the edition in force that year.
   */
  @Get('budget-index')
  @Endpoint({ summary: 'The state budget index by edition, with the codes seeded for IT lines', response: [BudgetIndexEditionDto] })
  budgetIndex(@Query() query: BudgetIndexQuery) {
    return this.catalog.budgetIndex(query.year);
  }
}
