import { useId, useState } from 'react';
import type { Schemas } from '../../api/client.ts';
import { type DiffLine, type DiffRow, diffLines, diffSummary } from './diff.ts';

type Version = Schemas['PromptVersion'];

/** Two versions of a prompt side by side, changed lines marked. `versions` are newest first. */
export function VersionComparison({ versions }: { versions: Version[] }) {
  const newest = versions[0]!;
  const production = versions.find((version) => version.is_production);
  const [leftNumber, setLeftNumber] = useState(
    (production && production !== newest ? production : (versions[1] ?? newest)).version_number,
  );
  const [rightNumber, setRightNumber] = useState(newest.version_number);
  const leftId = useId();
  const rightId = useId();
  const left = versions.find((version) => version.version_number === leftNumber) ?? newest;
  const right = versions.find((version) => version.version_number === rightNumber) ?? newest;
  const rows = diffLines(left.prompt_text, right.prompt_text);
  const { added, removed } = diffSummary(rows);

  const picker = (id: string, label: string, value: number, onChange: (n: number) => void) => (
    <span className="picker">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(Number(event.target.value))}>
        {versions.map((version) => (
          <option key={version.id} value={version.version_number}>
            v{version.version_number}
            {version.is_production ? ' (production)' : ''}
            {version.is_active ? ' (active)' : ''}
          </option>
        ))}
      </select>
    </span>
  );

  return (
    <section aria-labelledby="compare-title" className="comparison">
      <h2 id="compare-title">Compare versions</h2>
      <div className="compare-pickers">
        {picker(leftId, 'Left', leftNumber, setLeftNumber)}
        {picker(rightId, 'Right', rightNumber, setRightNumber)}
        <span className="diff-summary" role="status">
          {added === 0 && removed === 0 ? 'No differences.' : `${removed} line(s) removed, ${added} line(s) added.`}
        </span>
      </div>
      <DiffTable rows={rows} leftLabel={`v${left.version_number}`} rightLabel={`v${right.version_number}`} />
    </section>
  );
}

const MARK: Record<DiffRow['kind'], { left: string; right: string }> = {
  same: { left: '', right: '' },
  changed: { left: 'removed', right: 'added' },
  removed: { left: 'removed', right: '' },
  added: { left: '', right: 'added' },
};

export function DiffTable({ rows, leftLabel, rightLabel }: { rows: DiffRow[]; leftLabel: string; rightLabel: string }) {
  return (
    <div className="diff-scroll">
      <table className="diff">
        <caption className="visually-hidden">
          {leftLabel} on the left, {rightLabel} on the right; removed and added lines are marked
        </caption>
        <colgroup>
          <col className="line-number-column" />
          <col />
          <col className="line-number-column" />
          <col />
        </colgroup>
        <thead>
          <tr>
            <th scope="col" colSpan={2}>
              {leftLabel}
            </th>
            <th scope="col" colSpan={2}>
              {rightLabel}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            // rows have no identity of their own; the list is rebuilt whole on every change
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <tr key={index} className={`diff-${row.kind}`}>
              <Side line={row.left} mark={MARK[row.kind].left} />
              <Side line={row.right} mark={MARK[row.kind].right} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Side({ line, mark }: { line: DiffLine | null; mark: string }) {
  if (!line) {
    return (
      <>
        <td className="line-number" />
        <td className="line empty" />
      </>
    );
  }
  return (
    <>
      <td className="line-number">{line.number}</td>
      <td className={mark ? `line ${mark}` : 'line'}>
        {mark && <span className="visually-hidden">{mark === 'added' ? 'added: ' : 'removed: '}</span>}
        {line.text}
      </td>
    </>
  );
}
