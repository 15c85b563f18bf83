import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchPolicyViolations } from './csp.ts';
import {
  api,
  givenStudent,
  launchChromium,
  openPage,
  PHONE,
  type RunningCoach,
  screenshot,
  startCoach,
} from './harness.ts';

let coach: RunningCoach;
let browser: Browser;
let loginName = '';

beforeAll(async () => {
  // a little latency, so the "thinking" state is on screen long enough to be seen
  [coach, browser] = await Promise.all([startCoach({ OFFLINE_LLM_LATENCY_MS: '700' }), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await coach?.stop();
});

describe('the student chat in a browser', () => {
  it('a new student logs in by name, keeps the generated name, chats and sees the reply', async () => {
    const { page, context, errors } = await openPage(browser);
    const policy = await watchPolicyViolations(page);
    await page.goto(coach.url);
    await screenshot(page, 'student-login');

    // keyboard only: the name field is the first stop, Enter submits
    await page.keyboard.press('Tab');
    await page.keyboard.type('Asha');
    await page.keyboard.press('Enter');
    loginName = (await page.getByTestId('generated-name').textContent()) ?? '';
    expect(loginName).toMatch(/^Asha-\w+$/);
    await screenshot(page, 'student-generated-name');
    await page.getByRole('button', { name: 'Start chatting' }).click();

    await page.getByRole('button', { name: 'Start a new conversation' }).click();
    await page.getByLabel('Your message').fill('Why do volcanoes erupt?');
    await page.getByLabel('Your message').press('Enter');
    await page.getByRole('status').filter({ hasText: 'The coach is thinking' }).waitFor();
    await screenshot(page, 'student-thinking');

    const reply = page.locator('.message.coach .bubble').first();
    await reply.waitFor();
    expect(await reply.textContent()).toContain('volcanoes');
    await page.getByRole('status').filter({ hasText: 'The coach is thinking' }).waitFor({ state: 'detached' });
    // the conversation took its name from the first message
    await page.getByRole('link', { name: /Why do volcanoes erupt\?/ }).waitFor();

    await page.getByRole('button', { name: 'Helpful' }).first().click();
    await page.getByLabel('Tell us more (optional)').fill('It made me think!');
    await screenshot(page, 'student-chat');
    await page.getByRole('button', { name: 'Send feedback' }).click();
    await page.getByText('Thanks for your feedback!').waitFor();

    // a reload keeps the student logged in, on the same conversation
    await page.reload();
    await page.locator('.message.coach .bubble').first().waitFor();
    expect(await page.getByText(`Logged in as ${loginName}`).count()).toBe(1);
    expect(policy.seen).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();

    const students = await api(coach, 'GET', `/api/admin/users?query=${encodeURIComponent(loginName)}`, {
      token: coach.adminToken,
    });
    const exported = await api(coach, 'GET', `/api/admin/users/${students.body[0].id}/export`, {
      token: coach.adminToken,
    });
    expect(exported.body.feedback[0].feedback_data).toMatchObject({ rating: 'up', comment: 'It made me think!' });
  });

  it('renames a conversation and deletes one after confirming', async () => {
    const { page, context, errors } = await openPage(browser);
    const policy = await watchPolicyViolations(page);
    await page.goto(coach.url);
    await page.getByLabel('Phone number or name').fill(loginName);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('button', { name: '+ New conversation' }).click();
    await page.getByRole('heading', { name: 'New Chat' }).waitFor();

    await page.getByRole('button', { name: 'Rename New Chat' }).click();
    await page.getByLabel('New title for New Chat').fill('Space questions');
    await page.getByLabel('New title for New Chat').press('Enter');
    await page.getByRole('link', { name: /Space questions/ }).waitFor();
    await page.getByRole('heading', { name: 'Space questions' }).waitFor();

    await page.getByRole('button', { name: 'Delete Space questions' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Delete this conversation?' });
    await dialog.waitFor();
    await screenshot(page, 'student-delete-confirm');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('link', { name: /Space questions/ }).waitFor();

    await page.getByRole('button', { name: 'Delete Space questions' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('link', { name: /Space questions/ }).waitFor({ state: 'detached' });
    expect(await page.getByRole('link', { name: /Why do volcanoes erupt\?/ }).count()).toBe(1);
    expect(policy.seen).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a question the coach asks back as a clarification', async () => {
    // the full pipeline asks back when a short question names only a topic
    const flow = await api(coach, 'GET', '/api/admin/flow-config', { token: coach.adminToken });
    await api(coach, 'PUT', '/api/admin/flow-config', {
      token: coach.adminToken,
      body: { ...flow.body, use_simplified_mode: false },
    });
    try {
      const { page, context, errors } = await openPage(browser);
      const policy = await watchPolicyViolations(page);
      await page.goto(coach.url);
      await page.getByLabel('Phone number or name').fill(loginName);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByRole('button', { name: '+ New conversation' }).click();
      await page.getByRole('heading', { name: 'New Chat' }).waitFor();
      await page.getByLabel('Your message').fill('Volcanoes?');
      await page.getByRole('button', { name: 'Send' }).click();
      const asked = page.locator('.message.coach.clarification');
      await asked.waitFor();
      expect(await asked.textContent()).toContain('wants to understand your question better');
      await screenshot(page, 'student-clarification');
      expect(policy.seen).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    } finally {
      await api(coach, 'PUT', '/api/admin/flow-config', { token: coach.adminToken, body: flow.body });
    }
  });

  it('works on a phone-sized screen, and logging out ends the session', async () => {
    const student = await givenStudent(coach, loginName);
    expect(student.name).toBe(loginName);
    const { page, context, errors } = await openPage(browser, PHONE);
    const policy = await watchPolicyViolations(page);
    await page.goto(coach.url);
    await page.getByLabel('Phone number or name').fill(loginName);
    await page.getByRole('button', { name: 'Log in' }).click();
    // the newest conversation opens: the clarification one
    await page.getByRole('heading', { name: 'Volcanoes?' }).waitFor();
    await page.locator('.message.coach').first().waitFor();
    await screenshot(page, 'phone-chat');

    await page.getByRole('button', { name: 'Conversations' }).click();
    await page.getByRole('navigation', { name: 'Conversations' }).getByRole('link').first().waitFor();
    await screenshot(page, 'phone-conversations');
    await page.getByRole('button', { name: 'Conversations' }).click();

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByText('You have logged out.').waitFor();
    await page.reload();
    await page.getByLabel('Phone number or name').waitFor();
    expect(policy.seen).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
