import { readdirSync, readFileSync } from 'node:fs';

/** Memory of a process and everything it started: the embedded server's postmaster and backends too. */
export interface TreeMemory {
  /** The root process's own resident set size. */
  rootRssMiB: number;
  /** Proportional set size summed over the tree: shared pages (the server's shared buffers) counted once. */
  treePssMiB: number;
  processes: number;
}

/** The fields of /proc/<pid>/stat after the name, which may itself hold spaces and parentheses. */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined; // gone meanwhile
  }
}

/** Whether the process still runs (a zombie has finished: only its exit status is left). */
export function running(pid: number): boolean {
  const state = statFields(pid)?.[0];
  return state !== undefined && state !== 'Z';
}

/**
 * `root` and its descendants by parent pid, from /proc: the embedded server runs detached in a process
 * group of its own (under a `/bin/sh` guardian), but it is still the system's descendant.
 */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(Number(entry));
    if (!fields || fields[0] === 'Z') continue;
    const parent = Number(fields[1]);
    children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]!) ?? []));
  return tree;
}

/** The first `<field>: <n> kB` line of a /proc file, in kB; undefined when it cannot be read. */
function kilobytes(file: string, field: string): number | undefined {
  try {
    const found = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(file, 'utf8'));
    return found ? Number(found[1]) : undefined;
  } catch {
    return undefined;
  }
}

const mib = (kb: number) => Math.round(kb / 1024);

export function treeMemory(root: number): TreeMemory {
  const tree = processTree(root);
  let pss = 0;
  for (const pid of tree) {
    // VmRSS where smaps_rollup cannot be read (an older kernel, no permission): counts shared pages in full
    pss += kilobytes(`/proc/${pid}/smaps_rollup`, 'Pss') ?? kilobytes(`/proc/${pid}/status`, 'VmRSS') ?? 0;
  }
  return {
    rootRssMiB: mib(kilobytes(`/proc/${root}/status`, 'VmRSS') ?? 0),
    treePssMiB: mib(pss),
    processes: tree.length,
  };
}

/** CPU time the process has used so far (user + system), in seconds. */
export function cpuSeconds(pid: number): number {
  // utime and stime are fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 a second on Linux)
  const fields = statFields(pid) ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
