import { useEffect, useState } from 'react';
import { type ApiClient, errorMessage, type Schemas, unwrap } from '../../api/client.ts';
import { Link } from '../../router.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { UsageBars } from './UsageBars.tsx';
import { barsOf, callTypeLabel, costText, dayLabel, tokensOf, tokensText } from './usage-bars.ts';

type UsageReport = Schemas['UsageReport'];

/** Students listed under "Top students". */
const TOP_STUDENTS = 10;

interface Reports {
  byDay: UsageReport;
  byCallType: UsageReport;
  byStudent: UsageReport;
}

/**
 * What the model cost over the last 30 days (the report's default range): tokens by day and by call
 * type, and the students whose work used the most (docs/api/usage.md).
 */
export function UsagePage({ client }: { client: ApiClient }) {
  const [reports, setReports] = useState<Reports | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const report = (group_by: 'day' | 'call_type' | 'user') =>
      unwrap(client.GET('/api/admin/usage', { params: { query: { group_by } } }));
    Promise.all([report('day'), report('call_type'), report('user')])
      .then(([byDay, byCallType, byStudent]) => setReports({ byDay, byCallType, byStudent }))
      .catch((failure: unknown) => setError(errorMessage(failure)));
  }, [client]);

  return (
    <>
      <PageHeading title="Model usage" />
      <p className="hint">
        Every model call the coach made in the last 30 days (UTC): chat turns, memories and personas, failed attempts
        included. Costs come from the prices in <code>LLM_CONFIG</code>; a total is "unknown" when a call in it has no
        price.
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!reports && !error && <p>Loading…</p>}
      {reports && <UsageReports reports={reports} />}
    </>
  );
}

function UsageReports({ reports }: { reports: Reports }) {
  const { totals } = reports.byDay;
  const students = reports.byStudent.groups.filter((group) => group.key !== null).slice(0, TOP_STUDENTS);
  return (
    <>
      <dl className="usage-totals" aria-label="Totals">
        <div>
          <dt>Calls</dt>
          <dd>
            {totals.calls} ({totals.failed_calls} failed)
          </dd>
        </div>
        <div>
          <dt>Tokens</dt>
          <dd>
            {tokensText(totals.input_tokens)} in, {tokensText(totals.output_tokens)} out
          </dd>
        </div>
        <div>
          <dt>Cost</dt>
          <dd>{costText(totals.cost_usd)}</dd>
        </div>
      </dl>

      <section aria-labelledby="usage-by-day">
        <h2 id="usage-by-day">Tokens by day</h2>
        <UsageBars title="Tokens by day" bars={barsOf(reports.byDay.groups, dayLabel)} />
      </section>

      <section aria-labelledby="usage-by-call-type">
        <h2 id="usage-by-call-type">Tokens by call type</h2>
        <UsageBars title="Tokens by call type" bars={barsOf(reports.byCallType.groups, callTypeLabel)} />
      </section>

      <section aria-labelledby="usage-top-students">
        <h2 id="usage-top-students">Top students</h2>
        {students.length === 0 ? (
          <p className="hint">No student's work used the model in this range.</p>
        ) : (
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Student</th>
                <th scope="col">Calls</th>
                <th scope="col">Tokens</th>
                <th scope="col">Cost</th>
              </tr>
            </thead>
            <tbody>
              {students.map((group) => (
                <tr key={String(group.key)}>
                  <td>
                    <Link to={`/operator/students/${group.key}`}>Student {group.key}</Link>
                  </td>
                  <td>{group.calls}</td>
                  <td>{tokensText(tokensOf(group))}</td>
                  <td>{costText(group.cost_usd)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
