import { type CanActivate, type ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError, UnauthenticatedError } from '../../common/access/actor.js';
import { type AuthenticatedRequest, PUBLIC_ROUTE, REQUIRED_PERMISSION } from '../../common/access/access.decorators.js';
import { AuthService } from './auth.service.js';
import { type Permission, roleHolds } from '../../common/access/roles.js';

/** Every route: a valid Bearer token, then the route's permission for the actor's role. */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_ROUTE, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) throw new UnauthenticatedError();
    const actor = await this.auth.actorFromToken(token);
    request.actor = actor;

    const permission = this.reflector.getAllAndOverride<Permission | undefined>(REQUIRED_PERMISSION, targets);
    if (!permission) {
      this.logger.error(`Route ${request.method} ${request.path} declares no permission: refused`);
      throw new ForbiddenError();
    }
    if (!roleHolds(actor.role, permission)) throw new ForbiddenError();
    return true;
  }
}
