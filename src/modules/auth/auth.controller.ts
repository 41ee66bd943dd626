import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Actor } from '../../common/access/actor.js';
import { CurrentActor, Permit, Public } from '../../common/access/access.decorators.js';
import { AuthService } from './auth.service.js';
import { LoginDto } from './dto/login.dto.js';
import { RevokeTokensDto } from './dto/revoke-tokens.dto.js';
import { Endpoint } from '../../common/openapi/endpoint.js';
import { LoginResponseDto, MeResponseDto, RevokedTokensDto } from './dto/auth.response.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /**
   * A Bearer token for the user. Repeated failures are answered 429 with `Retry-After`: per
   * account and address (a growing wait that refused attempts do not extend), per address, and
   * for everyone (see the README, "Security").
   */
  @Public()
  @Post('login')
  @Endpoint({ summary: 'A Bearer token for the user (429 with Retry-After when a sign-in limit is reached)', response: LoginResponseDto })
  login(@Body() dto: LoginDto, @Req() request: Request) {
    // req.ip honours TRUST_PROXY: behind a proxy it is the client's address, not the proxy's.
    return this.auth.login(dto.username, dto.password, request.ip ?? request.socket.remoteAddress ?? 'unknown');
  }

  /** Who the token belongs to and which units they act for (null: the whole province). */
  @ApiBearerAuth()
  @Permit('registry.read')
  @Get('me')
  @Endpoint({ summary: 'Who the token belongs to and which units they act for', response: MeResponseDto })
  async me(@CurrentActor() actor: Actor) {
    return { ...actor, ...(await this.auth.unitNames(actor.unitId)), unitScope: actor.unitScope && [...actor.unitScope] };
  }

  /** Signs out everywhere: every token of the caller issued so far stops working. */
  @ApiBearerAuth()
  @Permit('session.end')
  @Post('logout')
  @Endpoint({ summary: 'Signs out everywhere: every token of the caller issued so far stops working', response: RevokedTokensDto })
  logout(@CurrentActor() actor: Actor) {
    return this.auth.revokeTokens(actor.userId, actor, 'sign-out');
  }

  /** Administrators: ends every token of a user (a lost device, a departure), with a reason. */
  @ApiBearerAuth()
  @Permit('users.revokeTokens')
  @Post('users/:id/revoke-tokens')
  @Endpoint({ summary: "Ends every token of a user (administrators), with a reason kept in the audit trail", response: RevokedTokensDto })
  revoke(@Param('id', ParseUUIDPipe) id: string, @Body() dto: RevokeTokensDto, @CurrentActor() actor: Actor) {
    return this.auth.revokeTokens(id, actor, dto.reason);
  }
}
