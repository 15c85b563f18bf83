/** One group of the usage report, as the page draws and lists it. */
export interface UsageGroup {
  key: string | number | null;
  calls: number;
  failed_calls: number;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number | null;
}

/** A bar of a chart: its label, the tokens it stands for, and its length as a share of the longest. */
export interface Bar {
  label: string;
  tokens: number;
  calls: number;
  share: number;
}

export const tokensOf = (group: UsageGroup) => group.input_tokens + group.output_tokens;

/** The groups as bars, in the report's order; the longest bar is the one with the most tokens. */
export function barsOf(groups: UsageGroup[], label: (key: UsageGroup['key']) => string = String): Bar[] {
  const most = Math.max(1, ...groups.map(tokensOf));
  return groups.map((group) => ({
    label: label(group.key),
    tokens: tokensOf(group),
    calls: group.calls,
    share: tokensOf(group) / most,
  }));
}

/** Call types in words an operator reads (`memory_generation` → "memory generation"). */
export const callTypeLabel = (key: UsageGroup['key']) => (key === null ? 'none' : String(key).replaceAll('_', ' '));

/** A day key (`2026-12-03`) as the chart's short label ("3 Dec"). */
export function dayLabel(key: UsageGroup['key']): string {
  const date = new Date(`${String(key)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return String(key);
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
}

/** A cost in USD, or "unknown" when a call in it has no price (never a guess). */
export function costText(cost: number | null): string {
  if (cost === null) return 'unknown';
  return cost < 0.01 && cost > 0 ? `$${cost.toFixed(4)}` : `$${cost.toFixed(2)}`;
}

export const tokensText = (tokens: number) => tokens.toLocaleString('en-GB');
