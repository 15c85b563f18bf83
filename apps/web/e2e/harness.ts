import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { freePort } from '../../backend/src/db/embedded-server.ts';
import { startAll } from '../../cli/src/start.ts';

/** Debian's chromium (`apt-get install -y chromium`; .ci/run installs it). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// the machine's network is closed: without these, Chromium keeps trying to reach Google's services
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// `npm run screenshots` refreshes the README's pictures; other runs keep theirs out of the work tree
export const SCREENSHOT_DIR = fileURLToPath(
  new URL(
    process.env.UPDATE_SCREENSHOTS ? '../../../docs/screenshots/' : '../../../test-results/screenshots/',
    import.meta.url,
  ),
);

export interface RunningCoach {
  url: string;
  adminToken: string;
  stop(): Promise<void>;
}

/**
 * The whole system as `npm start` runs it (Backend serving the built UI, Brain, embedded PostgreSQL in a
 * fresh DATA_DIR, offline model), on free ports. `env` adds or overrides variables, e.g. LLM_CONFIG.
 */
export async function startCoach(env: Record<string, string> = {}): Promise<RunningCoach> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'coach-e2e-'));
  const adminToken = `admin-${randomBytes(16).toString('hex')}`;
  const system = await startAll({
    DATA_DIR: dataDir,
    PORT: String(await freePort()),
    BRAIN_PORT: String(await freePort()),
    HOST: '127.0.0.1',
    COACH_ADMIN_TOKEN: adminToken,
    LOG_LEVEL: 'silent',
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    ...env,
  });
  return {
    url: system.backend.url,
    adminToken,
    async stop() {
      await system.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Headless Chromium with the machine notes' flags; Playwright gives each launch a fresh profile directory. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `No Chromium at ${CHROMIUM}: run \`apt-get install -y chromium\` (.ci/run does) or set CHROMIUM_PATH.`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
}

export const DESKTOP = { width: 1200, height: 800 };
export const PHONE = { width: 390, height: 844 };

/** A page of its own (own storage); `errors` collects anything the app throws, for the test to check. */
export async function openPage(browser: Browser, viewport = DESKTOP) {
  const context: BrowserContext = await browser.newContext({ viewport, reducedMotion: 'reduce' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, context, errors };
}

/** Saves the page as <name>.png in SCREENSHOT_DIR (docs/screenshots holds the ones the README shows). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), animations: 'disabled' });
}

/** Calls the Backend directly, for setting up and checking what the browser did. */
export async function api<T = any>(
  coach: RunningCoach,
  method: string,
  route: string,
  options: { token?: string; body?: unknown } = {},
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${coach.url}${route}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** Logs a student in through the API: their id, token and login name. */
export async function givenStudent(coach: RunningCoach, name: string) {
  const login = await api(coach, 'POST', '/api/auth/login', { body: { identifier: name } });
  if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
  return {
    id: login.body.user.id as number,
    token: login.body.access_token as string,
    name: login.body.user.name as string,
  };
}

/** A student message sent like the web client sends it, once the coach has answered it. */
export async function givenAnsweredMessage(
  coach: RunningCoach,
  student: { token: string },
  conversationId: number,
  content: string,
): Promise<{ userMessageId: number; reply: { id: number; content: string } }> {
  const sent = await api(coach, 'POST', `/api/conversations/${conversationId}/messages`, {
    token: student.token,
    body: { content },
  });
  const userMessageId = sent.body.message.id as number;
  for (const deadline = Date.now() + 20_000; Date.now() < deadline; ) {
    const reply = await api(coach, 'GET', `/api/messages/${userMessageId}/response`, { token: student.token });
    if (reply.status === 200) return { userMessageId, reply: reply.body };
    if (reply.status !== 202) throw new Error(`the turn failed: ${reply.status} ${JSON.stringify(reply.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`message ${userMessageId} got no reply`);
}
