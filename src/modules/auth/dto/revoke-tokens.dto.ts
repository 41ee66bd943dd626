import { ApiProperty } from '@nestjs/swagger';
import { MaxLength } from 'class-validator';
import { IsRequiredText } from '../../../common/validation/validators.js';

export class RevokeTokensDto {
  @ApiProperty({ example: 'Máy tính bị mất / Lost laptop' })
  @IsRequiredText()
  @MaxLength(500)
  reason!: string;
}
