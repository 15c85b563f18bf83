import { PersonaReviewPolicy, type TurnSafety } from '@coach/core';
import { loadProviderModeration, loadSafetySettings, moderationFailure } from '@coach/runtime';
import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';

const intFrom = (fallback: number) => z.coerce.number().int().nonnegative().default(fallback);

/** Environment variables (README, Configuration), plus the few this implementation adds. */
const Env = z.object({
  PORT: intFrom(5000),
  BRAIN_PORT: intFrom(8000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  COACH_ADMIN_TOKEN: z.string().min(16, { error: 'must be at least 16 characters' }).optional(),
  COACH_INTERNAL_TOKEN: z.string().min(16, { error: 'must be at least 16 characters' }).optional(),
  COACH_TOKEN_SECRET: z.string().min(32, { error: 'must be at least 32 characters' }).optional(),
  COACH_TOKEN_TTL_HOURS: intFrom(24 * 7),
  BACKEND_URL: z.url().optional(),
  BRAIN_URL: z.url().optional(),
  MEMORY_INACTIVITY_THRESHOLD_HOURS: z.coerce.number().nonnegative().default(24),
  GENERATION_SCHEDULE_MINUTES: intFrom(0),
  SYNC_TASK_TIMEOUT_SECONDS: z.coerce.number().positive().default(300),
  GENERATION_DAILY_TOKEN_BUDGET: z.coerce.number().int().positive().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOGIN_RATE_LIMIT_PER_MINUTE: intFrom(10),
  LOGIN_RATE_LIMIT_PER_ADDRESS_PER_MINUTE: intFrom(600),
  MESSAGE_RATE_LIMIT_PER_MINUTE: intFrom(60),
  PERSONA_CORRECTION_RATE_LIMIT_PER_HOUR: intFrom(5),
  PERSONA_REVIEW: z.enum(PersonaReviewPolicy.options, { error: 'must be one of off, changes, all' }).default('off'),
  MAX_MESSAGE_LENGTH: intFrom(8_000),
  // the Brain's snippet limit, read here too so an operator's preview renders what a turn will get
  PLACEHOLDER_MAX_LENGTH: z.coerce.number().int().min(20).optional(),
  BODY_LIMIT_BYTES: intFrom(1_048_576),
  // where new safety alerts are posted (docs/api/safety.md); none: alerts are only in the console
  SAFETY_WEBHOOK_URL: z.url({ error: 'must be a URL' }).optional(),
  SAFETY_WEBHOOK_SECRET: z.string().min(16, { error: 'must be at least 16 characters' }).optional(),
  // off only to measure what the screen costs (bench): a school's system keeps it on
  SAFETY_SCREEN: z.enum(['on', 'off'], { error: 'must be on or off' }).default('on'),
});

export interface Config {
  port: number;
  brainPort: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  adminToken: string | undefined;
  internalToken: string | undefined;
  tokenSecret: string | undefined;
  tokenTtlSeconds: number;
  backendUrl: string;
  brainUrl: string;
  memoryInactivityThresholdHours: number;
  /** Every this many minutes: the global memory trigger, then the persona trigger; 0 = no schedule. */
  generationScheduleMinutes: number;
  /** How long a `sync=true` task route waits for its job before answering 504. */
  syncTaskTimeoutSeconds: number;
  /** Tokens a UTC day the schedule's and the triggers' memory and persona generation may use; undefined = no limit. */
  generationDailyTokenBudget: number | undefined;
  logLevel: string;
  /** Logins per identifier (phone number or name) a minute; 0 = no limit. */
  loginRateLimitPerMinute: number;
  /** Logins per client address a minute, all identifiers together: a whole school behind one NAT; 0 = no limit. */
  loginAddressRateLimitPerMinute: number;
  /** Messages per student a minute; 0 = no limit. */
  messageRateLimitPerMinute: number;
  /** Persona correction requests per student an hour; 0 = no limit. */
  personaCorrectionRateLimitPerHour: number;
  /** The review policy written on first start; afterwards the settings route changes it. */
  personaReview: PersonaReviewPolicy;
  maxMessageLength: number;
  /** Longest persona/memory snippet a placeholder injects (the Brain's setting; the preview uses it too). */
  maxSnippetLength: number | undefined;
  bodyLimitBytes: number;
  /** Where each new safety alert is posted (its ids, category and severity; never the excerpt); none: not posted. */
  safetyWebhookUrl: string | undefined;
  /** Signs those posts (HMAC-SHA256, `x-coach-signature`); none: unsigned. */
  safetyWebhookSecret: string | undefined;
  /** The safety screen student messages and stored replies pass (SAFETY_CONFIG, SAFETY_HELPLINE_TEXT, SAFETY_SCREEN). */
  safety: TurnSafety;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = Env.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    brainPort: e.BRAIN_PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    adminToken: e.COACH_ADMIN_TOKEN,
    internalToken: e.COACH_INTERNAL_TOKEN,
    tokenSecret: e.COACH_TOKEN_SECRET,
    tokenTtlSeconds: e.COACH_TOKEN_TTL_HOURS * 3600,
    backendUrl: e.BACKEND_URL ?? `http://127.0.0.1:${e.PORT}`,
    brainUrl: e.BRAIN_URL ?? `http://127.0.0.1:${e.BRAIN_PORT}`,
    memoryInactivityThresholdHours: e.MEMORY_INACTIVITY_THRESHOLD_HOURS,
    generationScheduleMinutes: e.GENERATION_SCHEDULE_MINUTES,
    syncTaskTimeoutSeconds: e.SYNC_TASK_TIMEOUT_SECONDS,
    generationDailyTokenBudget: e.GENERATION_DAILY_TOKEN_BUDGET,
    logLevel: e.LOG_LEVEL,
    loginRateLimitPerMinute: e.LOGIN_RATE_LIMIT_PER_MINUTE,
    loginAddressRateLimitPerMinute: e.LOGIN_RATE_LIMIT_PER_ADDRESS_PER_MINUTE,
    messageRateLimitPerMinute: e.MESSAGE_RATE_LIMIT_PER_MINUTE,
    personaCorrectionRateLimitPerHour: e.PERSONA_CORRECTION_RATE_LIMIT_PER_HOUR,
    personaReview: e.PERSONA_REVIEW,
    maxMessageLength: e.MAX_MESSAGE_LENGTH,
    maxSnippetLength: e.PLACEHOLDER_MAX_LENGTH,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    safetyWebhookUrl: e.SAFETY_WEBHOOK_URL,
    safetyWebhookSecret: e.SAFETY_WEBHOOK_SECRET,
    safety: { ...loadSafetySettings(env), enabled: e.SAFETY_SCREEN === 'on', moderate: loadProviderModeration(env) },
  };
}

/** The config with the provider's moderation telling its failures to `logger` (their kind, never the text). */
export function withModerationLog(
  config: Config,
  env: Record<string, string | undefined>,
  logger: Pick<FastifyBaseLogger, 'warn'>,
): Config {
  if (!config.safety.moderate) return config;
  const moderate = loadProviderModeration(env, (error) =>
    logger.warn(moderationFailure(error), 'safety moderation could not be asked; the built-in screen alone decided'),
  );
  return { ...config, safety: { ...config.safety, moderate } };
}
