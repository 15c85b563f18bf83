import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PolicyViolations, watchPolicyViolations } from './csp.ts';
import {
  api,
  DESKTOP,
  givenAnsweredMessage,
  givenStudent,
  launchChromium,
  openPage,
  type RunningCoach,
  screenshot,
  startCoach,
} from './harness.ts';

let coach: RunningCoach;
let browser: Browser;
let page: Page;
let pageErrors: string[];
let policy: PolicyViolations;
let ravi: { id: number; token: string; name: string };
let conversationId: number;

beforeAll(async () => {
  // some latency, so the persona job is seen running
  [coach, browser] = await Promise.all([startCoach({ OFFLINE_LLM_LATENCY_MS: '300' }), launchChromium()]);
  ravi = await givenStudent(coach, 'Ravi');
  const created = await api(coach, 'POST', '/api/conversations', { token: ravi.token, body: { title: 'Stars' } });
  conversationId = created.body.id;
  await givenAnsweredMessage(coach, ravi, conversationId, 'Why do stars twinkle at night?');
  await givenAnsweredMessage(coach, ravi, conversationId, 'I like looking at the moon with my telescope.');
  const opened = await openPage(browser);
  page = opened.page;
  pageErrors = opened.errors;
  policy = await watchPolicyViolations(page);
});
afterAll(async () => {
  await browser?.close();
  await coach?.stop();
});

const PROMPT = 'simplified_conversation';

describe('the operator console in a browser', () => {
  it('asks for the admin token once and keeps it for the tab', async () => {
    await page.goto(`${coach.url}/operator`);
    // staff sign in with email and password; the admin token is one click away
    await page.getByRole('button', { name: 'Use the admin token' }).click();
    await page.getByLabel('Admin token').fill('not-the-token');
    await page.getByRole('button', { name: 'Open the console' }).click();
    await page.getByText('That is not the admin token.').waitFor();
    await page.getByLabel('Admin token').fill(coach.adminToken);
    await page.getByRole('button', { name: 'Open the console' }).click();
    await page.getByRole('heading', { name: 'Prompts', level: 1 }).waitFor();
    await page.getByRole('link', { name: PROMPT }).waitFor();
    await screenshot(page, 'operator-prompts');
    await page.reload();
    await page.getByRole('heading', { name: 'Prompts', level: 1 }).waitFor();
  });

  it('creates a prompt version with {{USER_PERSONA__persona}} and puts it in production', async () => {
    await page.getByRole('link', { name: PROMPT }).click();
    await page.getByRole('heading', { name: PROMPT, level: 1 }).waitFor();
    const text = page.getByLabel('Prompt text');
    await text.click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('What we know about this student: ');
    await page.getByRole('button', { name: /^Insert \{\{USER_PERSONA__persona\}\}/ }).click();
    await page.keyboard.press('Enter');
    expect(await text.inputValue()).toMatch(/^What we know about this student: \{\{USER_PERSONA__persona\}\}\n/);
    await page.getByLabel(/Put it in production/).check();
    await page.getByRole('button', { name: 'Save version' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved version 2.' }).waitFor();

    const v2 = page.locator('tr[data-version="2"]');
    await v2.locator('.badge.production').waitFor();
    await v2.locator('.badge.active').waitFor();
    // the comparison shows v1 against the new version, the new line marked as added
    await page.locator('.diff .line.added').filter({ hasText: '{{USER_PERSONA__persona}}' }).waitFor();
    await page.setViewportSize({ width: 1200, height: 1100 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'operator-prompt-versions');
    await page.setViewportSize(DESKTOP);

    // production moves to v1 and back
    await page.getByRole('button', { name: 'Set production (v1)' }).click();
    await page.locator('tr[data-version="1"] .badge.production').waitFor();
    await page.getByRole('button', { name: 'Set production (v2)' }).click();
    await v2.locator('.badge.production').waitFor();

    const production = await api(coach, 'GET', `/api/prompts/${PROMPT}/versions/production`, {
      token: coach.adminToken,
    });
    expect(production.body.version_number).toBe(2);
    expect(production.body.prompt_text).toContain('{{USER_PERSONA__persona}}');
  });

  it("regenerates a student's persona and shows the job's progress until the persona appears", async () => {
    await page.getByRole('link', { name: 'Students' }).click();
    await page.getByLabel('Find a student by name or phone number').fill('Ravi');
    await page.getByRole('link', { name: ravi.name }).click();
    await page.getByRole('heading', { name: ravi.name, level: 1 }).waitFor();
    await page.getByText('No persona yet.').waitFor();

    await page.getByRole('button', { name: 'Regenerate persona' }).click();
    await page.locator('.job-progress').waitFor();
    await page.getByText(/^Done\./).waitFor({ timeout: 30_000 });
    const persona = page.getByTestId('persona');
    await persona.waitFor();

    const stored = await api(coach, 'GET', `/api/admin/users/${ravi.id}`, { token: coach.adminToken });
    const personaText: string = stored.body.persona.persona_data.persona;
    expect(await persona.locator('.persona-text').textContent()).toBe(personaText);
    await page.getByText('Raw JSON').first().click();
    await screenshot(page, 'operator-student-persona');

    // the conversation's memory was refreshed first
    await page.getByText('Stars', { exact: true }).click();
    await page.getByRole('heading', { name: 'Memory' }).waitFor();
  });

  it("shows the rendered persona in the student's next message's pipeline steps", async () => {
    const next = await givenAnsweredMessage(coach, ravi, conversationId, 'How far away is the moon?');
    await page.reload();
    await page.getByText('Stars', { exact: true }).click();
    await page.getByRole('link', { name: `Pipeline steps of message ${next.reply.id}` }).click();
    await page.getByRole('heading', { name: `Pipeline steps of message ${next.reply.id}`, level: 1 }).waitFor();

    const injected = page.getByTestId('rendered-prompt').first().locator('mark').first();
    await injected.waitFor();
    const stored = await api(coach, 'GET', `/api/admin/users/${ravi.id}`, { token: coach.adminToken });
    const personaText: string = stored.body.persona.persona_data.persona;
    const shown = (await injected.textContent()) ?? '';
    expect(shown).toContain('These are some details about the user. `persona` is "');
    expect(shown).toContain(personaText.slice(0, 30).replaceAll('"', '\\"'));
    const prompt = (await page.getByTestId('rendered-prompt').first().textContent()) ?? '';
    expect(prompt.startsWith('What we know about this student: These are some details about the user.')).toBe(true);
    await screenshot(page, 'operator-pipeline-steps');
  });

  it('switches the Brain flow to the full pipeline and a step off', async () => {
    await page.getByRole('link', { name: 'Flow config' }).click();
    const simplified = page.getByRole('switch', { name: /Simplified mode/ });
    await simplified.waitFor();
    expect(await simplified.isChecked()).toBe(true);
    // a step that may not be switched is shown but cannot be changed
    expect(await page.getByRole('checkbox', { name: 'intent_identification' }).isDisabled()).toBe(true);

    await simplified.uncheck();
    await page.getByRole('checkbox', { name: 'knowledge_retrieval' }).uncheck();
    await page.getByRole('button', { name: 'Save flow config' }).click();
    await page.getByText('Saved. The Brain uses it from the next message.').waitFor();
    await screenshot(page, 'operator-flow-config');

    const flow = await api(coach, 'GET', '/api/admin/flow-config', { token: coach.adminToken });
    expect(flow.body.use_simplified_mode).toBe(false);
    expect(flow.body.steps.find((s: { name: string }) => s.name === 'knowledge_retrieval').enabled).toBe(false);
    expect(pageErrors).toEqual([]);
    expect(policy.seen).toEqual([]);
  });

  it('opens the API docs, which render under their own policy', async () => {
    const docs = await openPage(browser);
    const docsPolicy = await watchPolicyViolations(docs.page);
    await docs.page.goto(`${coach.url}/docs`);
    await docs.page.getByRole('heading', { name: /Curiosity Coach Backend/ }).waitFor();
    await docs.page.getByText('/api/auth/login', { exact: true }).first().waitFor();
    expect(docs.errors).toEqual([]);
    expect(docsPolicy.seen).toEqual([]);
    await docs.context.close();
  });
});
