import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  chooseProvider,
  DEFAULT_LLM_CONFIG,
  describeLlmChoice,
  type Env,
  loadLlmConfig,
  loadLlmSettings,
  resolveLlmSettings,
} from './config.ts';
import { LlmConfigError } from './errors.ts';

const dir = mkdtempSync(join(tmpdir(), 'llm-config-'));

function givenConfigFile(contents: unknown): string {
  const path = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, typeof contents === 'string' ? contents : JSON.stringify(contents));
  return path;
}

function configError(env: Env): string {
  try {
    loadLlmSettings(env);
  } catch (error) {
    expect(error).toBeInstanceOf(LlmConfigError);
    return (error as Error).message;
  }
  throw new Error('expected the config to be rejected');
}

describe('choosing a provider from the environment', () => {
  it('prefers LLM_BASE_URL, then OPENAI_API_KEY, then GROQ_API_KEY, then the offline model', () => {
    const all = { LLM_BASE_URL: 'http://localhost:11434/v1', OPENAI_API_KEY: 'sk', GROQ_API_KEY: 'gsk' };
    expect(chooseProvider(all).provider).toBe('openai-compatible');
    expect(chooseProvider({ ...all, LLM_BASE_URL: undefined }).provider).toBe('openai');
    expect(chooseProvider({ GROQ_API_KEY: 'gsk' }).provider).toBe('groq');
    expect(chooseProvider({}).provider).toBe('offline');
  });

  it('treats empty variables as unset', () => {
    expect(chooseProvider({ LLM_BASE_URL: '', OPENAI_API_KEY: '  ', GROQ_API_KEY: 'gsk' }).provider).toBe('groq');
  });

  it('lets the config file pin a provider per call type', () => {
    const settings = resolveLlmSettings(
      { memory_generation: { provider: 'offline' }, defaults: { model: 'gpt-4.1-mini' } },
      { OPENAI_API_KEY: 'sk' },
    );
    expect(settings.calls.simplified_conversation).toMatchObject({ provider: 'openai', model: 'gpt-4.1-mini' });
    expect(settings.calls.memory_generation.provider).toBe('offline');
  });

  it('gives each provider its own default model', () => {
    expect(resolveLlmSettings({}, { GROQ_API_KEY: 'gsk' }).calls.intent_gathering.model).toBe(
      'llama-3.3-70b-versatile',
    );
    expect(resolveLlmSettings({}, {}).calls.intent_gathering.model).toBe('offline-coach');
  });
});

describe('the config file', () => {
  it('uses the built-in config when LLM_CONFIG is unset', () => {
    expect(loadLlmConfig({})).toBe(DEFAULT_LLM_CONFIG);
    const settings = loadLlmSettings({});
    expect(settings.calls.simplified_conversation).toMatchObject({
      temperature: 0.7,
      maxTokens: 1024,
      timeoutMs: 30_000,
      maxRetries: 2,
    });
    expect(settings.calls.memory_generation.timeoutMs).toBe(60_000);
  });

  it('layers a call type over the file defaults over the built-in fallbacks', () => {
    const path = givenConfigFile({
      defaults: { temperature: 0.2, max_retries: 4 },
      simplified_conversation: { temperature: 0.9, max_tokens: 200, timeout_ms: 5_000 },
      retry: { base_delay_ms: 100 },
    });
    const settings = loadLlmSettings({ LLM_CONFIG: path });
    expect(settings.calls.simplified_conversation).toMatchObject({
      temperature: 0.9,
      maxTokens: 200,
      timeoutMs: 5_000,
      maxRetries: 4,
    });
    expect(settings.calls.knowledge_retrieval).toMatchObject({ temperature: 0.2, maxTokens: 1024, timeoutMs: 30_000 });
    expect(settings.retry).toEqual({ baseDelayMs: 100, maxDelayMs: 8_000 });
  });

  it('names the bad field of an invalid config file', () => {
    const path = givenConfigFile({ memory_generation: { temperature: 5 } });
    expect(configError({ LLM_CONFIG: path })).toMatch(/LLM_CONFIG=.*: .*memory_generation\.temperature/);
  });

  it('names a misspelt call type', () => {
    const path = givenConfigFile({ memory_generaton: { temperature: 0.3 } });
    expect(configError({ LLM_CONFIG: path })).toContain('memory_generaton');
  });

  it('names an unknown provider', () => {
    const path = givenConfigFile({ defaults: { provider: 'anthropic' } });
    expect(configError({ LLM_CONFIG: path })).toContain('defaults.provider');
  });

  it('says when the file is not JSON or cannot be read', () => {
    expect(configError({ LLM_CONFIG: givenConfigFile('{ "defaults": ') })).toContain('not valid JSON');
    expect(configError({ LLM_CONFIG: join(dir, 'missing.json') })).toContain('cannot read the file');
  });

  it('refuses a pinned provider whose credentials are missing', () => {
    const path = givenConfigFile({ user_persona_generation: { provider: 'groq' } });
    expect(configError({ LLM_CONFIG: path })).toBe(
      'LLM config: user_persona_generation.provider is "groq" but GROQ_API_KEY is not set',
    );
  });

  it('refuses an LLM_BASE_URL that is not a URL', () => {
    expect(configError({ LLM_BASE_URL: 'localhost:11434' })).toContain('LLM_BASE_URL is not an http(s) URL');
  });
});

describe('offline latency', () => {
  it('comes from OFFLINE_LLM_LATENCY_MS, else the config file, else 0', () => {
    expect(resolveLlmSettings({}, {}).offlineLatencyMs).toBe(0);
    expect(resolveLlmSettings({ offline: { latency_ms: 40 } }, {}).offlineLatencyMs).toBe(40);
    expect(
      resolveLlmSettings({ offline: { latency_ms: 40 } }, { OFFLINE_LLM_LATENCY_MS: '250' }).offlineLatencyMs,
    ).toBe(250);
  });

  it('rejects a latency that is not a whole number', () => {
    expect(configError({ OFFLINE_LLM_LATENCY_MS: 'fast' })).toContain('OFFLINE_LLM_LATENCY_MS');
  });
});

describe('the start-up line', () => {
  it('explains the offline model', () => {
    expect(describeLlmChoice(loadLlmSettings({}))).toBe(
      'LLM: offline model (no OPENAI_API_KEY, GROQ_API_KEY or LLM_BASE_URL set)',
    );
  });

  it('names provider, model and endpoint', () => {
    expect(describeLlmChoice(loadLlmSettings({ OPENAI_API_KEY: 'sk' }))).toBe(
      'LLM: openai gpt-4o-mini (OPENAI_API_KEY set)',
    );
    const local = resolveLlmSettings({ defaults: { model: 'qwen2.5' } }, { LLM_BASE_URL: 'http://localhost:11434/v1' });
    expect(describeLlmChoice(local)).toBe(
      'LLM: openai-compatible qwen2.5 at http://localhost:11434/v1 (LLM_BASE_URL set)',
    );
  });

  it('lists which call types go where when they differ', () => {
    const settings = resolveLlmSettings(
      { memory_generation: { provider: 'offline' }, user_persona_generation: { provider: 'offline' } },
      { GROQ_API_KEY: 'gsk', OFFLINE_LLM_LATENCY_MS: '20' },
    );
    expect(describeLlmChoice(settings)).toBe(
      'LLM: groq llama-3.3-70b-versatile (GROQ_API_KEY set) for simplified_conversation, intent_gathering, ' +
        'knowledge_retrieval, response_generation, learning_enhancement, follow_up_response; ' +
        'offline model with 20 ms latency (set in the LLM config) for memory_generation, user_persona_generation',
    );
  });
});
