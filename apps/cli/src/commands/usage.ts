import type { UsageFigures, UsageGroupBy, UsageReport } from '@coach/core';
import type { CoachApi } from '../api.ts';
import { readableTime } from '../render.ts';

export interface UsageOptions {
  from?: string | undefined;
  to?: string | undefined;
  groupBy?: string | undefined;
  json: boolean;
}

/** `coach usage`: the model usage report as a table (or the API's JSON); the API checks the options. */
export async function showUsage(api: CoachApi, options: UsageOptions): Promise<number> {
  const report = await api.usage({ from: options.from, to: options.to, group_by: options.groupBy });
  console.log(options.json ? JSON.stringify(report, null, 2) : renderUsageReport(report).join('\n'));
  return 0;
}

const KEY_HEADINGS: Record<UsageGroupBy, string> = {
  day: 'day (UTC)',
  call_type: 'call type',
  user: 'student',
  model: 'model',
};

/** `$0.0123`; `unknown` when a call counted has no price (LLM_CONFIG `prices`). */
export function costText(cost: number | null): string {
  if (cost === null) return 'unknown';
  return `$${cost.toFixed(cost !== 0 && cost < 0.01 ? 6 : 4)}`;
}

function keyText(report: UsageReport, key: string | number | null): string {
  if (key === null) return report.group_by === 'user' ? '(no student)' : '(none)';
  return report.group_by === 'user' ? `#${key}` : String(key);
}

const cells = (figures: UsageFigures) => [
  String(figures.calls),
  String(figures.failed_calls),
  String(figures.input_tokens),
  String(figures.output_tokens),
  costText(figures.cost_usd),
];

/** The report as aligned columns: one row per group, then the totals. */
export function renderUsageReport(report: UsageReport): string[] {
  const header = [KEY_HEADINGS[report.group_by], 'calls', 'failed', 'input tokens', 'output tokens', 'cost (USD)'];
  const rows = report.groups.map((group) => [keyText(report, group.key), ...cells(group)]);
  const total = ['total', ...cells(report.totals)];
  const table = [header, ...rows, total];
  const widths = header.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
  // the first column reads left to right, the figures line up on the right
  const line = (row: string[]) =>
    row
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [
    `Model usage from ${readableTime(report.from)} to ${readableTime(report.to)}`,
    '',
    line(header),
    rule,
    ...(rows.length === 0 ? ['(no model calls in this range)'] : rows.map(line)),
    rule,
    line(total),
  ];
}
