import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { type ApiClient, errorMessage, type Schemas, unwrap } from '../../api/client.ts';
import { Link } from '../../router.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { fullTime } from '../../ui/time.ts';
import { ResolveWithNote } from '../ResolveWithNote.tsx';
import { categoryLabel, messageLink } from './alert-labels.ts';

type SafetyAlert = Schemas['SafetyAlert'];

interface SafetyAlertsPageProps {
  client: ApiClient;
  /** An alert was resolved: the navigation's count follows. */
  onAlertsChanged: () => void;
}

/** Alerts the safety screen raised about students' messages: the open ones first, newest first; resolved on demand. */
export function SafetyAlertsPage({ client, onAlertsChanged }: SafetyAlertsPageProps) {
  const [open, setOpen] = useState<SafetyAlert[] | null>(null);
  const [resolved, setResolved] = useState<SafetyAlert[] | null>(null);
  const [showResolved, setShowResolved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const [openNow, resolvedNow] = await Promise.all([
        unwrap(client.GET('/api/admin/safety/alerts', { params: { query: { status: 'open' } } })),
        showResolved
          ? unwrap(client.GET('/api/admin/safety/alerts', { params: { query: { status: 'resolved' } } }))
          : Promise.resolve(null),
      ]);
      setOpen(openNow);
      setResolved(resolvedNow);
      setError(null);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }, [client, showResolved]);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <>
      <PageHeading title="Safety alerts" />
      <p className="hint">
        The safety screen raises an alert when a student's message says they may be at risk. The student was given the
        safe reply with the helpline at once. Read the message in its conversation, tell the adult your school's
        safeguarding policy names, then resolve the alert with a note of what was done.
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <p className="status-line success" role="status">
        {notice}
      </p>
      <section aria-labelledby="open-alerts-title">
        <h2 id="open-alerts-title">Open{open !== null && ` (${open.length})`}</h2>
        {open !== null && open.length === 0 && <p className="hint">No open alerts.</p>}
        <ul className="alert-list">
          {(open ?? []).map((alert) => (
            <li key={alert.id}>
              <AlertCard alert={alert}>
                <ResolveForm
                  client={client}
                  alert={alert}
                  onResolved={(message) => {
                    setNotice(message);
                    onAlertsChanged();
                    void load();
                  }}
                />
              </AlertCard>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="resolved-alerts-title">
        <h2 id="resolved-alerts-title">Resolved</h2>
        {!showResolved ? (
          <button type="button" onClick={() => setShowResolved(true)}>
            Show resolved alerts
          </button>
        ) : (
          <>
            {resolved !== null && resolved.length === 0 && <p className="hint">No resolved alerts.</p>}
            <ul className="alert-list">
              {(resolved ?? []).map((alert) => (
                <li key={alert.id}>
                  <AlertCard alert={alert}>
                    <p className="alert-resolution">
                      Resolved{' '}
                      <time dateTime={alert.resolved_at ?? undefined}>{fullTime(alert.resolved_at ?? '')}</time>
                      {alert.note ? <>: {alert.note}</> : ' without a note'}
                    </p>
                  </AlertCard>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </>
  );
}

function AlertCard({ alert, children }: { alert: SafetyAlert; children: ReactNode }) {
  const link = messageLink(alert);
  return (
    <article className={`alert-card severity-${alert.severity}`} aria-labelledby={`alert-${alert.id}-title`}>
      <h3 id={`alert-${alert.id}-title`}>
        {categoryLabel(alert.category)} <span className={`badge severity-${alert.severity}`}>{alert.severity}</span>
      </h3>
      <p className="alert-who">
        <Link to={`/operator/students/${alert.user_id}`}>{alert.name}</Link> ·{' '}
        <time dateTime={alert.created_at}>{fullTime(alert.created_at)}</time>
      </p>
      <blockquote className="alert-excerpt">{alert.excerpt}</blockquote>
      <p>
        {link ? (
          <Link to={link}>
            Read the message in its conversation <span className="visually-hidden">({alert.name})</span>
          </Link>
        ) : (
          <span className="hint">The student deleted this conversation; the excerpt is what remains.</span>
        )}
      </p>
      {children}
    </article>
  );
}

function ResolveForm({
  client,
  alert,
  onResolved,
}: {
  client: ApiClient;
  alert: SafetyAlert;
  onResolved: (message: string) => void;
}) {
  async function resolve(note: string | undefined) {
    await unwrap(
      client.POST('/api/admin/safety/alerts/{id}/resolve', {
        params: { path: { id: alert.id } },
        body: note ? { note } : {},
      }),
    );
    return `Resolved the ${categoryLabel(alert.category).toLowerCase()} alert about ${alert.name}.`;
  }

  return (
    <ResolveWithNote
      label="What was done (a note for the other adults)"
      multiline
      className="alert-resolve"
      buttonClassName="alert-resolve-button"
      what={`the alert about ${alert.name}`}
      resolve={resolve}
      onResolved={onResolved}
    />
  );
}
