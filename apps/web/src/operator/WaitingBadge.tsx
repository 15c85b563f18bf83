/** A count for the navigation: null until known (or when it could not be asked). */
export interface WaitingCount {
  waiting: number | null;
  capped: boolean;
  refresh: () => void;
}

/** The number next to a section's name: what waits there (read out as "3 waiting", or "2 open"). */
export function WaitingBadge({ count, testId, what }: { count: WaitingCount; testId: string; what: string }) {
  if (!count.waiting) return null;
  return (
    <span className="nav-count" data-testid={testId}>
      <span aria-hidden="true">{count.capped ? `${count.waiting}+` : count.waiting}</span>
      <span className="visually-hidden">
        ({count.waiting} {what})
      </span>
    </span>
  );
}
