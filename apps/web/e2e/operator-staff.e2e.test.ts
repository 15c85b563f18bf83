import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchPolicyViolations } from './csp.ts';
import { launchChromium, openPage, type RunningCoach, screenshot, startCoach } from './harness.ts';

let coach: RunningCoach;
let browser: Browser;
let page: Page;
let errors: string[];
let policy: { seen: string[] };

const ADMIN = { name: 'Asha Iyer', email: 'asha@school.test', password: 'mango monsoon ladder' };
const REVIEWER = { name: 'Ravi Rao', email: 'ravi@school.test', password: 'kite river lantern' };

beforeAll(async () => {
  [coach, browser] = await Promise.all([startCoach(), launchChromium()]);
  const opened = await openPage(browser);
  page = opened.page;
  errors = opened.errors;
  policy = await watchPolicyViolations(page);
});
afterAll(async () => {
  await browser?.close();
  await coach?.stop();
});

async function signIn(person: { email: string; password: string }, pictureAs?: string) {
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  if (pictureAs) await screenshot(page, pictureAs);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function signOut() {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Operator console' }).waitFor();
}

async function addMember(person: { name: string; email: string; password: string }, role: string) {
  await page.getByLabel('Name', { exact: true }).fill(person.name);
  await page.getByLabel('Email', { exact: true }).fill(person.email);
  await page.getByLabel('Role', { exact: true }).selectOption(role);
  await page.getByLabel(/First password/).fill(person.password);
  await page.getByRole('button', { name: 'Add member' }).click();
  await page.getByText(`${person.name} was added as ${role}.`).waitFor();
}

describe('staff accounts in the operator console', () => {
  it('creates the first admin with the admin token, then people sign in as themselves', async () => {
    await page.goto(`${coach.url}/operator`);
    await page.getByRole('button', { name: 'Use the admin token' }).click();
    await page.getByLabel('Admin token').fill(coach.adminToken);
    await page.getByRole('button', { name: 'Open the console' }).click();
    expect(await page.getByTestId('operator-who').textContent()).toContain('Admin token');
    await page.getByRole('link', { name: 'Staff' }).click();
    await page.getByRole('heading', { name: 'Staff', level: 1 }).waitFor();
    await addMember(ADMIN, 'admin');
    await addMember(REVIEWER, 'reviewer');
    // the list reloads after the message: wait for the new row
    await page.getByRole('cell', { name: REVIEWER.email }).waitFor();
    expect(await page.getByRole('table').getByRole('row').count()).toBe(3);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'operator-staff');
    await signOut();

    await signIn({ email: ADMIN.email, password: 'not the password' });
    await page.getByText('Wrong email or password.').waitFor();
    // a fresh page for the picture: no message from the wrong attempt or the sign-out
    await page.reload();
    await signIn(ADMIN, 'operator-sign-in');
    // back on the page they signed out of
    await page.getByRole('heading', { name: 'Staff', level: 1 }).waitFor();
    expect(await page.getByTestId('operator-who').textContent()).toBe('Asha Iyer · admin');
  });

  it("records an admin's change in the audit log, found by its action", async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel(/^All/).check();
    await page.getByRole('button', { name: /Save/ }).click();
    await page.getByText(/Saved\./).waitFor();

    await page.getByRole('link', { name: 'Audit' }).click();
    await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
    await page.getByLabel('Action').selectOption('settings.update');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByText('1 entry').waitFor();
    const row = page.getByRole('table').getByRole('row').nth(1);
    expect(await row.textContent()).toContain(ADMIN.email);
    await page.getByLabel('Action').selectOption('');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByText(/^\d+ entries$/).waitFor();
    expect(await page.getByRole('cell', { name: 'admin token' }).count()).toBe(2);
    await screenshot(page, 'operator-audit');
    await signOut();
  });

  it('gives a reviewer no Staff or Audit and a disabled Save; the admin disabling them ends their session', async () => {
    await signIn(REVIEWER);
    // the audit page they signed in on is not theirs
    await page.getByText('This page is for admins.').waitFor();
    expect(await page.getByTestId('operator-who').textContent()).toBe('Ravi Rao · reviewer');
    expect(await page.getByRole('link', { name: 'Staff' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Audit' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Settings' }).click();
    expect(await page.getByRole('button', { name: /Save/ }).isDisabled()).toBe(true);

    const staff = await fetch(`${coach.url}/api/admin/staff`, {
      headers: { authorization: `Bearer ${coach.adminToken}` },
    });
    const reviewer = ((await staff.json()) as { id: number; email: string }[]).find((m) => m.email === REVIEWER.email)!;
    await fetch(`${coach.url}/api/admin/staff/${reviewer.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${coach.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ disabled: true }),
    });
    await page.getByRole('link', { name: 'Students' }).click();
    await page.getByText(/Your session ended/).waitFor();

    expect(errors).toEqual([]);
    expect(policy.seen).toEqual([]);
  });
});
