import { createHmac } from 'node:crypto';
import { QUEUE_NAMES } from '@coach/core';
import type { JobQueue } from '@coach/runtime';
import type { FastifyBaseLogger } from 'fastify';
import { iso } from '../http/params.ts';
import type { SafetyAlertRow, SafetyAlertsRepository } from './repository.ts';
import type { SafetyAlertWebhookJob } from './service.ts';

/** `sha256=<hex>`: HMAC-SHA256 with SAFETY_WEBHOOK_SECRET of `<timestamp>.<body>`. */
export const SIGNATURE_HEADER = 'x-coach-signature';
/** Unix seconds when this attempt was signed: a receiver refuses old ones (replays). */
export const TIMESTAMP_HEADER = 'x-coach-timestamp';
/** `safety-alert-<id>`, the same on every attempt: a receiver that saw it already can ignore it. */
export const DELIVERY_HEADER = 'x-coach-delivery';

/** How long one attempt waits for the receiver before it counts as failed (and is retried). */
const ATTEMPT_TIMEOUT_MS = 10_000;

/**
 * What the receiver gets: which alert, about whom (ids), what kind, how serious, when. Never the excerpt:
 * a child's words stay in the system; the adult reads them in the console.
 */
export function webhookBody(alert: SafetyAlertRow) {
  return {
    type: 'safety_alert.created' as const,
    alert: {
      id: alert.id,
      user_id: alert.userId,
      conversation_id: alert.conversationId,
      message_id: alert.messageId,
      category: alert.category,
      severity: alert.severity,
      created_at: iso(alert.createdAt),
    },
  };
}

export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * Delivers each new alert to SAFETY_WEBHOOK_URL through the queue: an answer other than 2xx (or none
 * within 10 s) fails the attempt, and pg-boss retries it with backoff; a 2xx completes it, so it is not
 * sent again. Logs ids and status codes only.
 */
export async function startSafetyWebhookWorker(deps: {
  queue: JobQueue;
  alerts: SafetyAlertsRepository;
  url: string;
  secret: string | undefined;
  logger: Pick<FastifyBaseLogger, 'info' | 'warn'>;
}): Promise<void> {
  await deps.queue.work<SafetyAlertWebhookJob>(QUEUE_NAMES.safetyAlertWebhook, {}, async (job) => {
    const alertId = job.data.alert_id;
    const alert = await deps.alerts.findById(alertId);
    // erased with its student meanwhile: nothing to tell anyone
    if (!alert) return { dropped: alertId };
    const body = JSON.stringify(webhookBody(alert));
    const timestamp = String(Math.floor(Date.now() / 1000));
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      [TIMESTAMP_HEADER]: timestamp,
      [DELIVERY_HEADER]: `safety-alert-${alert.id}`,
    };
    if (deps.secret) headers[SIGNATURE_HEADER] = signWebhook(deps.secret, timestamp, body);
    const response = await fetch(deps.url, {
      method: 'POST',
      headers,
      body,
      redirect: 'error',
      signal: AbortSignal.any([job.signal, AbortSignal.timeout(ATTEMPT_TIMEOUT_MS)]),
    });
    await response.body?.cancel();
    if (!response.ok) {
      deps.logger.warn(
        { alertId, status: response.status, attempt: job.retryCount + 1 },
        'safety alert webhook refused; retried',
      );
      throw new Error(`safety alert webhook answered ${response.status}`);
    }
    deps.logger.info({ alertId, status: response.status }, 'safety alert delivered to the webhook');
    return { delivered: alertId };
  });
}
