import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsRequiredText } from '../../../common/validation/validators.js';

export class LoginDto {
  @ApiProperty({ example: 'yenphong.head' })
  @IsRequiredText()
  @MaxLength(60)
  username!: string;

  @ApiProperty({ example: 'itbudget-demo' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  password!: string;
}
