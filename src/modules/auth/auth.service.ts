import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { DomainError, NotFoundError } from '../../common/errors/domain-error.js';
import { AppConfig } from '../../config/app-config.js';
import { type Actor, UnauthenticatedError } from '../../common/access/actor.js';
import { User } from './entities/user.entity.js';
import { AuditService } from '../audit/audit.service.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { UNIT_ROLES } from '../../common/access/roles.js';
import { UnitsService } from '../units/units.service.js';

/** What an access token carries; `sub`, `ver` and `exp` are required (see parseTokenPayload). */
interface TokenPayload {
  sub: string;
  username: string;
  role: string;
  /** The user's token version when it was issued: raising it (sign-out, revocation) ends the token. */
  ver: number;
}

export interface LoginResult {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  user: Pick<User, 'id' | 'username' | 'fullName' | 'role' | 'unitId'> & UnitNames;
}

/** The code and name of a user's unit, beside its id. */
export interface UnitNames {
  unitCode: string;
  unitName: string;
}

let dummy: Promise<string> | undefined;
const dummyHash = (): Promise<string> => (dummy ??= hashPassword('itbudget: no such user'));

const WRONG_CREDENTIALS = 'Sai tên đăng nhập hoặc mật khẩu / Wrong username or password';
const INVALID_TOKEN = 'Phiên đăng nhập không hợp lệ hoặc đã hết hạn / Invalid or expired token';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Which sign-in limit refused an attempt (see migrations/…-SignInLimits.ts). */
export type SignInLimit = 'ACCOUNT' | 'ADDRESS' | 'GLOBAL';

const LIMIT_CODES: Record<SignInLimit, { code: string; vi: string; en: string }> = {
  ACCOUNT: { code: 'LOGIN_BACKOFF', vi: 'Đăng nhập sai nhiều lần', en: 'Too many failed sign-ins for this account from your address' },
  ADDRESS: { code: 'LOGIN_ADDRESS_LIMIT', vi: 'Quá nhiều lần đăng nhập sai từ địa chỉ này', en: 'Too many failed sign-ins from your address' },
  GLOBAL: { code: 'LOGIN_GLOBAL_LIMIT', vi: 'Hệ thống đang nhận quá nhiều lượt đăng nhập', en: 'Too many sign-ins right now' },
};

/** 429 with the seconds to wait; the error filter sends them as `Retry-After`. */
export class TooManyAttemptsError extends DomainError {
  constructor(
    readonly retryAfterSeconds: number,
    limit: SignInLimit = 'ACCOUNT',
  ) {
    const { code, vi, en } = LIMIT_CODES[limit];
    super('TOO_MANY_REQUESTS', code, `${vi}, thử lại sau ${retryAfterSeconds} giây / ${en}, retry in ${retryAfterSeconds} s`);
  }
}

/**
 * The claims of a verified token, or null when a required one is missing or malformed: `sub` (a
 * user id), `ver` (a token version) and `exp` (a token that never expires is refused too).
 */
export function parseTokenPayload(payload: unknown): TokenPayload | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const claims = payload as Record<string, unknown>;
  if (typeof claims.sub !== 'string' || !UUID.test(claims.sub)) return null;
  if (typeof claims.exp !== 'number' || !Number.isFinite(claims.exp)) return null;
  if (typeof claims.ver !== 'number' || !Number.isInteger(claims.ver)) return null;
  return { sub: claims.sub, username: String(claims.username), role: String(claims.role), ver: claims.ver };
}

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly units: UnitsService,
  ) {}

  /**
   * Who the users are, as people read them in histories and workbooks: username and full name by
   * user id, with the name of their unit (ids of unknown users are absent). The one way other
   * modules read the users table.
   */
  async people(
    userIds: readonly string[],
    // Inside a transaction, its own connection: no second one is taken from the pool.
    manager: Pick<EntityManager, 'query'> = this.dataSource.manager,
  ): Promise<Map<string, { username: string; fullName: string; unitName: string | null }>> {
    const unique = [...new Set(userIds)];
    if (unique.length === 0) return new Map();
    const rows = await manager.query<{ id: string; username: string; full_name: string; unit_id: string | null }[]>(
      'SELECT id, username, full_name, unit_id FROM users WHERE id = ANY($1::uuid[])',
      [unique],
    );
    const units = await this.units.namesOf(
      rows.flatMap((row) => (row.unit_id ? [row.unit_id] : [])),
      manager,
    );
    return new Map(rows.map((row) => [row.id, { username: row.username, fullName: row.full_name, unitName: (row.unit_id && units.get(row.unit_id)?.name) ?? null }]));
  }

  /**
   * Signs a user in from `address` (the client's IP). The limits live in PostgreSQL (every
   * instance applies them) behind `sign_in_begin`, which also hands over the one password hash
   * needed: the app's role cannot read hashes otherwise. Throws TooManyAttemptsError (429, with
   * the seconds to wait) or UnauthenticatedError (401).
   */
  async login(username: string, password: string, address: string): Promise<LoginResult> {
    const [begun] = await this.dataSource.query<{ refused: SignInLimit | null; retry_after: number; user_id: string | null; password_hash: string | null }[]>(
      'SELECT refused, retry_after, user_id, password_hash FROM sign_in_begin($1, $2)',
      [username, address],
    );
    if (begun.refused) throw new TooManyAttemptsError(begun.retry_after, begun.refused);
    // An unknown name costs the same hash check, so timing does not tell which names exist.
    const valid = await verifyPassword(begun.password_hash ?? (await dummyHash()), password);
    if (!begun.user_id || !valid) throw new UnauthenticatedError(WRONG_CREDENTIALS);
    await this.dataSource.query('SELECT sign_in_end($1, $2)', [username, address]);

    const user = await this.dataSource.getRepository(User).findOneByOrFail({ id: begun.user_id });
    const payload: TokenPayload = { sub: user.id, username: user.username, role: user.role, ver: user.tokenVersion };
    const accessToken = await this.jwt.signAsync(payload, { expiresIn: this.config.TOKEN_TTL_SECONDS, algorithm: 'HS256' });
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: this.config.TOKEN_TTL_SECONDS,
      user: { id: user.id, username: user.username, fullName: user.fullName, role: user.role, unitId: user.unitId, ...(await this.unitNames(user.unitId)) },
    };
  }

  /** The code and name of a unit (the user's), for answers a person reads. */
  async unitNames(unitId: string): Promise<UnitNames> {
    const unit = await this.units.nameOf(unitId);
    return { unitCode: unit?.code ?? '', unitName: unit?.name ?? '' };
  }

  /**
   * The actor behind a token: signed with our key (HS256 only), with `sub`, `ver` and `exp`, of
   * a user still active whose token version has not moved on; the scope is read fresh.
   */
  async actorFromToken(token: string): Promise<Actor> {
    let payload: TokenPayload | null;
    try {
      payload = parseTokenPayload(await this.jwt.verifyAsync<object>(token, { algorithms: ['HS256'] }));
    } catch {
      payload = null;
    }
    if (!payload) throw new UnauthenticatedError(INVALID_TOKEN);
    return this.actorForUser(payload.sub, payload.ver);
  }

  /**
   * Ends every token of the user issued so far (sign-out everywhere, or an administrator revoking
   * them): the token version moves on, in one statement, recorded in the audit trail.
   */
  async revokeTokens(userId: string, by: Actor, reason: string): Promise<{ userId: string; revoked: true }> {
    await this.dataSource.transaction(async (manager) => {
      const [rows] = await manager.query<[{ username: string; unit_id: string; token_version: number }[], number]>(
        'UPDATE users SET token_version = token_version + 1 WHERE id = $1 RETURNING username, unit_id, token_version',
        [userId],
      );
      const row = rows[0];
      if (!row) throw new NotFoundError('User', userId);
      await this.audit.record(manager, {
        actor: by,
        unitId: row.unit_id,
        entityType: 'user',
        entityId: userId,
        action: by.userId === userId ? 'auth.sign-out' : 'auth.revoke-tokens',
        after: { username: row.username, tokenVersion: row.token_version },
        reason,
      });
    });
    return { userId, revoked: true };
  }

  /** The actor of a user (a job runs as the user who started it); the scope is read fresh. */
  async actorForUser(userId: string, tokenVersion?: number): Promise<Actor> {
    const user = await this.dataSource.getRepository(User).findOneBy({ id: userId, active: true });
    if (!user) throw new UnauthenticatedError('Tài khoản không còn hiệu lực / Account no longer active');
    if (tokenVersion !== undefined && tokenVersion !== user.tokenVersion) {
      throw new UnauthenticatedError('Phiên đăng nhập đã kết thúc (đăng xuất hoặc bị thu hồi) / This token was signed out or revoked');
    }
    let unitScope: Set<string> | null = null;
    if (UNIT_ROLES.includes(user.role)) {
      // The unit and everything under it: a district and its communes.
      unitScope = new Set(await this.units.scopeOf(user.unitId));
    }
    return { userId: user.id, username: user.username, fullName: user.fullName, role: user.role, unitId: user.unitId, unitScope };
  }
}
