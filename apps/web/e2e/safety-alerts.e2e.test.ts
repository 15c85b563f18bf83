import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PolicyViolations, watchPolicyViolations } from './csp.ts';
import { api, givenStudent, launchChromium, openPage, type RunningCoach, screenshot, startCoach } from './harness.ts';

let coach: RunningCoach;
let browser: Browser;
let page: Page;
let pageErrors: string[];
let policy: PolicyViolations;
let asha: { id: number; token: string; name: string };
let alerted: { conversationId: number; messageId: number };

/** A student message sent as the web client sends it, and the reply the student then gets. */
async function send(conversationId: number, content: string) {
  const sent = await api(coach, 'POST', `/api/conversations/${conversationId}/messages`, {
    token: asha.token,
    body: { content },
  });
  expect(sent.status).toBe(200);
  const messageId = sent.body.message.id as number;
  const reply = await api(coach, 'GET', `/api/messages/${messageId}/response?wait=20`, { token: asha.token });
  expect(reply.status).toBe(200);
  return { messageId, reply: reply.body as { content: string } };
}

beforeAll(async () => {
  [coach, browser] = await Promise.all([startCoach(), launchChromium()]);
  asha = await givenStudent(coach, 'Asha');
  const chat = await api(coach, 'POST', '/api/conversations', { token: asha.token, body: { title: 'A hard day' } });
  const conversationId = chat.body.id as number;
  await send(conversationId, 'how did the volcano kill the dinosaurs?');
  const { messageId, reply } = await send(conversationId, 'I feel like nobody would care. I want to kill myself');
  // the real path: the Backend screened the message, answered with the safe reply and raised the alert
  expect(reply.content).toContain('Tele-MANAS');
  alerted = { conversationId, messageId };

  const opened = await openPage(browser);
  page = opened.page;
  pageErrors = opened.errors;
  policy = await watchPolicyViolations(page);
  await page.goto(`${coach.url}/operator/safety`);
  // staff sign in with email and password; the admin token is one click away
  await page.getByRole('button', { name: 'Use the admin token' }).click();
  await page.getByLabel('Admin token').fill(coach.adminToken);
  await page.getByRole('button', { name: 'Open the console' }).click();
  await page.getByRole('heading', { name: 'Safety alerts', level: 1 }).waitFor();
});
afterAll(async () => {
  await browser?.close();
  await coach?.stop();
});

describe('safety alerts in the operator console', () => {
  it('lists the open alert with its category, severity, time and student, and counts it in the navigation', async () => {
    const card = page.getByRole('article', { name: /Self-harm/ });
    await card.waitFor();
    const text = await card.textContent();
    expect(text).toContain('high');
    expect(text).toContain('I feel like nobody would care. I want to kill myself');
    expect(await card.getByRole('link', { name: asha.name, exact: true }).getAttribute('href')).toBe(
      `/operator/students/${asha.id}`,
    );
    expect(await card.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(await page.getByTestId('safety-alert-count').textContent()).toContain('1');
    // the harmless question raised nothing
    expect(await page.getByRole('article').count()).toBe(1);
    await screenshot(page, 'operator-safety-alerts');
  });

  it('opens the message in its conversation on the student’s page, marked, with its flag', async () => {
    await page
      .getByRole('article', { name: /Self-harm/ })
      .getByRole('link', { name: /Read the message in its conversation/ })
      .click();
    const marked = page.locator(`#message-${alerted.messageId}`);
    await marked.waitFor();
    expect(await marked.getAttribute('class')).toContain('linked');
    expect(await marked.textContent()).toContain('Self-harm · high');
    const transcript = await page.locator(`#conversation-${alerted.conversationId} .transcript`).textContent();
    expect(transcript).toContain('Tele-MANAS');
  });

  it('resolves the alert with a note: it leaves the open list and the count, and keeps the note', async () => {
    await page.goto(`${coach.url}/operator/safety`);
    const card = page.getByRole('article', { name: /Self-harm/ });
    await card.getByLabel(/What was done/).fill('Told the class teacher; the counsellor met Asha the same day.');
    await card.getByRole('button', { name: /^Resolve/ }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Resolved the self-harm alert about ${asha.name}.` })
      .waitFor();
    await page.getByText('No open alerts.').waitFor();
    expect(await page.getByTestId('safety-alert-count').count()).toBe(0);

    await page.getByRole('button', { name: 'Show resolved alerts' }).click();
    const resolved = page.getByRole('article', { name: /Self-harm/ });
    await resolved.waitFor();
    expect(await resolved.textContent()).toContain('Told the class teacher; the counsellor met Asha the same day.');

    const stored = await api(coach, 'GET', '/api/admin/safety/alerts?status=resolved', { token: coach.adminToken });
    expect(stored.body).toMatchObject([{ message_id: alerted.messageId, status: 'resolved' }]);
    expect(pageErrors).toEqual([]);
    expect(policy.seen).toEqual([]);
  });
});
