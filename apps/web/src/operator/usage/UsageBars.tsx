import type { Bar } from './usage-bars.ts';
import { tokensText } from './usage-bars.ts';

const ROW = 26;
const LABEL_WIDTH = 200;
const BAR_WIDTH = 340;
const VALUE_WIDTH = 170;

/**
 * Horizontal bars drawn as inline SVG (no chart library, no script: the CSP allows none), one row a
 * group, the tokens written beside each bar so the figure is read, not guessed from a length.
 */
export function UsageBars({ title, bars }: { title: string; bars: Bar[] }) {
  if (bars.length === 0) return <p className="hint">No model calls in this range.</p>;
  const width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH;
  return (
    <svg
      className="usage-bars"
      role="img"
      aria-label={`${title}: ${bars.map((bar) => `${bar.label} ${tokensText(bar.tokens)} tokens`).join(', ')}`}
      viewBox={`0 0 ${width} ${bars.length * ROW}`}
      width="100%"
      preserveAspectRatio="xMinYMin meet"
    >
      {bars.map((bar, index) => (
        <g key={bar.label} transform={`translate(0 ${index * ROW})`} data-testid="usage-bar">
          <text x={LABEL_WIDTH - 8} y={ROW / 2} textAnchor="end" dominantBaseline="middle" className="usage-bar-label">
            {bar.label}
          </text>
          <rect
            x={LABEL_WIDTH}
            y={4}
            height={ROW - 8}
            width={Math.max(bar.share * BAR_WIDTH, bar.tokens > 0 ? 2 : 0)}
            className="usage-bar"
          />
          <text x={LABEL_WIDTH + BAR_WIDTH + 8} y={ROW / 2} dominantBaseline="middle" className="usage-bar-value">
            {tokensText(bar.tokens)} tokens · {bar.calls} calls
          </text>
        </g>
      ))}
    </svg>
  );
}
