import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenAiTestServer, startOpenAiTestServer } from '../../brain/test/openai-test-server.ts';
import { launchChromium, openPage, type RunningCoach, screenshot, startCoach } from './harness.ts';

let llm: OpenAiTestServer;
let coach: RunningCoach;
let browser: Browser;
let configDir: string;

beforeAll(async () => {
  // chat replies come from a scripted OpenAI-compatible server; everything else stays offline
  llm = await startOpenAiTestServer();
  configDir = mkdtempSync(path.join(tmpdir(), 'coach-llm-'));
  const llmConfig = path.join(configDir, 'llm.json');
  writeFileSync(
    llmConfig,
    JSON.stringify({
      simplified_conversation: {
        provider: 'openai-compatible',
        base_url: llm.baseUrl,
        model: 'scripted',
        max_retries: 0,
        timeout_ms: 5_000,
      },
    }),
  );
  [coach, browser] = await Promise.all([
    startCoach({ LLM_CONFIG: llmConfig, LLM_API_KEY: 'unused' }),
    launchChromium(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await coach?.stop();
  await llm?.close();
  if (configDir) rmSync(configDir, { recursive: true, force: true });
});

describe('a chat turn that fails', () => {
  it('shows a friendly error with Retry, and Retry sends the message again', async () => {
    // a refusal the Brain cannot retry: the turn fails for good at once
    llm.script(
      { status: 400, message: 'The model refused the request.' },
      { content: 'Good question! What do you already know about black holes?' },
    );
    const { page, context, errors } = await openPage(browser);
    await page.goto(coach.url);
    await page.getByLabel('Phone number or name').fill('Kiran');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('button', { name: 'Start chatting' }).click();
    await page.getByRole('button', { name: 'Start a new conversation' }).click();
    await page.getByLabel('Your message').fill('What is inside a black hole?');
    await page.getByRole('button', { name: 'Send' }).click();

    const failure = page.locator('.turn-failed');
    await failure.waitFor();
    expect(await failure.getAttribute('role')).toBe('alert');
    expect(await failure.textContent()).toContain("Sorry, the coach couldn't answer that message.");
    await screenshot(page, 'student-failed-turn');

    await failure.getByRole('button', { name: 'Retry' }).click();
    await page.getByText('Good question! What do you already know about black holes?').waitFor();
    await failure.waitFor({ state: 'detached' });
    // the message went out twice: once failed, once answered
    expect(await page.locator('.message.student').filter({ hasText: 'What is inside a black hole?' }).count()).toBe(2);

    // after a reload the answered turn stays answered, and nothing is left pending
    await page.reload();
    await page.getByText('Good question! What do you already know about black holes?').waitFor();
    expect(await page.locator('.turn-failed').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
