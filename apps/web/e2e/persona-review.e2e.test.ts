import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PolicyViolations, watchPolicyViolations } from './csp.ts';
import {
  api,
  givenAnsweredMessage,
  launchChromium,
  openPage,
  PHONE,
  type RunningCoach,
  screenshot,
  startCoach,
} from './harness.ts';

let coach: RunningCoach;
let browser: Browser;
let page: Page;
let pageErrors: string[];
let policy: PolicyViolations;
let mei: { id: number; token: string; name: string; user: unknown };

async function givenStudentLogin(name: string) {
  const login = await api(coach, 'POST', '/api/auth/login', { body: { identifier: name } });
  expect(login.status).toBe(200);
  return {
    id: login.body.user.id as number,
    token: login.body.access_token as string,
    name: login.body.user.name as string,
    user: login.body.user,
  };
}

/** The student chats about something new, then the generator writes their persona again. */
async function givenRegeneratedPersona(topic: string) {
  const created = await api(coach, 'POST', '/api/conversations', { token: mei.token, body: { title: topic } });
  await givenAnsweredMessage(coach, mei, created.body.id, `I love ${topic}. Why does it work like that?`);
  const generated = await api(
    coach,
    'POST',
    `/api/tasks/generate-persona-for-user/${mei.id}?sync=true&generate_conversation_memories_if_not_found=true`,
    { token: coach.adminToken },
  );
  expect(generated.status).toBe(200);
}

const currentPersona = async () =>
  (await api(coach, 'GET', `/api/admin/users/${mei.id}`, { token: coach.adminToken })).body.persona.persona_data;

const revisions = async () =>
  (await api(coach, 'GET', `/api/users/${mei.id}/persona/revisions`, { token: coach.adminToken })).body as {
    number: number;
    status: string;
    source: string;
    reason: string | null;
    persona_data: Record<string, unknown>;
  }[];

beforeAll(async () => {
  [coach, browser] = await Promise.all([startCoach(), launchChromium()]);
  mei = await givenStudentLogin('Mei');
  // the first persona, written while review is off: approved at once (revision 1)
  await givenRegeneratedPersona('volcanoes');

  const opened = await openPage(browser);
  page = opened.page;
  pageErrors = opened.errors;
  policy = await watchPolicyViolations(page);
  await page.goto(`${coach.url}/operator/settings`);
  // staff sign in with email and password; the admin token is one click away
  await page.getByRole('button', { name: 'Use the admin token' }).click();
  await page.getByLabel('Admin token').fill(coach.adminToken);
  await page.getByRole('button', { name: 'Open the console' }).click();
  await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
});
afterAll(async () => {
  await browser?.close();
  await coach?.stop();
});

describe('persona review in the operator console', () => {
  it('turns review on for every new persona in Settings', async () => {
    await page.getByRole('radio', { name: 'Off' }).waitFor();
    expect(await page.getByRole('radio', { name: 'Off' }).isChecked()).toBe(true);
    await page.getByRole('radio', { name: 'All' }).check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    const settings = await api(coach, 'GET', '/api/admin/settings', { token: coach.adminToken });
    expect(settings.body.persona_review).toBe('all');
  });

  it('shows a regenerated persona waiting with its diff and evidence, and approving makes it current', async () => {
    const before = await currentPersona();
    await givenRegeneratedPersona('dinosaurs');
    // the pending revision has not reached the student's persona
    expect(await currentPersona()).toEqual(before);

    await page
      .getByRole('navigation', { name: 'Operator sections' })
      .getByRole('link', { name: /^Review/ })
      .click();
    await page.getByRole('heading', { name: 'Review', level: 1 }).waitFor();
    expect(await page.getByTestId('review-count').textContent()).toContain('1');
    const card = page.getByRole('article', { name: new RegExp(`${mei.name} · revision 2`) });
    await card.waitFor();
    await card.locator('table.persona-diff tbody').first().waitFor();
    const evidence = card.locator('q.evidence-quote mark');
    expect(await evidence.count()).toBeGreaterThan(0);

    // the evidence's memory opens in place, the quote marked in it or named as the student's own words
    await card.locator('details.evidence-memory > summary').first().click();
    await card.locator('details.evidence-memory .memory').first().waitFor();

    await page.setViewportSize({ width: 1200, height: 1000 });
    await screenshot(page, 'operator-persona-review');

    // the link leads to the conversation the words come from, opened on the student's page
    const link = card.getByRole('link', { name: /^Open conversation \d+/ }).first();
    const conversationId = Number(/(\d+)$/.exec((await link.textContent()) ?? '')?.[1]);
    await link.click();
    await page.locator(`details#conversation-${conversationId}[open]`).waitFor();
    await page.locator(`details#conversation-${conversationId} .transcript`).waitFor();
    await page.goBack();
    await card.waitFor();
    // keyboard: j moves to the (only) waiting revision
    await page.keyboard.press('j');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(`${mei.name} · revision 2`);

    await card.getByRole('button', { name: /^Approve/ }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Approved revision 2 for ${mei.name}` })
      .waitFor();
    await page.getByText('Nothing is waiting for review.').waitFor();
    await page.getByTestId('review-count').waitFor({ state: 'detached' });
    const stored = await revisions();
    expect(stored[0]).toMatchObject({ number: 2, status: 'approved' });
    expect(await currentPersona()).toEqual(stored[0]!.persona_data);
  });

  it('rejects a revision with a reason, leaving the persona as it was', async () => {
    const before = await currentPersona();
    await givenRegeneratedPersona('the moon');
    await page.reload();
    const card = page.getByRole('article', { name: new RegExp(`${mei.name} · revision 3`) });
    await card.getByRole('button', { name: /^Reject/ }).click();
    await card.getByLabel(/Why reject it\?/).fill('Mei never talked about the moon like that.');
    await card.getByRole('button', { name: 'Reject revision 3' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Rejected revision 3 for ${mei.name}` })
      .waitFor();
    const stored = await revisions();
    expect(stored[0]).toMatchObject({
      number: 3,
      status: 'rejected',
      reason: 'Mei never talked about the moon like that.',
    });
    expect(await currentPersona()).toEqual(before);
  });

  it("lists every revision on the student's page and restores an older one after confirming", async () => {
    const first = (await revisions()).find((revision) => revision.number === 1)!;
    await page.goto(`${coach.url}/operator/students/${mei.id}`);
    const history = page.getByRole('region', { name: 'Persona history' });
    const three = history.getByRole('article', { name: /Revision 3/ });
    await three.waitFor();
    expect(await three.textContent()).toContain('Reason: Mei never talked about the moon like that.');
    expect(await history.getByRole('article', { name: /Revision 2/ }).textContent()).toContain('current');

    await history.getByRole('button', { name: 'Restore revision 1' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Restore revision 1?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Restore revision 1' }).click();
    await history.getByRole('status').filter({ hasText: 'Restored revision 1 as revision 4.' }).waitFor();
    const four = history.getByRole('article', { name: /Revision 4/ });
    await four.waitFor();
    expect(await four.textContent()).toContain('current');
    expect(await four.textContent()).toContain('Restored by an operator');

    const stored = await revisions();
    expect(stored[0]).toMatchObject({ number: 4, status: 'approved', source: 'restore' });
    expect(await currentPersona()).toEqual(first.persona_data);
    await history.evaluate((section) => section.scrollIntoView());
    await screenshot(page, 'operator-persona-history');
  });
});

describe("the student's view of what the coach remembers", () => {
  async function studentPage(student: { token: string; user: unknown }) {
    const opened = await openPage(browser, PHONE);
    const violations = await watchPolicyViolations(opened.page);
    await opened.page.goto(coach.url);
    await opened.page.evaluate(
      ([token, user]) =>
        localStorage.setItem(
          'coach.student-session',
          JSON.stringify({ token, user, expiresAt: Date.now() + 3600_000 }),
        ),
      [student.token, student.user] as const,
    );
    await opened.page.reload();
    return { ...opened, violations };
  }

  it('tells a student with no persona yet, kindly', async () => {
    const tomas = await givenStudentLogin('Tomas');
    const student = await studentPage(tomas);
    await student.page.getByRole('link', { name: 'About me' }).click();
    await student.page.getByRole('heading', { name: 'What the coach remembers about you', level: 1 }).waitFor();
    await student.page.getByText(/Your coach hasn't formed a picture of you yet/).waitFor();
    expect(student.errors).toEqual([]);
    expect(student.violations.seen).toEqual([]);
    await student.context.close();
  });

  it("shows the approved persona in plain words, and a correction reaches the operator's queue", async () => {
    const student = await studentPage(mei);
    await student.page.getByRole('link', { name: 'About me' }).click();
    await student.page.getByRole('heading', { name: 'Things you are into' }).waitFor();
    const shown = (await student.page.locator('main').textContent()) ?? '';
    for (const engineering of ['inferred_interests', 'persona_data', '{', '['])
      expect(shown).not.toContain(engineering);
    await screenshot(student.page, 'student-about-me');

    await student.page.getByRole('button', { name: 'This is not right' }).click();
    await student.page.getByLabel('What is not right?').fill('I am not into volcanoes any more, I like space now.');
    await student.page.getByLabel('Which part? (you can skip this)').selectOption({ label: 'Things you are into' });
    await student.page.getByRole('button', { name: 'Send' }).click();
    await student.page.getByText('Thank you for telling us!').waitFor();
    expect(student.errors).toEqual([]);
    expect(student.violations.seen).toEqual([]);
    await student.context.close();

    await page.goto(`${coach.url}/operator/review`);
    const request = page.getByRole('article', { name: `Request from ${mei.name}` });
    await request.waitFor();
    expect(await request.textContent()).toContain('I am not into volcanoes any more, I like space now.');
    expect(await request.textContent()).toContain('about Interests');
    expect(await page.getByTestId('review-count').textContent()).toContain('1');
    await request.getByLabel('Note (optional)').fill('Asked Mei; updated her interests.');
    await request.getByRole('button', { name: /^Resolve/ }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Resolved ${mei.name}'s request.` })
      .waitFor();
    await page.getByText('No open requests.').waitFor();
    const open = await api(coach, 'GET', '/api/persona-corrections?status=open', { token: coach.adminToken });
    expect(open.body).toEqual([]);

    expect(pageErrors).toEqual([]);
    expect(policy.seen).toEqual([]);
  });
});
