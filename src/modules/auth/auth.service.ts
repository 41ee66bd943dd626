import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error.js';
import { AppConfig } from '../../config/app-config.js';
import { type Actor, UnauthenticatedError } from './actor.js';
import { User } from './entities/user.entity.js';
import { hashPassword, loginBackoffSeconds, verifyPassword } from './passwords.js';
import { UNIT_ROLES } from './roles.js';

interface TokenPayload {
  sub: string;
  username: string;
  role: string;
}

export interface LoginResult {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  user: Pick<User, 'id' | 'username' | 'fullName' | 'role' | 'unitId'>;
}

let dummy: Promise<string> | undefined;
const dummyHash = (): Promise<string> => (dummy ??= hashPassword('itbudget: no such user'));

const WRONG_CREDENTIALS = 'Sai tên đăng nhập hoặc mật khẩu / Wrong username or password';

export class TooManyAttemptsError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      'TOO_MANY_REQUESTS',
      'LOGIN_BACKOFF',
      `Đăng nhập sai nhiều lần, thử lại sau ${retryAfterSeconds} giây / Too many failed sign-ins, retry in ${retryAfterSeconds} s`,
    );
  }
}

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  async login(username: string, password: string): Promise<LoginResult> {
    // Every attempt is counted before the password is checked, under a lock on the username's
    // row: parallel attempts each see the count before them, so none slip past the backoff.
    // The count lives in PostgreSQL, so every instance slows the same attacker.
    const previous = await this.dataSource.transaction(async (manager) => {
      await manager.query('INSERT INTO login_failures (username, failures, last_failed_at) VALUES ($1, 0, now()) ON CONFLICT DO NOTHING', [username]);
      const [row] = await manager.query<[{ failures: number; wait: number }]>(
        `SELECT failures, EXTRACT(EPOCH FROM (clock_timestamp() - last_failed_at))::float8 AS wait FROM login_failures WHERE username = $1 FOR UPDATE`,
        [username],
      );
      await manager.query('UPDATE login_failures SET failures = failures + 1, last_failed_at = clock_timestamp() WHERE username = $1', [username]);
      return row;
    });
    const backoff = loginBackoffSeconds(previous.failures);
    if (backoff > 0 && backoff > previous.wait) throw new TooManyAttemptsError(Math.ceil(backoff - previous.wait));

    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.username = :username AND u.active', { username })
      .getOne();
    // An unknown name costs the same hash check, so timing does not tell which names exist.
    const valid = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
    if (!user || !valid) throw new UnauthenticatedError(WRONG_CREDENTIALS);
    await this.dataSource.query('DELETE FROM login_failures WHERE username = $1', [username]);

    const payload: TokenPayload = { sub: user.id, username: user.username, role: user.role };
    const accessToken = await this.jwt.signAsync(payload, { expiresIn: this.config.TOKEN_TTL_SECONDS });
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: this.config.TOKEN_TTL_SECONDS,
      user: { id: user.id, username: user.username, fullName: user.fullName, role: user.role, unitId: user.unitId },
    };
  }

  /** The actor behind a token: the user must still exist and be active; the scope is read fresh. */
  async actorFromToken(token: string): Promise<Actor> {
    let payload: TokenPayload;
    try {
      payload = await this.jwt.verifyAsync<TokenPayload>(token);
    } catch {
      throw new UnauthenticatedError('Phiên đăng nhập không hợp lệ hoặc đã hết hạn / Invalid or expired token');
    }
    return this.actorForUser(payload.sub);
  }

  /** The actor of a user (a job runs as the user who started it); the scope is read fresh. */
  async actorForUser(userId: string): Promise<Actor> {
    const user = await this.dataSource.getRepository(User).findOneBy({ id: userId, active: true });
    if (!user) throw new UnauthenticatedError('Tài khoản không còn hiệu lực / Account no longer active');
    let unitScope: Set<string> | null = null;
    if (UNIT_ROLES.includes(user.role)) {
      // The unit and everything under it: a district and its communes.
      const rows = await this.dataSource.query<{ id: string }[]>(
        `WITH RECURSIVE scope AS (
           SELECT id FROM units WHERE id = $1
           UNION ALL SELECT u.id FROM units u JOIN scope s ON u.parent_id = s.id)
         SELECT id FROM scope`,
        [user.unitId],
      );
      unitScope = new Set(rows.map((row) => row.id));
    }
    return { userId: user.id, username: user.username, fullName: user.fullName, role: user.role, unitId: user.unitId, unitScope };
  }
}
