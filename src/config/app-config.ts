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

  /** Largest JSON request body accepted. */
  @IsString()
  @Matches(/^[0-9]+(b|kb|mb)$/i, { message: 'BODY_LIMIT must be a size such as 2mb or 500kb' })
  BODY_LIMIT = '2mb';

  /** Run queued jobs in this process (the import CLI and extra API instances may turn it off). */
  @Transform(toBoolean)
  @IsBoolean()
  JOBS_WORKER = true;

  /** Secret that signs access tokens; required in production (in development a random one per start). */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  /** Lifetime of an access token, in seconds. */
  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(7 * 24 * 3600)
  TOKEN_TTL_SECONDS = 8 * 3600;

  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL: 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log';
}

export class ConfigError extends Error {}

// Secrets and connection strings (which may hold a password) are named, never printed.
const shown = (key: string, value: string | undefined): string => (/SECRET|PASSWORD|DATABASE_URL/.test(key) ? '(hidden)' : JSON.stringify(value));

const KNOWN_KEYS = Object.keys(new AppConfig());

/** Validates the environment; throws ConfigError naming every bad setting. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  // Only our own keys are read; empty strings count as unset.
  const relevant = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => (KNOWN_KEYS.includes(key) || key === 'DATABASE_URL' || key === 'JWT_SECRET') && value !== ''),
  );
  const config = plainToInstance(AppConfig, relevant, { exposeDefaultValues: true });
  const errors = validateSync(config, { forbidUnknownValues: false });
  const problems = errors.flatMap((error) =>
    Object.values(error.constraints ?? {}).map((message) => `${error.property}=${shown(error.property, env[error.property])}: ${message}`),
  );
  if (config.NODE_ENV === 'production' && !config.JWT_SECRET) problems.push('JWT_SECRET: required when NODE_ENV=production');
  if (problems.length > 0) {
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return config;
}
