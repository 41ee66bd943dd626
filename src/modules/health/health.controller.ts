import { Controller, Get } from '@nestjs/common';
import { ApiExtraModels, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Endpoint } from '../../common/openapi/endpoint.js';
import { Public } from '../../common/access/access.decorators.js';
import { HealthIndicatorDto, HealthResponseDto } from './dto/health.dto.js';

@ApiTags('health')
@Public()
@ApiExtraModels(HealthIndicatorDto)
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
  ) {}

  /** Liveness and database readiness: 200 when PostgreSQL answers, 503 otherwise. */
  @Get()
  // Terminus documents itself through require(), which is not there under ESM: declared here instead.
  @HealthCheck({ swaggerDocumentation: false })
  @Endpoint({ summary: 'Liveness and database readiness (503 with the same shape when down)', response: HealthResponseDto })
  check() {
    return this.health.check([() => this.database.pingCheck('database', { timeout: 3000 })]);
  }
}
