import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permit } from '../auth/auth.decorators.js';
import { CatalogService } from './catalog.service.js';

@ApiTags('catalog')
@ApiBearerAuth()
@Permit('registry.read')
@Controller('catalog')
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

  /** Plan areas, funding sources, expenditure types and activity kinds. */
  @Get()
  get() {
    return this.catalog.getCatalog();
  }
}
