import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  validateSync,
} from 'class-validator';

export const NODE_ENVS = ['development', 'test', 'production'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Environment strings such as "false" must not become `true` through implicit conversion. */
function toBoolean({ value }: { value: unknown }): unknown {
  if (typeof value !== 'string') return value;
  const normalised = value.trim().toLowerCase();
  if (['true', '1', 'yes'].includes(normalised)) return true;
  if (['false', '0', 'no'].includes(normalised)) return false;
  return value;
}

function toInteger({ value }: { value: unknown }): unknown {
  if (typeof value !== 'string' || !/^-?\d+$/.test(value.trim())) return value;
  return Number(value.trim());
}

function emptyToUndefined({ value }: { value: unknown }): unknown {
  return typeof value === 'string' && value.trim() === '' ? undefined : value;
}

/**
 * The one validated environment schema. Defaults are for local use only: production sets
 * NODE_ENV=production, DATABASE_URL, JWT_SECRET and the first admin's credentials.
 */
export class Environment {
  @IsIn(NODE_ENVS)
  NODE_ENV: NodeEnv = 'development';

  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  @MinLength(1)
  HOST = '127.0.0.1';

  /** Unset: the embedded PGlite engine, with its data in DATA_DIR. */
  @Transform(emptyToUndefined)
  @ValidateIf((env: Environment) => env.DATABASE_URL !== undefined || env.DATABASE_OWNER_URL !== undefined)
  @IsString({ message: 'DATABASE_URL is required when DATABASE_OWNER_URL is set' })
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  /**
   * The role that owns the schema: migrations (and the grants that follow them) run as it, so the app
   * itself can log in as a least-privilege role through DATABASE_URL. Needs DATABASE_URL.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'DATABASE_OWNER_URL must be a postgres:// URL' })
  DATABASE_OWNER_URL?: string;

  @Transform(toBoolean)
  @IsBoolean()
  DB_MIGRATIONS_RUN = true;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(200)
  DB_POOL_SIZE = 10;

  @Transform(toInteger)
  @IsInt()
  @Min(100)
  @Max(600_000)
  DB_STATEMENT_TIMEOUT_MS = 15_000;

  @Transform(toInteger)
  @IsInt()
  @Min(100)
  @Max(120_000)
  DB_CONNECT_TIMEOUT_MS = 5_000;

  /** How many times the app retries its first database connection at start. */
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(100)
  DB_CONNECT_RETRIES = 9;

  @IsString()
  @MinLength(1)
  DATA_DIR = './data';

  @Transform(emptyToUndefined)
  @ValidateIf((env: Environment) => env.NODE_ENV === 'production' || env.JWT_SECRET !== undefined)
  @IsString({ message: 'JWT_SECRET is required when NODE_ENV=production' })
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @Transform(toInteger)
  @IsInt()
  @Min(60)
  @Max(86_400)
  JWT_TTL_SECONDS = 3600;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsEmail({}, { message: 'ADMIN_EMAIL must be an email address' })
  ADMIN_EMAIL?: string;

  @Transform(emptyToUndefined)
  @ValidateIf((env: Environment) => env.ADMIN_EMAIL !== undefined || env.ADMIN_PASSWORD !== undefined)
  @IsString({ message: 'ADMIN_PASSWORD is required when ADMIN_EMAIL is set' })
  @MinLength(12, { message: 'ADMIN_PASSWORD must be at least 12 characters' })
  @MaxLength(200)
  ADMIN_PASSWORD?: string;

  /** Comma-separated origins; unset means CORS is off. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  CORS_ORIGINS?: string;

  @Transform(toInteger)
  @IsInt()
  @Min(1024)
  @Max(10 * 1024 * 1024)
  BODY_LIMIT_BYTES = 256 * 1024;

  /** Login attempts allowed per account in one window. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(10_000)
  LOGIN_RATE_LIMIT = 5;

  /** Login attempts allowed per client address in one window. */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(100_000)
  LOGIN_RATE_LIMIT_PER_IP = 30;

  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(86_400)
  LOGIN_RATE_WINDOW_SECONDS = 60;

  /**
   * How long an Idempotency-Key's stored answer is kept (it can hold client data): a retry within this
   * time replays it; afterwards the key is free again, and a purge removes old answers.
   */
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(720)
  IDEMPOTENCY_TTL_HOURS = 24;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  @Transform(toBoolean)
  @IsBoolean()
  TRUST_PROXY = false;

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }

  get usesEmbeddedDatabase(): boolean {
    return this.DATABASE_URL === undefined;
  }

  get corsOrigins(): string[] {
    return (this.CORS_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin.length > 0);
  }
}

export class InvalidEnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'InvalidEnvironmentError';
  }
}

const KNOWN_KEYS = new Set(Object.keys(new Environment()).concat(['DATABASE_URL', 'DATABASE_OWNER_URL', 'JWT_SECRET', 'ADMIN_EMAIL', 'ADMIN_PASSWORD', 'CORS_ORIGINS']));

/**
 * Validates the raw environment and returns typed settings. Messages name the variable and the rule,
 * never the value, because values may be secrets.
 */
export function loadEnvironment(raw: Record<string, string | undefined>): Environment {
  const relevant: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (KNOWN_KEYS.has(key) && value !== undefined) relevant[key] = value;
  }
  const env = plainToInstance(Environment, relevant, { exposeDefaultValues: true });
  const errors = validateSync(env, { whitelist: true });
  if (errors.length > 0) {
    throw new InvalidEnvironmentError(
      errors.flatMap((error) =>
        Object.values(error.constraints ?? {}).map((message) =>
          message.startsWith(error.property) ? message : `${error.property}: ${message}`,
        ),
      ),
    );
  }
  return env;
}
