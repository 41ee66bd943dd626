import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permit } from '../auth/auth.decorators.js';
import { CatalogService } from './catalog.service.js';
import { Endpoint } from '../../common/openapi/endpoint.js';
import { CatalogDto } from './dto/catalog.response.js';

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
}
