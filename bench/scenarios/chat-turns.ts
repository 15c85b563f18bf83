import { benchDatabase } from '../databases.ts';
import type { TreeMemory } from '../process-tree.ts';
import type { Scenario } from '../scenario.ts';
import { percentile, type SystemProcess, startSystemProcess } from '../system-process.ts';

const CONCURRENCY = [1, 8, 32];
const SECONDS_PER_LEVEL = 10;
const QUICK_SECONDS_PER_LEVEL = 3;
/** How long each poll asks the Backend to hold it, as the web client does (REPLY_WAIT_SECONDS). */
const REPLY_WAIT_SECONDS = 20;
/** How often memory is sampled under load (each sample walks /proc: not too often on a small machine). */
const MEMORY_SAMPLE_MS = 1_000;

async function json(response: Response) {
  const text = await response.text();
  return text === '' ? null : JSON.parse(text);
}

/** A student logged in by name with a new conversation: their token and its id. */
export async function login(url: string, name: string) {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identifier: name }),
  });
  const body = await json(response);
  const token = body.access_token as string;
  const conversation = await json(
    await fetch(`${url}/api/conversations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: '{}',
    }),
  );
  return { token, conversationId: conversation.id as number };
}

interface Turn {
  /** Client-observed: POST until the reply is seen by polling. */
  clientMs: number;
  /** Server-side: the student's message timestamp to the coach's reply timestamp. */
  serverMs: number;
}

export async function oneTurn(
  url: string,
  student: { token: string; conversationId: number },
  n: number,
): Promise<Turn> {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${student.token}` };
  const started = performance.now();
  const posted = await json(
    await fetch(`${url}/api/conversations/${student.conversationId}/messages`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ content: `Why does the moon change shape? (${n})` }),
    }),
  );
  const message = posted.message as { id: number; timestamp: string };
  for (;;) {
    const response = await fetch(`${url}/api/messages/${message.id}/response?wait=${REPLY_WAIT_SECONDS}`, { headers });
    if (response.status === 200) {
      const reply = await json(response);
      return {
        clientMs: performance.now() - started,
        serverMs: Date.parse(reply.timestamp) - Date.parse(message.timestamp),
      };
    }
    await response.arrayBuffer();
    if (response.status !== 202) throw new Error(`turn failed with ${response.status}`);
  }
}

/** The highest memory figures seen while `work` runs, sampled every `MEMORY_SAMPLE_MS`. */
async function peakMemoryDuring(system: SystemProcess, work: () => Promise<void>): Promise<TreeMemory> {
  let peak = system.memory();
  const timer = setInterval(() => {
    peak = highest(peak, system.memory());
  }, MEMORY_SAMPLE_MS);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return highest(peak, system.memory());
}

function highest(a: TreeMemory, b: TreeMemory): TreeMemory {
  return {
    rootRssMiB: Math.max(a.rootRssMiB, b.rootRssMiB),
    treePssMiB: Math.max(a.treePssMiB, b.treePssMiB),
    processes: Math.max(a.processes, b.processes),
  };
}

/**
 * Scenario 1 (and 5): what the system adds to a chat turn beyond the LLM, with the offline model at
 * 0 ms; a closed-loop load generator: each student posts, then polls as the web client does (one poll
 * held until the reply is stored), then posts again. Also the memory: the node process's resident set
 * and the whole process tree's proportional set (node plus the embedded server's processes), idle and
 * the peak under each load.
 */
export const chatTurns: Scenario = {
  name: 'chat-turns',
  title: 'Chat-turn overhead and memory (offline model, 0 ms)',
  async run({ databases, postgresUrl, quick, log }) {
    const seconds = quick ? QUICK_SECONDS_PER_LEVEL : SECONDS_PER_LEVEL;
    const rows: Array<Record<string, string | number>> = [];
    const summary = [
      "node_rss_mib: the system's node process, resident; tree_pss_mib: it and all its descendants, proportional",
      `set size (shared pages counted once); under load the peak of samples every ${MEMORY_SAMPLE_MS / 1000} s; idle: 2 s after start;`,
      "PSS also shares out pages mapped by other processes (node's binary in any other node process on the machine),",
      'so a tree of node alone can come out below its RSS',
    ];
    for (const kind of databases) {
      const database = await benchDatabase(kind, postgresUrl);
      const system = await startSystemProcess({ databaseUrl: database.url, env: { OFFLINE_LLM_LATENCY_MS: '0' } });
      try {
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        const idle = system.memory();
        // the load columns stay empty: the table's columns are the first row's
        const noLoad = {
          turns: '',
          turns_per_s: '',
          server_p50_ms: '',
          server_p99_ms: '',
          client_p50_ms: '',
          client_p99_ms: '',
        };
        rows.push({ db: kind, students: 'idle', ...noLoad, ...memoryColumns(idle) });
        let peak = idle;
        for (const concurrency of CONCURRENCY) {
          const students = await Promise.all(
            Array.from({ length: concurrency }, (_, i) => login(system.url, `bench${concurrency}x${i}`)),
          );
          // warm-up turn per student
          await Promise.all(students.map((s, i) => oneTurn(system.url, s, i)));
          const turns: Turn[] = [];
          const deadline = performance.now() + seconds * 1000;
          const started = performance.now();
          const loaded = await peakMemoryDuring(system, async () => {
            await Promise.all(
              students.map(async (student, i) => {
                for (let n = 0; performance.now() < deadline; n++)
                  turns.push(await oneTurn(system.url, student, i * 1e6 + n));
              }),
            );
          });
          const elapsed = (performance.now() - started) / 1000;
          peak = highest(peak, loaded);
          const client = turns.map((t) => t.clientMs).sort((a, b) => a - b);
          const server = turns.map((t) => t.serverMs).sort((a, b) => a - b);
          const row = {
            db: kind,
            students: concurrency,
            turns: turns.length,
            turns_per_s: Math.round(turns.length / elapsed),
            server_p50_ms: percentile(server, 50),
            server_p99_ms: percentile(server, 99),
            client_p50_ms: Math.round(percentile(client, 50) * 10) / 10,
            client_p99_ms: Math.round(percentile(client, 99) * 10) / 10,
            ...memoryColumns(loaded),
          };
          log(JSON.stringify(row));
          rows.push(row);
        }
        const tree =
          kind === 'embedded'
            ? 'node plus the embedded PostgreSQL server'
            : 'node only: the external PostgreSQL server is not in the tree';
        summary.push(
          `${kind}: tree = ${tree}; idle ${idle.rootRssMiB} MiB node RSS, ${idle.treePssMiB} MiB tree PSS (processes: ${idle.processes}); peak under load ${peak.rootRssMiB} / ${peak.treePssMiB} MiB (processes: ${peak.processes})`,
        );
      } finally {
        await system.stop();
        await database.drop();
      }
    }
    return { rows, summary };
  },
};

function memoryColumns(memory: TreeMemory) {
  return { node_rss_mib: memory.rootRssMiB, tree_pss_mib: memory.treePssMiB };
}
