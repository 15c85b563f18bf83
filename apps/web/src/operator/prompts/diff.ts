/** One line of a prompt text, numbered from 1 as an editor shows it. */
export interface DiffLine {
  number: number;
  text: string;
}

/** A row of the side-by-side view: both sides, or one side only. */
export type DiffRow =
  | { kind: 'same'; left: DiffLine; right: DiffLine }
  | { kind: 'changed'; left: DiffLine; right: DiffLine }
  | { kind: 'removed'; left: DiffLine; right: null }
  | { kind: 'added'; left: null; right: DiffLine };

type Op =
  | { op: 'same'; left: number; right: number }
  | { op: 'removed'; left: number }
  | { op: 'added'; right: number };

// above this many cells the table would be too big to be worth it; the middle is shown as replaced
const MAX_TABLE_CELLS = 4_000_000;

/** Lines of `before` and `after` aligned side by side; a removed run next to an added run pairs up as changed. */
export function diffLines(before: string, after: string): DiffRow[] {
  const left = before.split('\n');
  const right = after.split('\n');
  return pairRuns(editScript(left, right), left, right);
}

export function diffSummary(rows: ReadonlyArray<DiffRow>): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const row of rows) {
    if (row.kind === 'added' || row.kind === 'changed') added += 1;
    if (row.kind === 'removed' || row.kind === 'changed') removed += 1;
  }
  return { added, removed };
}

/** The shortest edit script by longest common subsequence, after trimming the common ends. */
function editScript(left: string[], right: string[]): Op[] {
  let start = 0;
  while (start < left.length && start < right.length && left[start] === right[start]) start += 1;
  let endLeft = left.length;
  let endRight = right.length;
  while (endLeft > start && endRight > start && left[endLeft - 1] === right[endRight - 1]) {
    endLeft -= 1;
    endRight -= 1;
  }

  const ops: Op[] = [];
  for (let i = 0; i < start; i++) ops.push({ op: 'same', left: i, right: i });
  ops.push(...middleScript(left, right, start, endLeft, endRight));
  for (let i = endLeft, j = endRight; i < left.length; i++, j++) ops.push({ op: 'same', left: i, right: j });
  return ops;
}

function middleScript(left: string[], right: string[], start: number, endLeft: number, endRight: number): Op[] {
  const n = endLeft - start;
  const m = endRight - start;
  const ops: Op[] = [];
  if ((n + 1) * (m + 1) > MAX_TABLE_CELLS) {
    for (let i = start; i < endLeft; i++) ops.push({ op: 'removed', left: i });
    for (let j = start; j < endRight; j++) ops.push({ op: 'added', right: j });
    return ops;
  }
  // lcs[i][j]: length of the longest common subsequence of the suffixes from i and j
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] =
        left[start + i] === right[start + j]
          ? lcs[(i + 1) * width + j + 1]! + 1
          : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && left[start + i] === right[start + j]) {
      ops.push({ op: 'same', left: start + i, right: start + j });
      i += 1;
      j += 1;
    } else if (j < m && (i === n || lcs[i * width + j + 1]! >= lcs[(i + 1) * width + j]!)) {
      ops.push({ op: 'added', right: start + j });
      j += 1;
    } else {
      ops.push({ op: 'removed', left: start + i });
      i += 1;
    }
  }
  return ops;
}

function pairRuns(ops: Op[], left: string[], right: string[]): DiffRow[] {
  const line = (lines: string[], index: number): DiffLine => ({ number: index + 1, text: lines[index]! });
  const rows: DiffRow[] = [];
  let removed: number[] = [];
  let added: number[] = [];
  const flush = () => {
    const paired = Math.min(removed.length, added.length);
    for (let k = 0; k < paired; k++) {
      rows.push({ kind: 'changed', left: line(left, removed[k]!), right: line(right, added[k]!) });
    }
    for (const index of removed.slice(paired)) rows.push({ kind: 'removed', left: line(left, index), right: null });
    for (const index of added.slice(paired)) rows.push({ kind: 'added', left: null, right: line(right, index) });
    removed = [];
    added = [];
  };
  for (const op of ops) {
    if (op.op === 'removed') removed.push(op.left);
    else if (op.op === 'added') added.push(op.right);
    else {
      flush();
      rows.push({ kind: 'same', left: line(left, op.left), right: line(right, op.right) });
    }
  }
  flush();
  return rows;
}
