// The environment, validated at boot into a typed class. A bad or missing setting stops the
// app with a message naming it, before anything else starts.
import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

const toBoolean = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const lowered = value.trim().toLowerCase();
  if (['true', '1', 'yes'].includes(lowered)) return true;
  if (['false', '0', 'no'].includes(lowered)) return false;
  return value;
};

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^[0-9]+$/.test(value.trim()) ? Number(value.trim()) : value;

export const NODE_ENVS = ['development', 'production', 'test'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];

export class AppConfig {
  @IsIn(NODE_ENVS)
  NODE_ENV: NodeEnv = 'development';

  /** HTTP port of the API. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** Address the API listens on. */
  @IsString()
  HOST = '0.0.0.0';

  /** An existing PostgreSQL; when absent the app runs its own embedded server. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must look like postgres://user[:password]@host[:port]/database' })
  DATABASE_URL?: string;

  /**
   * The app's own connection: a role that owns nothing and is a member of `itbudget_app` (the
   * migrations and grants run as DATABASE_URL's owner). When unset, the owner creates the login
   * role `itbudget_app` itself (see src/database/app-role.ts).
   */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'APP_DATABASE_URL must look like postgres://user[:password]@host[:port]/database' })
  APP_DATABASE_URL?: string;

  /** Where the embedded PostgreSQL keeps its data between runs. */
  @IsString()
  DATA_DIR = './.data';

  /** Port of the embedded PostgreSQL; 0 picks a free one (the log says which). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  EMBEDDED_PG_PORT = 0;

  /** Load the seeds (province, catalog, years, demo estimates) when the database is empty. */
  @Transform(toBoolean)
  @IsBoolean()
  SEED_ON_EMPTY = true;

  /**
   * Serve the OpenAPI documentation at /docs. Unset: on, except with NODE_ENV=production, where
   * the API's whole surface is not advertised unless this says so.
   */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  DOCS_ENABLED?: boolean;

  /** Largest JSON request body accepted. */
  @IsString()
  @Matches(/^[0-9]+(b|kb|mb)$/i, { message: 'BODY_LIMIT must be a size such as 2mb or 500kb' })
  BODY_LIMIT = '2mb';

  /** Run queued jobs in this process (the import CLI and extra API instances may turn it off). */
  @Transform(toBoolean)
  @IsBoolean()
  JOBS_WORKER = true;

  /**
   * A running job's lease, in seconds: its worker renews it every third of this; a job whose
   * instance died (no renewal for this long) is retried on any instance.
   */
  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(3600)
  JOB_LEASE_SECONDS = 10;

  /** Secret that signs access tokens; required in production (in development a random one per start). */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  /**
   * The audit trail's secret (src/modules/audit/anchor.ts): keys the events' MACs and the
   * checkpoints' Ed25519 signature. Never stored in the database. Required in production; in
   * development kept in DATA_DIR/audit-key (mode 0600); in tests random per start.
   */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'AUDIT_KEY must be at least 32 characters' })
  AUDIT_KEY?: string;

  /** A signed checkpoint of the audit chain every this many events (and at every budget decision). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  AUDIT_CHECKPOINT_EVERY = 100;

  /** Lifetime of an access token, in seconds. */
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(7 * 24 * 3600)
  TOKEN_TTL_SECONDS = 8 * 3600;

  /**
   * Express's `trust proxy`: how many reverse proxies stand before the app (0: none, the client's
   * address is the socket's). Sign-in limits per address depend on it.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10)
  TRUST_PROXY = 0;

  /** Failed sign-ins from one address within SIGN_IN_IP_WINDOW_SECONDS before it must wait. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  SIGN_IN_IP_LIMIT = 30;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 3600)
  SIGN_IN_IP_WINDOW_SECONDS = 300;

  /** Sign-in attempts from everywhere, all instances together, within SIGN_IN_GLOBAL_WINDOW_SECONDS. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  SIGN_IN_GLOBAL_LIMIT = 600;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  SIGN_IN_GLOBAL_WINDOW_SECONDS = 60;

  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL: 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log';
}

export class ConfigError extends Error {}

/** Whether /docs is served: DOCS_ENABLED when set, else everywhere but production. */
export function docsEnabled(config: AppConfig): boolean {
  return config.DOCS_ENABLED ?? config.NODE_ENV !== 'production';
}

// Secrets and connection strings (which may hold a password) are named, never printed.
const shown = (key: string, value: string | undefined): string => (/SECRET|PASSWORD|DATABASE_URL|KEY/.test(key) ? '(hidden)' : JSON.stringify(value));

/**
 * Estimated entropy of a secret in bits: the Shannon entropy of its characters times the length
 * of its shortest repeating unit (a secret that is one piece repeated is no stronger than the
 * piece). A random 32-character hex key scores ≈ 115, `"a" × 32` scores 0, `"password" × 4` ≈ 22.
 */
export function secretEntropyBits(secret: string): number {
  const chars = [...secret];
  let period = chars.length;
  for (let p = 1; p < chars.length; p++) {
    if (chars.every((ch, i) => ch === chars[i % p])) {
      period = p;
      break;
    }
  }
  const unit = chars.slice(0, period);
  const counts = new Map<string, number>();
  for (const ch of unit) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let perChar = 0;
  for (const count of counts.values()) perChar -= (count / unit.length) * Math.log2(count / unit.length);
  return perChar * unit.length;
}

/** Below this a production JWT_SECRET is refused (a random 32-character hex key scores about 120). */
export const MIN_SECRET_BITS = 100;

const KNOWN_KEYS = Object.keys(new AppConfig());
// Settings without a default are not own keys of a fresh AppConfig.
const OPTIONAL_KEYS = ['DATABASE_URL', 'APP_DATABASE_URL', 'JWT_SECRET', 'AUDIT_KEY', 'DOCS_ENABLED'];

/** Validates the environment; throws ConfigError naming every bad setting. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // Only our own keys are read; empty strings count as unset.
  const relevant = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => (KNOWN_KEYS.includes(key) || OPTIONAL_KEYS.includes(key)) && value !== ''),
  );
  const config = plainToInstance(AppConfig, relevant, { exposeDefaultValues: true });
  const errors = validateSync(config, { forbidUnknownValues: false });
  const problems = errors.flatMap((error) =>
    Object.values(error.constraints ?? {}).map((message) => `${error.property}=${shown(error.property, env[error.property])}: ${message}`),
  );
  if (config.NODE_ENV === 'production' && !config.JWT_SECRET) problems.push('JWT_SECRET: required when NODE_ENV=production');
  if (config.NODE_ENV === 'production' && !config.AUDIT_KEY) problems.push('AUDIT_KEY: required when NODE_ENV=production');
  for (const key of ['JWT_SECRET', 'AUDIT_KEY'] as const) {
    const secret = config[key];
    if (config.NODE_ENV === 'production' && secret && secretEntropyBits(secret) < MIN_SECRET_BITS) {
      problems.push(
        `${key}=(hidden): too easy to guess (about ${Math.floor(secretEntropyBits(secret))} bits; at least ${MIN_SECRET_BITS} are required in production — ` +
          'use e.g. `openssl rand -hex 32`)',
      );
    }
  }
  if (problems.length > 0) {
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return config;
}
