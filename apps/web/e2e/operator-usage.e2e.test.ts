import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchPolicyViolations } from './csp.ts';
import {
  api,
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

beforeAll(async () => {
  [coach, browser] = await Promise.all([startCoach(), launchChromium()]);
  // chat turns and a persona with its memories: calls of several types on the ledger
  for (const name of ['Meera', 'Kabir']) {
    const student = await givenStudent(coach, name);
    const created = await api(coach, 'POST', '/api/conversations', { token: student.token, body: { title: 'Sky' } });
    await givenAnsweredMessage(coach, student, created.body.id, 'Why is the sky blue in the day and red at sunset?');
    const run = await api(coach, 'POST', `/api/tasks/generate-persona-for-user/${student.id}?sync=true`, {
      token: coach.adminToken,
    });
    if (run.status !== 200) throw new Error(`persona run: ${run.status}`);
  }
  // the Brain sends its ledger entries at least every second
  await new Promise((resolve) => setTimeout(resolve, 1_500));
});
afterAll(async () => {
  await browser?.close();
  await coach?.stop();
});

describe('the usage page of the operator console', () => {
  it('draws tokens by day and call type and lists the top students, with no script and no page error', async () => {
    const { page, errors } = await openPage(browser);
    const policy = await watchPolicyViolations(page);
    await page.goto(`${coach.url}/operator`);
    // staff sign in with email and password; the admin token is one click away
    await page.getByRole('button', { name: 'Use the admin token' }).click();
    await page.getByLabel('Admin token').fill(coach.adminToken);
    await page.getByRole('button', { name: 'Open the console' }).click();
    await page.getByRole('link', { name: 'Usage' }).click();

    await page.getByRole('heading', { name: 'Model usage', level: 1 }).waitFor();
    const byType = page.getByRole('img', { name: /^Tokens by call type:/ });
    await byType.waitFor();
    const label = (await byType.getAttribute('aria-label')) ?? '';
    expect(label).toContain('memory generation');
    expect(label).toContain('user persona generation');
    expect(label).toContain('simplified conversation');
    expect(await page.getByRole('img', { name: /^Tokens by day:/ }).count()).toBe(1);
    const rows = page.getByRole('table').getByRole('row');
    expect(await rows.count()).toBe(3);
    expect(await page.getByRole('link', { name: /^Student \d+$/ }).count()).toBe(2);
    await screenshot(page, 'operator-usage');

    expect(errors).toEqual([]);
    expect(policy.seen).toEqual([]);
  });
});
