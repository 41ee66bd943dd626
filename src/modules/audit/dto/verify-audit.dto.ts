import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsObject } from 'class-validator';

/** Checkpoints an auditor saved (from GET /audit/checkpoints), to hold the chain against. */
export class VerifyAuditDto {
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'Checkpoints as GET /audit/checkpoints gave them' })
  @IsArray()
  @ArrayMaxSize(10_000)
  @IsObject({ each: true })
  checkpoints!: Record<string, unknown>[];
}
