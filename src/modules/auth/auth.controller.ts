import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from './actor.js';
import { CurrentActor, Permit, Public } from './auth.decorators.js';
import { AuthService } from './auth.service.js';
import { LoginDto } from './dto/login.dto.js';
import { Endpoint } from '../../common/openapi/endpoint.js';
import { LoginResponseDto, MeResponseDto } from './dto/auth.response.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** A Bearer token for the user. Repeated failures for a username are answered 429 with a growing wait. */
  @Public()
  @Post('login')
  @Endpoint({ summary: 'A Bearer token for the user (429 with a growing wait after repeated failures)', response: LoginResponseDto })
  login(@Body() dto: LoginDto) {
    return this.auth.login(dto.username, dto.password);
  }

  /** Who the token belongs to and which units they act for (null: the whole province). */
  @ApiBearerAuth()
  @Permit('registry.read')
  @Get('me')
  @Endpoint({ summary: 'Who the token belongs to and which units they act for', response: MeResponseDto })
  me(@CurrentActor() actor: Actor) {
    return { ...actor, unitScope: actor.unitScope && [...actor.unitScope] };
  }
}
