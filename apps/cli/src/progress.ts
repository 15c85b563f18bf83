import { setTimeout as sleep } from 'node:timers/promises';
import type { GenerationJobRecord } from '@coach/core';
import cliProgress from 'cli-progress';
import type { CoachApi } from './api.ts';

/** How far some work has come: `done` of `total` (0 = not known yet), and a word on its state. */
export interface Progress {
  done: number;
  total: number;
  status: string;
}

export interface ProgressView {
  update(progress: Progress): void;
  stop(): void;
}

/**
 * A progress bar on a terminal; elsewhere (a pipe, a CI log) a plain line whenever the progress
 * changes, at most one a second. Both on stderr, so stdout keeps only the answer.
 */
export function createProgressView(label: string, stream: NodeJS.WriteStream = process.stderr): ProgressView {
  return stream.isTTY ? barView(label, stream) : lineView(label, stream);
}

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

function barView(label: string, stream: NodeJS.WriteStream): ProgressView {
  const bar = new cliProgress.SingleBar({
    stream,
    hideCursor: true,
    // Ctrl-C is ours to handle (followJobs says how to pick the job up again)
    gracefulExit: false,
    barsize: 30,
    barCompleteChar: '█',
    barIncompleteChar: '░',
    format: (options, params, payload: { status: string }) => {
      const seconds = `${Math.round((Date.now() - params.startTime) / 1000)}s`;
      // nothing to count yet: a spinner instead of an empty bar
      if (params.total === 0) {
        return `${SPINNER[Math.floor(Date.now() / 100) % SPINNER.length]} ${label} · ${payload.status} · ${seconds}`;
      }
      const filled = cliProgress.Format.BarFormat(Math.min(params.value / params.total, 1), options);
      return `${label} ${filled} ${params.value}/${params.total} · ${payload.status} · ${seconds}`;
    },
  });
  let started = false;
  return {
    update({ done, total, status }) {
      if (!started) {
        bar.start(total, done, { status });
        started = true;
        return;
      }
      if (total !== bar.getTotal()) bar.setTotal(total);
      bar.update(done, { status });
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}

function lineView(label: string, stream: NodeJS.WriteStream): ProgressView {
  let printed = '';
  let pending = '';
  let printedAt = 0;
  const print = () => {
    if (pending === printed) return;
    stream.write(`${pending}\n`);
    printed = pending;
    printedAt = Date.now();
  };
  return {
    update({ done, total, status }) {
      pending = total === 0 ? `${label}: ${status}` : `${label}: ${done}/${total} · ${status}`;
      if (Date.now() - printedAt >= 1_000) print();
    },
    // the last state is always shown
    stop: print,
  };
}

export const isSettled = (job: GenerationJobRecord) =>
  job.state === 'completed' || job.state === 'failed' || job.state === 'stopped';

export interface FollowOptions {
  /** What the bar is about: "persona of user 12", "3 personas". */
  label: string;
  intervalMs?: number;
}

const POLL_CONCURRENCY = 8;
/** After this long in `queued`, the status line suggests why. */
const QUEUED_HINT_AFTER_MS = 10_000;

/**
 * Polls `GET /api/tasks/jobs/{id}` for each job until all are completed or failed, showing their
 * progress together (done/total summed over the jobs), and answers the final job records.
 */
export async function followJobs(
  api: CoachApi,
  jobIds: number[],
  options: FollowOptions,
): Promise<GenerationJobRecord[]> {
  const view = createProgressView(options.label);
  const latest = new Map<number, GenerationJobRecord>();
  const since = Date.now();
  const interrupted = () => {
    view.stop();
    const how = jobIds.length === 1 ? `coach jobs watch ${jobIds[0]}` : 'coach jobs watch <id>';
    process.stderr.write(`Stopped following; the work goes on. Follow it again with \`${how}\`.\n`);
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  try {
    for (;;) {
      const open = jobIds.filter((id) => !settledAlready(latest.get(id)));
      for (let i = 0; i < open.length; i += POLL_CONCURRENCY) {
        const batch = await Promise.all(open.slice(i, i + POLL_CONCURRENCY).map((id) => api.job(id)));
        for (const job of batch) latest.set(job.id, job);
      }
      const jobs = jobIds.map((id) => latest.get(id)!);
      view.update(progressOf(jobs, Date.now() - since));
      if (jobs.every(isSettled)) return jobs;
      await sleep(options.intervalMs ?? 250);
    }
  } finally {
    view.stop();
    process.removeListener('SIGINT', interrupted);
  }
}

/** A settled job does not change any more: it is not asked about again. */
const settledAlready = (job: GenerationJobRecord | undefined) => job !== undefined && isSettled(job);

function progressOf(jobs: GenerationJobRecord[], elapsedMs: number): Progress {
  let done = 0;
  let total = 0;
  for (const job of jobs) {
    total += job.progress.total;
    // a settled job is finished work, even one that failed part-way
    done += isSettled(job) ? job.progress.total : Math.min(job.progress.done, job.progress.total);
  }
  return { done, total, status: statusOf(jobs, elapsedMs) };
}

function statusOf(jobs: GenerationJobRecord[], elapsedMs: number): string {
  const allQueued = jobs.every((job) => job.state === 'queued');
  const hint = allQueued && elapsedMs > QUEUED_HINT_AFTER_MS ? ' (no Brain has taken it yet: is one running?)' : '';
  if (jobs.length === 1) return `${jobs[0]!.state}${hint}`;
  const counts = new Map<string, number>();
  for (const job of jobs) counts.set(job.state, (counts.get(job.state) ?? 0) + 1);
  const parts = ['running', 'queued', 'completed', 'stopped', 'failed'].flatMap((state) =>
    counts.has(state) ? [`${counts.get(state)} ${state}`] : [],
  );
  return `${parts.join(', ')}${hint}`;
}
