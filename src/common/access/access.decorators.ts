import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { Actor } from './actor.js';
import type { Permission } from './roles.js';

export const PUBLIC_ROUTE = 'itbudget:public';
export const REQUIRED_PERMISSION = 'itbudget:permission';

/** Open without sign-in (health, login). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** The permission a route requires; a route without one is refused (fail closed). */
export const Permit = (permission: Permission) => SetMetadata(REQUIRED_PERMISSION, permission);

export interface AuthenticatedRequest extends Request {
  actor?: Actor;
}

/** The signed-in actor, set by the access guard. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new Error('CurrentActor used on a route without an authenticated actor');
  return actor;
});
