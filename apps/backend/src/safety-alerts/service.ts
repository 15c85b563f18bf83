import { QUEUE_NAMES, redactContactDetails } from '@coach/core';
import type { AuditActor, Db } from '@coach/data';
import { Conflict, type JobQueue, NotFound } from '@coach/runtime';
import { recordAudit } from '../audit/repository.ts';
import {
  createSafetyAlertsRepository,
  type SafetyAlertRow,
  type SafetyAlertStatus,
  type SafetyAlertsRepository,
} from './repository.ts';

/** The longest excerpt an alert keeps of the flagged message: enough for an adult to judge, no more. */
export const EXCERPT_MAX_LENGTH = 200;

/** What the webhook's job carries: the alert's id only, so no child's words sit in the queue. */
export interface SafetyAlertWebhookJob {
  alert_id: number;
}

/** What the turn's path knows when the screen finds a child may be at risk in a student message. */
export interface AlertInput {
  userId: number;
  conversationId: number;
  messageId: number;
  category: string;
  severity: string;
  /** The flagged message; only its excerpt is kept. */
  content: string;
}

/**
 * The flagged message as an operator sees it on the alert: one line, its first 200 characters, contact
 * details redacted (an adult acting on an alert reaches the child through the school, not a number they typed).
 */
export function alertExcerpt(content: string): string {
  const line = redactContactDetails(content).text.replace(/\s+/g, ' ').trim();
  if (line.length <= EXCERPT_MAX_LENGTH) return line;
  const cut = line.slice(0, EXCERPT_MAX_LENGTH - 1);
  // end at a word where one ends near the limit, so the excerpt does not stop mid-word
  const space = cut.lastIndexOf(' ');
  return `${space > EXCERPT_MAX_LENGTH - 40 ? cut.slice(0, space) : cut}…`;
}

/**
 * Raises an alert inside `tx`, the transaction that stores the message it concerns, and, when a webhook
 * is configured, queues its delivery in the same transaction: the alert, its message and its delivery
 * exist together or not at all.
 */
export async function raiseAlert(
  tx: Db,
  queue: JobQueue,
  input: AlertInput,
  options: { webhook: boolean },
): Promise<SafetyAlertRow> {
  const alert = await createSafetyAlertsRepository(tx).insert({
    userId: input.userId,
    conversationId: input.conversationId,
    messageId: input.messageId,
    category: input.category,
    severity: input.severity,
    excerpt: alertExcerpt(input.content),
  });
  if (options.webhook) {
    const job: SafetyAlertWebhookJob = { alert_id: alert.id };
    await queue.send(QUEUE_NAMES.safetyAlertWebhook, job, { tx, singletonKey: `safety-alert:${alert.id}` });
  }
  return alert;
}

/** The operators' side of alerts: the list, and resolving one with a note (audited). */
export function createSafetyAlertsService(deps: { db: Db; alerts: SafetyAlertsRepository }) {
  return {
    async list(status: SafetyAlertStatus, limit: number, offset: number) {
      return deps.alerts.listByStatus(status, limit, offset);
    },

    /** Resolves an open alert with the adult's note, with its audit entry; 409 when it was resolved already. */
    async resolve(actor: AuditActor, id: number, note: string | null): Promise<SafetyAlertRow> {
      const resolved = await deps.db.transaction(async (tx) => {
        const row = await createSafetyAlertsRepository(tx).resolve(id, note, actor);
        if (row) {
          await recordAudit(tx, actor, {
            action: 'safety_alert.resolve',
            targetType: 'safety_alert',
            targetId: row.id,
            details: { user_id: row.userId, category: row.category, severity: row.severity, note },
          });
        }
        return row;
      });
      if (resolved) return resolved;
      const existing = await deps.alerts.findById(id);
      if (!existing) throw new NotFound(`Safety alert ${id} not found.`);
      throw new Conflict(`Safety alert ${id} is ${existing.status}, not open.`);
    },
  };
}
export type SafetyAlertsService = ReturnType<typeof createSafetyAlertsService>;
