import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One change of an estimate as a person reads it: who, when, what, on which line. */
export class HistoryEntryDto {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'Cán bộ UBND huyện Yên Phong' }) actorName!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: "The actor's unit", example: 'UBND huyện Yên Phong' }) actorUnitName!: string | null;
  @ApiProperty({ description: 'The audit action, the key of its wording', example: 'line.update' }) action!: string;
  @ApiPropertyOptional({ nullable: true, type: 'integer', description: 'Line number (STT) for a line change', example: 3 }) lineNo!: number | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'Mua máy chủ' }) description!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Status after the change', example: 'SUBMITTED' }) status!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) reason!: string | null;
}

export class HistoryDto {
  @ApiProperty({ type: [HistoryEntryDto] }) items!: HistoryEntryDto[];
}
