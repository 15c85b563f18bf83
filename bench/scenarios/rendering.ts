import { readFileSync } from 'node:fs';
import path from 'node:path';
import { renderTemplate } from '@coach/core';
import type { Scenario } from '../scenario.ts';

interface Workload {
  templates: string[];
  personas: Array<Record<string, unknown>>;
  memories: Array<Record<string, unknown>>;
}

/**
 * Scenario 4: persona + memory placeholder renders per second on the shared workload, each render
 * one template with one persona and one memory, cycling through the file in its order.
 */
export const rendering: Scenario = {
  name: 'rendering',
  title: 'Placeholder rendering (shared workload)',
  async run({ sharedDir, log }) {
    const file = path.join(sharedDir, 'bench', 'injection_workload.json');
    const workload = JSON.parse(readFileSync(file, 'utf8')) as Workload;
    const { templates, personas, memories } = workload;
    const render = (i: number) =>
      renderTemplate(templates[i % templates.length]!, {
        query: 'Why does the moon change shape?',
        conversationHistory: 'Student: hi\nCoach: hello! What are you wondering about today?',
        persona: personas[i % personas.length]!,
        memory: memories[i % memories.length]!,
      });
    let sink = 0;
    for (let i = 0; i < 20_000; i++) sink += render(i).length; // warm-up: let the JIT settle
    const rows = [];
    for (const round of [1, 2, 3]) {
      const count = 200_000;
      const started = process.hrtime.bigint();
      for (let i = 0; i < count; i++) sink += render(i).length;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      rows.push({ round, renders: count, seconds: seconds.toFixed(3), renders_per_s: Math.round(count / seconds) });
      log(`round ${round}: ${Math.round(count / seconds)} renders/s`);
    }
    const best = Math.max(...rows.map((r) => r.renders_per_s));
    return {
      rows,
      summary: [`renders/s (best of 3 rounds of 200k): ${best.toLocaleString('en')}`, `(checksum ${sink % 997})`],
    };
  },
};
