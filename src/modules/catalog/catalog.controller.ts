import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CatalogService } from './catalog.service.js';

@ApiTags('catalog')
@Controller('catalog')
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

  /** Plan areas, funding sources, expenditure types and activity kinds. */
  @Get()
  get() {
    return this.catalog.getCatalog();
  }
}
