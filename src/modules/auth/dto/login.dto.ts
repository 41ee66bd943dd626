import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'yenphong.head' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  username!: string;

  @ApiProperty({ example: 'itbudget-demo' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  password!: string;
}
