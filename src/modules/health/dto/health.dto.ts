import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The state of one checked dependency (here: the database). */
export class HealthIndicatorDto {
  @ApiProperty({ enum: ['up', 'down'], enumName: 'HealthIndicatorStatus' }) status!: 'up' | 'down';
}

/** `GET /health` (Terminus' shape): `ok` when PostgreSQL answers; otherwise 503 with the same shape, `error`. */
export class HealthResponseDto {
  @ApiProperty({ enum: ['ok', 'error', 'shutting_down'], enumName: 'HealthStatus' }) status!: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { $ref: '#/components/schemas/HealthIndicatorDto' } })
  info?: Record<string, HealthIndicatorDto>;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { $ref: '#/components/schemas/HealthIndicatorDto' } })
  error?: Record<string, HealthIndicatorDto>;
  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/HealthIndicatorDto' } })
  details!: Record<string, HealthIndicatorDto>;
}
