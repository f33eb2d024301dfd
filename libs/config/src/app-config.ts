/**
 * The engine's configuration: read from the environment once, validated with a message
 * naming every bad variable, cached; `resetConfigCache` is for tests.
 */
import { createPrivateKey } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { allowedHostProblem, type CallbackDestinationOptions } from '../../callbacks/src';

export const ROLES = ['intake', 'agent', 'manager', 'director', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface ApiKeyEntry {
  principal: string;
  role: Role;
  secret: string;
}

const apiKeys = z
  .string()
  .transform((text, ctx): ApiKeyEntry[] => {
    const entries: ApiKeyEntry[] = [];
    for (const raw of text.split(',').map((s) => s.trim()).filter(Boolean)) {
      const [principal, role, ...rest] = raw.split(':');
      const secret = rest.join(':');
      if (!principal || !secret || !(ROLES as readonly string[]).includes(role)) {
        ctx.addIssue({
          code: 'custom',
          message: `entry "${principal ?? raw}:${role ?? ''}:…" must be principal:role:secret with role one of ${ROLES.join(', ')}`,
        });
        continue;
      }
      entries.push({ principal, role: role as Role, secret });
    }
    return entries;
  });

const port = z.coerce.number().int().min(0).max(65535);

/** How many requests one API key (or, without a key, one address) may make per window: "300/1s", "6000/1m", or "off". */
export interface RateLimit {
  limit: number;
  windowMs: number;
}

/** Above what one intake system sends in a burst (the benchmark's 200/s from one key), far below what floods a process. */
export const DEFAULT_RATE_LIMIT = '300/1s';

const WINDOW_UNITS_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

const rateLimit = z.string().transform((text, ctx): RateLimit | null => {
  if (text.trim() === 'off') return null;
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*(ms|s|m|h)\s*$/.exec(text);
  const limit = match ? Number(match[1]) : 0;
  const windowMs = match ? Number(match[2]) * WINDOW_UNITS_MS[match[3]] : 0;
  if (!match || limit < 1 || windowMs < 1 || !Number.isSafeInteger(limit) || !Number.isSafeInteger(windowMs)) {
    ctx.addIssue({ code: 'custom', message: 'must be <requests>/<window> such as 300/1s or 6000/1m (units ms, s, m, h), or off' });
    return null;
  }
  return { limit, windowMs };
});

const flag = z.enum(['true', 'false'], 'must be true or false').transform((value) => value === 'true');

/** Comma-separated host names, IP addresses or CIDR ranges (libs/callbacks says what each may be). */
const allowedHosts = z.string().transform((text, ctx): string[] => {
  const entries = text.split(',').map((s) => s.trim()).filter(Boolean);
  for (const entry of entries) {
    const problem = allowedHostProblem(entry);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }
  return entries;
});

/** An Ed25519 private key as base64 of its PKCS#8 DER encoding, or as a PKCS#8 PEM. */
function isEd25519PrivateKey(text: string): boolean {
  try {
    const key = text.includes('-----BEGIN')
      ? createPrivateKey(text)
      : createPrivateKey({ key: Buffer.from(text.trim(), 'base64'), format: 'der', type: 'pkcs8' });
    return key.asymmetricKeyType === 'ed25519';
  } catch {
    return false;
  }
}

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port.default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection URL')
    .optional(),
  TEMPORAL_ADDRESS: z.string().regex(/^[^\s:]+:\d+$/, 'must be host:port').optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('complaints'),
  POLICY_FILE: z.string().min(1).optional(),
  API_KEYS: apiKeys.optional(),
  /** the current secret, then (while intake systems move over) the ones before it: whsec_new,whsec_old */
  WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/]+={0,2}(,\s*whsec_[A-Za-z0-9+/]+={0,2})*$/, 'must be whsec_<base64>, or several comma-separated (the current one first)')
    .transform((text) => text.split(',').map((secret) => secret.trim()))
    .optional(),
  /** plain-http callback URLs are allowed (development only) */
  WEBHOOK_ALLOW_HTTP: flag.default(false),
  /** per API key (or address, without a key), in each API process */
  RATE_LIMIT: rateLimit.prefault(DEFAULT_RATE_LIMIT),
  /** callback hosts an operator allows even when they are not public */
  WEBHOOK_ALLOWED_HOSTS: allowedHosts.default([]),
  DATA_DIR: z.string().min(1).default('./.data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** prebuilt workflow bundle for the worker; when unset the worker bundles from source */
  WORKFLOW_BUNDLE: z.string().min(1).optional(),
  /** the Ed25519 key that signs audit checkpoints (generated in development) */
  AUDIT_SIGNING_KEY: z
    .string()
    .refine(
      isEd25519PrivateKey,
      'must be an Ed25519 private key: base64 of its PKCS#8 DER (openssl genpkey -algorithm ed25519 -outform DER | base64 -w0)',
    )
    .optional(),
  /** case workflows a worker keeps in memory; the others are replayed from history when needed */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).default(300),
  /**
   * the worker process's niceness (0–19): on shared cores, workflow starts, timers and
   * webhooks yield the CPU to the API, so intake never queues behind them (the outbox can wait)
   */
  WORKER_NICE: z.coerce.number().int().min(0).max(19).default(10),
  /** the niceness of the Temporal dev server `npm start` runs when TEMPORAL_ADDRESS is unset (0–19), for the same reason */
  TEMPORAL_DEV_SERVER_NICE: z.coerce.number().int().min(0).max(19).default(10),
  /** the built web console the API serves at /console (default: <repo>/dist/console) */
  CONSOLE_DIR: z.string().min(1).optional(),
  /** who may read the API's GET /metrics: anyone (none) or admin keys only (admin) */
  METRICS_AUTH: z.enum(['none', 'admin']).default('none'),
  /** where the worker serves its GET /metrics (its own figures and the Temporal SDK's); unset: not served */
  WORKER_METRICS_PORT: port.optional(),
});

export type RawConfig = z.infer<typeof configSchema>;

export interface AppConfig {
  env: RawConfig['NODE_ENV'];
  port: number;
  databaseUrl: string | undefined;
  temporal: { address: string | undefined; namespace: string; taskQueue: string };
  policyFile: string;
  apiKeys: ApiKeyEntry[] | undefined;
  /** the webhook signing secrets, the current one first; every one signs each webhook (rotation) */
  webhookSecrets: string[];
  /** requests per API key (per address without a key) and window, in each API process; null: off */
  rateLimit: RateLimit | null;
  /** where webhooks may go: WEBHOOK_ALLOW_HTTP and WEBHOOK_ALLOWED_HOSTS */
  callbackDestinations: CallbackDestinationOptions;
  dataDir: string;
  logLevel: RawConfig['LOG_LEVEL'];
  workflowBundle: string | undefined;
  /** AUDIT_SIGNING_KEY as given (base64 PKCS#8 DER or PEM); checkpoints cannot be signed without it */
  auditSigningKey: string | undefined;
  workerMaxCachedWorkflows: number;
  /** the worker process's niceness: it yields the CPU to the API */
  workerNice: number;
  /** the embedded Temporal dev server's niceness: it yields the CPU to the API too */
  temporalDevServerNice: number;
  /** the folder of the built console (index.html and assets/), served at /console */
  consoleDir: string;
  /** who may read the API's GET /metrics */
  metricsAuth: MetricsAuth;
  /** the worker's metrics port (undefined: the worker serves no metrics) */
  workerMetricsPort: number | undefined;
}

export type MetricsAuth = RawConfig['METRICS_AUTH'];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** The repository root (this file lives at libs/config/src, or dist/libs/config/src). */
export function repoRoot(): string {
  const up = path.resolve(__dirname, '..', '..', '..');
  return path.basename(up) === 'dist' ? path.dirname(up) : up;
}

export const DEFAULT_POLICY_FILE = 'policies/default.yaml';
export const DEFAULT_CONSOLE_DIR = 'dist/console';

export function parseConfig(env: NodeJS.ProcessEnv): AppConfig {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`));
  }
  const c = result.data;
  return {
    env: c.NODE_ENV,
    port: c.PORT,
    databaseUrl: c.DATABASE_URL,
    temporal: { address: c.TEMPORAL_ADDRESS, namespace: c.TEMPORAL_NAMESPACE, taskQueue: c.TEMPORAL_TASK_QUEUE },
    policyFile: path.resolve(c.POLICY_FILE ?? path.join(repoRoot(), DEFAULT_POLICY_FILE)),
    apiKeys: c.API_KEYS,
    webhookSecrets: c.WEBHOOK_SECRET ?? [],
    rateLimit: c.RATE_LIMIT,
    callbackDestinations: { allowHttp: c.WEBHOOK_ALLOW_HTTP, allowedHosts: c.WEBHOOK_ALLOWED_HOSTS },
    dataDir: path.resolve(c.DATA_DIR),
    logLevel: c.LOG_LEVEL,
    workflowBundle: c.WORKFLOW_BUNDLE,
    auditSigningKey: c.AUDIT_SIGNING_KEY,
    workerMaxCachedWorkflows: c.WORKER_MAX_CACHED_WORKFLOWS,
    workerNice: c.WORKER_NICE,
    temporalDevServerNice: c.TEMPORAL_DEV_SERVER_NICE,
    consoleDir: path.resolve(c.CONSOLE_DIR ?? path.join(repoRoot(), DEFAULT_CONSOLE_DIR)),
    metricsAuth: c.METRICS_AUTH,
    workerMetricsPort: c.WORKER_METRICS_PORT,
  };
}

let cached: AppConfig | undefined;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  cached ??= parseConfig(env);
  return cached;
}

export function resetConfigCache(): void {
  cached = undefined;
}

/** For the running services (api, worker): the connection settings must be present. */
export function requireConnections(config: AppConfig): { databaseUrl: string; temporalAddress: string } {
  const problems: string[] = [];
  if (!config.databaseUrl) problems.push('DATABASE_URL: required (npm start provides an embedded PostgreSQL)');
  if (!config.temporal.address) problems.push('TEMPORAL_ADDRESS: required (npm start provides a Temporal dev server)');
  if (problems.length) throw new ConfigError(problems);
  return { databaseUrl: config.databaseUrl!, temporalAddress: config.temporal.address! };
}
