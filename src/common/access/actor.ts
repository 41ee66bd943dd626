// Who is acting, and for which units. Plain TypeScript.
import { DomainError } from '../errors/domain-error.js';
import type { Role } from './roles.js';

export interface Actor {
  userId: string;
  username: string;
  fullName: string;
  role: Role;
  unitId: string;
  /** Units the actor acts for; null means the whole province. */
  unitScope: ReadonlySet<string> | null;
}

export function coversUnit(actor: Actor, unitId: string): boolean {
  return actor.unitScope === null || actor.unitScope.has(unitId);
}

export class ForbiddenError extends DomainError {
  constructor(message = 'Bạn không có quyền thực hiện thao tác này / You may not do this') {
    super('FORBIDDEN', 'FORBIDDEN', message);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'Cần đăng nhập / Sign-in required') {
    super('UNAUTHENTICATED', 'UNAUTHENTICATED', message);
  }
}
