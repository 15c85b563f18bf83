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
let withPersona: { id: number; token: string; name: string };
let withoutPersona: { id: number; token: string; name: string };
let personaText: string;

const PROMPT = 'simplified_conversation';

beforeAll(async () => {
  [coach, browser] = await Promise.all([startCoach(), launchChromium()]);
  withPersona = await givenStudent(coach, 'Mei');
  withoutPersona = await givenStudent(coach, 'Tomas');
  const created = await api(coach, 'POST', '/api/conversations', { token: withPersona.token, body: { title: 'Lava' } });
  await givenAnsweredMessage(coach, withPersona, created.body.id, 'Why is lava so hot? I love volcanoes.');
  const generated = await api(
    coach,
    'POST',
    `/api/tasks/generate-persona-for-user/${withPersona.id}?sync=true&generate_conversation_memories_if_not_found=true`,
    { token: coach.adminToken },
  );
  expect(generated.status).toBe(200);
  const stored = await api(coach, 'GET', `/api/admin/users/${withPersona.id}`, { token: coach.adminToken });
  personaText = stored.body.persona.persona_data.persona;

  const opened = await openPage(browser);
  page = opened.page;
  pageErrors = opened.errors;
  policy = await watchPolicyViolations(page);
  await page.goto(`${coach.url}/operator/prompts/${PROMPT}`);
  // staff sign in with email and password; the admin token is one click away
  await page.getByRole('button', { name: 'Use the admin token' }).click();
  await page.getByLabel('Admin token').fill(coach.adminToken);
  await page.getByRole('button', { name: 'Open the console' }).click();
  await page.getByRole('heading', { name: PROMPT, level: 1 }).waitFor();
});
afterAll(async () => {
  await browser?.close();
  await coach?.stop();
});

describe('writing a prompt version in the operator console', () => {
  it('underlines a misspelt placeholder as it is typed, refuses to save it, and fixes it with one click', async () => {
    const text = page.getByLabel('Prompt text');
    await text.click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('About you: {{USER_PERSONA__intrests}}\n');
    const problems = page.getByRole('list', { name: 'Placeholder problems' });
    await problems.locator('mark.lint-token', { hasText: '{{USER_PERSONA__intrests}}' }).waitFor();
    expect(await problems.textContent()).toContain('1:12');
    expect(await problems.textContent()).toContain("USER_PERSONA has no key 'intrests'");

    await page.getByRole('button', { name: 'Save version' }).click();
    await page.getByText('The prompt text has a placeholder problem; nothing was saved.').waitFor();
    const versions = await api(coach, 'GET', `/api/prompts/${PROMPT}/versions`, { token: coach.adminToken });
    expect(versions.body).toHaveLength(1);

    await page.setViewportSize({ width: 1200, height: 1000 });
    await page.getByRole('heading', { name: 'New version' }).evaluate((heading) => heading.scrollIntoView());
    await screenshot(page, 'operator-prompt-lint');
    await page.setViewportSize(DESKTOP);

    await page.getByRole('button', { name: /^Use \{\{USER_PERSONA__inferred_interests\}\}/ }).click();
    await page.getByText('No placeholder problems.').waitFor();
    expect(await page.getByText('nothing was saved').count()).toBe(0);
    expect(await text.inputValue()).toMatch(/^About you: \{\{USER_PERSONA__inferred_interests\}\}\n/);
    expect(await problems.count()).toBe(0);
  });

  it("previews the unsaved text for a student with a persona, the persona's part highlighted", async () => {
    await page.getByLabel('Prompt text').fill('What we know: {{USER_PERSONA__persona}}\nStudent: {{QUERY}}');
    await page.getByLabel('Student', { exact: true }).selectOption({ label: withPersona.name });
    await page.getByLabel("The student's next message (optional)").fill('Why is lava hot?');

    const preview = page.getByTestId('preview-prompt');
    const persona = preview.locator('mark[data-placeholder="{{USER_PERSONA__persona}}"]');
    await preview.locator('mark[data-placeholder="{{QUERY}}"]', { hasText: 'Why is lava hot?' }).waitFor();
    const shown = (await persona.textContent()) ?? '';
    expect(shown).toContain(personaText.slice(0, 30).replaceAll('"', '\\"'));
    expect((await preview.textContent())?.startsWith(`What we know: ${shown}\nStudent: `)).toBe(true);

    await page.getByRole('heading', { name: 'Preview' }).evaluate((heading) => heading.scrollIntoView());
    await screenshot(page, 'operator-prompt-preview');
  });

  it('previews the fallback for a student with no persona yet', async () => {
    const student = page.getByLabel('Student', { exact: true });
    const option = student.locator('optgroup[label="No persona yet"] option', { hasText: withoutPersona.name });
    expect(await option.textContent()).toBe(`${withoutPersona.name} (no persona yet)`);
    await student.selectOption({ label: `${withoutPersona.name} (no persona yet)` });
    await page
      .getByTestId('preview-prompt')
      .locator('mark[data-placeholder="{{USER_PERSONA__persona}}"]', { hasText: /not available/i })
      .waitFor();
  });

  it('previews a saved version before it goes into production', async () => {
    await page.getByRole('button', { name: 'Save version' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved version 2.' }).waitFor();
    await page.getByLabel('Student', { exact: true }).selectOption({ label: withPersona.name });

    await page.getByRole('button', { name: 'Preview v2' }).click();
    expect(await page.getByLabel('Text', { exact: true }).inputValue()).toBe('2');
    const preview = page.getByTestId('preview-prompt');
    await preview
      .locator('mark[data-placeholder="{{USER_PERSONA__persona}}"]', { hasText: 'details about the user' })
      .waitFor();
    expect(await preview.textContent()).toMatch(/^What we know: /);

    await page.getByRole('button', { name: 'Preview v1' }).click();
    await preview.filter({ hasNotText: /^What we know: / }).waitFor();

    const production = await api(coach, 'GET', `/api/prompts/${PROMPT}/versions/production`, {
      token: coach.adminToken,
    });
    expect(production.body.version_number).toBe(1);
    expect(pageErrors).toEqual([]);
    expect(policy.seen).toEqual([]);
  });
});
