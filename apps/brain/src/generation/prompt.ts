import type { BackendClient } from '../backend-client.ts';
import { BUILTIN_PROMPTS } from '../prompts/builtin.ts';

/** The production text of a generation prompt, or the built-in one. */
export async function generationPrompt(backend: BackendClient, name: 'memory_generation' | 'user_persona_generation') {
  const versions = await backend.getPromptVersions('chat');
  return versions[name]?.prompt_text ?? BUILTIN_PROMPTS[name].text;
}
