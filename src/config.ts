import { z } from 'zod';

const int = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);
const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'])
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1');

const NamedKey = z.string().transform((entry, ctx) => {
  const match = /^([\w.-]{1,64}):(.{16,})$/.exec(entry);
  if (!match?.[1] || !match[2]) {
    ctx.addIssue({ code: 'custom', message: 'expected "name:key" with a name of letters, digits, "_", "." or "-" and a key of at least 16 characters' });
    return z.NEVER;
  }
  return { name: match[1], key: match[2] };
});

/** Every setting of the service, from environment variables. */
export const ConfigSchema = z.object({
  PORT: int(3000, 0),
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:6379'),
  QUEUE_NAME: z.string().regex(/^[\w-]+$/).default('plans'),
  /**
   * Prefix of every queue key. The braces make it a Redis Cluster hash tag: all the
   * queues' keys land in one slot, as BullMQ's scripts and flows across queues need.
   */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[\w-]*(\{[\w-]+\})?[\w-]*$/, 'letters, digits, "_" and "-", with at most one {hash tag}')
    .min(1)
    .default('{tournee}'),
  /** Named keys, "name:key,name:key": each name is a tenant that sees only its own plans. */
  API_KEYS: z
    .string()
    .default('')
    .transform((s) => s.split(',').map((k) => k.trim()).filter((k) => k.length > 0))
    .pipe(z.array(NamedKey).refine((keys) => new Set(keys.map((k) => k.name)).size === keys.length, 'each key name may appear once')),
  WORKER_CONCURRENCY: int(1, 1),
  JOB_ATTEMPTS: int(2, 1),
  /** How long a worker's hold on a job lasts without renewal; a crashed worker's plans are retried after it. */
  WORKER_LOCK_MS: int(30_000, 1000),
  /** Heap limit of each solver child process; a plan that exceeds it fails that attempt instead of the worker. */
  WORKER_MAX_MEMORY_MB: int(2048, 128),
  /** A finished plan is readable exactly this long after it ends. */
  RESULT_TTL_SECONDS: int(7 * 24 * 3600, 1),
  MAX_ACCOUNTS: int(5000, 1),
  MAX_PROSPECTS: int(1000, 0),
  MAX_HORIZON_DAYS: int(42, 1),
  MAX_TIME_LIMIT_SECONDS: int(300, 1),
  /** Reps in one batch; each rep's portfolio has the limits of a plan. */
  MAX_BATCH_REPS: int(200, 1),
  BODY_LIMIT_BYTES: int(10 * 1024 * 1024, 1024),
  /** Requests per key and window: submissions, and reads and cancels (0 turns a limit off). */
  RATE_LIMIT_SUBMIT: int(600, 0),
  RATE_LIMIT_READ: int(6000, 0),
  RATE_LIMIT_WINDOW_SECONDS: int(60, 1),
  /** A plan's event stream sends a comment this often, so proxies keep it open. */
  EVENTS_HEARTBEAT_SECONDS: int(15, 1),
  /** How long a SIGTERM may take: running plans get this long to finish, then the process exits anyway. */
  SHUTDOWN_GRACE_SECONDS: int(25, 1),
  OSRM_URL: z.url({ protocol: /^https?$/ }).optional(),
  OSRM_PROFILE: z.string().regex(/^[\w-]+$/).default('driving'),
  OSRM_MAX_TABLE_SIZE: int(100, 2),
  OSRM_TIMEOUT_MS: int(10_000, 1),
  OSRM_RETRIES: int(3, 0),
  /** An account snapped farther than this from a road (metres) is left out of the plan as unreachable, with the distance. */
  OSRM_MAX_SNAP_METERS: z.coerce.number().positive().default(1000),
  OSRM_FALLBACK_HAVERSINE: bool(false),
  /** Names the road data behind OSRM_URL; change it after preparing new data so cached times are not reused. */
  OSRM_DATA_VERSION: z.string().default(''),
  MATRIX_CACHE_TTL_SECONDS: int(8 * 24 * 3600, 0),
  /** The matrix cache may live in its own Redis (allkeys-lru); the job store must never evict. */
  MATRIX_CACHE_REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  CALLBACK_SECRET: z.string().min(16).optional(),
  /** Lets callbacks reach loopback and private addresses (tests, closed networks). */
  CALLBACK_ALLOW_PRIVATE: bool(false),
  CALLBACK_TIMEOUT_MS: int(10_000, 1),
  CALLBACK_ATTEMPTS: int(10, 1),
  HAVERSINE_SPEED_KMH: z.coerce.number().positive().default(50),
  HAVERSINE_DETOUR_FACTOR: z.coerce.number().min(1).default(1.3),
});

export type Config = Readonly<z.infer<typeof ConfigSchema>>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses the environment once; lists every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  // An empty variable (VAR= in a compose file) means "not set".
  const set = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(set);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return Object.freeze(parsed.data);
}

/** Defaults, for tests and the in-process CLI. */
export function defaultConfig(overrides: Partial<Record<keyof Config, string>> = {}): Config {
  return loadConfig(overrides);
}

/** The environment that reproduces a config for the processor's child processes; secrets stay out of it. */
export function configToEnv(config: Config): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries<unknown>(config)) {
    if (key === 'API_KEYS' || key === 'CALLBACK_SECRET') continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') env[key] = String(value);
  }
  return env;
}
