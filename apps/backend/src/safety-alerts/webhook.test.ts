import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { alertExcerpt, EXCERPT_MAX_LENGTH } from './service.ts';
import { signWebhook, webhookBody } from './webhook.ts';

describe('alertExcerpt', () => {
  it('keeps a short message whole, on one line', () => {
    expect(alertExcerpt('I feel\n\nso alone   today')).toBe('I feel so alone today');
  });

  it('cuts a long message at a word near 200 characters, marked with …', () => {
    const excerpt = alertExcerpt(`${'nobody listens to me at home '.repeat(20)}`);
    expect(excerpt.length).toBeLessThanOrEqual(EXCERPT_MAX_LENGTH);
    expect(excerpt).toMatch(/me…$|home…$|listens…$|to…$|at…$|nobody…$/);
  });

  it('leaves out the contact details a child typed', () => {
    const excerpt = alertExcerpt('I want to die. my number is 98765 43210 and mail asha.k@gmail.com');
    expect(excerpt).not.toContain('98765');
    expect(excerpt).not.toContain('asha.k@gmail.com');
    expect(excerpt).toContain('[phone number removed]');
  });
});

describe('the webhook', () => {
  const alert = {
    id: 7,
    userId: 42,
    conversationId: 310,
    messageId: 9051,
    category: 'self_harm',
    severity: 'high',
    excerpt: 'the words of a child',
    status: 'open' as const,
    note: null,
    createdAt: new Date('2026-12-03T13:19:46.120Z'),
    resolvedAt: null,
    resolvedBy: null,
  };

  it('sends ids, category, severity and time, never the excerpt', () => {
    const body = webhookBody(alert);
    expect(body).toEqual({
      type: 'safety_alert.created',
      alert: {
        id: 7,
        user_id: 42,
        conversation_id: 310,
        message_id: 9051,
        category: 'self_harm',
        severity: 'high',
        created_at: '2026-12-03T13:19:46.120Z',
      },
    });
    expect(JSON.stringify(body)).not.toContain('child');
  });

  it('signs timestamp.body with HMAC-SHA256, as a receiver recomputes it', () => {
    const body = JSON.stringify(webhookBody(alert));
    const expected = createHmac('sha256', 'a-secret-of-16-chars').update(`1796303986.${body}`).digest('hex');
    expect(signWebhook('a-secret-of-16-chars', '1796303986', body)).toBe(`sha256=${expected}`);
  });
});
