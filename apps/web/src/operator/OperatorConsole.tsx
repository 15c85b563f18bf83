import { useEffect, useMemo, useRef, useState } from 'react';
import { createApiClient, unwrap } from '../api/client.ts';
import { Link, matchPath } from '../router.tsx';
import { PageHeading } from '../ui/PageHeading.tsx';
import { loadAdminToken } from './admin-token.ts';
import { AuditPage } from './audit/AuditPage.tsx';
import { FlowConfigPage } from './flow/FlowConfigPage.tsx';
import { ReviewQueuePage } from './personas/ReviewQueuePage.tsx';
import { useReviewCount } from './personas/review-count.ts';
import { PipelineLookup, PipelineStepsPage } from './pipeline/PipelineStepsPage.tsx';
import { PromptList } from './prompts/PromptList.tsx';
import { PromptPage } from './prompts/PromptPage.tsx';
import { SignIn } from './SignIn.tsx';
import { useOpenAlertCount } from './safety/alert-count.ts';
import { SafetyAlertsPage } from './safety/SafetyAlertsPage.tsx';
import { forgetSession, loadMember, type Right, RoleContext, roleHas, type StaffMember, useCan } from './session.ts';
import { SettingsPage } from './settings/SettingsPage.tsx';
import { StaffPage } from './staff/StaffPage.tsx';
import { StudentList } from './students/StudentList.tsx';
import { StudentPage } from './students/StudentPage.tsx';
import { UsagePage } from './usage/UsagePage.tsx';
import { WaitingBadge } from './WaitingBadge.tsx';

const SECTIONS: { to: string; label: string; needs?: Right }[] = [
  { to: '/operator/prompts', label: 'Prompts' },
  { to: '/operator/students', label: 'Students' },
  { to: '/operator/review', label: 'Review' },
  { to: '/operator/safety', label: 'Safety' },
  { to: '/operator/messages', label: 'Pipeline steps' },
  { to: '/operator/flow', label: 'Flow config' },
  { to: '/operator/usage', label: 'Usage' },
  { to: '/operator/settings', label: 'Settings' },
  { to: '/operator/staff', label: 'Staff', needs: 'admin' },
  { to: '/operator/audit', label: 'Audit', needs: 'admin' },
];

/** The operator side: everything behind the admin token. */
export function OperatorConsole({ path }: { path: string }) {
  const [token, setToken] = useState<string | null>(() => loadAdminToken());
  // null with the admin token; the signed-in staff member otherwise
  const [member, setMember] = useState<StaffMember | null>(() => loadMember());
  const [notice, setNotice] = useState<string | null>(null);
  const current = useRef(token);
  current.current = token;

  const client = useMemo(
    () =>
      createApiClient({
        token: () => current.current,
        onUnauthorized: () => {
          forgetSession();
          setToken(null);
          setMember(null);
          setNotice('Your session ended (or the admin token was not accepted any more). Sign in again.');
        },
      }),
    [],
  );
  // a role changed since sign-in applies at once on the server; the console catches up on load
  const memberId = member?.id;
  useEffect(() => {
    if (!token || memberId === undefined) return;
    unwrap(client.GET('/api/staff/me'))
      .then((me) => setMember({ id: me.id, email: me.email, name: me.name, role: me.role }))
      .catch(() => undefined);
  }, [client, token, memberId]);
  const reviewCount = useReviewCount(client, path, token !== null);
  const alertCount = useOpenAlertCount(client, path, token !== null);

  if (!token) {
    return (
      <SignIn
        notice={notice}
        onSignedIn={(accepted, signedIn) => {
          setNotice(null);
          setMember(signedIn);
          setToken(accepted);
        }}
        onToken={(accepted) => {
          setNotice(null);
          setMember(null);
          setToken(accepted);
        }}
      />
    );
  }

  return (
    <div className="operator">
      <header className="topbar operator-bar">
        <span className="brand">Curiosity Coach · Operator</span>
        <nav aria-label="Operator sections">
          <ul>
            {SECTIONS.filter((section) => !section.needs || roleHas(member?.role ?? null, section.needs)).map(
              (section) => (
                <li key={section.to}>
                  <Link to={section.to} aria-current={path.startsWith(section.to) ? 'page' : undefined}>
                    {section.label}
                    {section.to === '/operator/review' && (
                      <>
                        {' '}
                        <WaitingBadge count={reviewCount} testId="review-count" what="waiting" />
                      </>
                    )}
                    {section.to === '/operator/safety' && (
                      <>
                        {' '}
                        <WaitingBadge count={alertCount} testId="safety-alert-count" what="open" />
                      </>
                    )}
                  </Link>
                </li>
              ),
            )}
          </ul>
        </nav>
        <span className="who" data-testid="operator-who">
          {member ? (
            <>
              {member.name} · <span className="role">{member.role}</span>
            </>
          ) : (
            <>
              Admin token · <span className="role">admin</span>
            </>
          )}
        </span>
        <button
          type="button"
          onClick={() => {
            forgetSession();
            setToken(null);
            setMember(null);
            setNotice('Signed out of the operator console.');
          }}
        >
          Sign out
        </button>
      </header>
      <RoleContext.Provider value={member?.role ?? null}>
        <main className="operator-main" id="main">
          <OperatorPage
            path={path}
            client={client}
            selfId={member?.id ?? null}
            onReviewChanged={reviewCount.refresh}
            onAlertsChanged={alertCount.refresh}
          />
        </main>
      </RoleContext.Provider>
    </div>
  );
}

interface OperatorPageProps {
  path: string;
  client: ReturnType<typeof createApiClient>;
  selfId: number | null;
  onReviewChanged: () => void;
  onAlertsChanged: () => void;
}

function OperatorPage({ path, client, selfId, onReviewChanged, onAlertsChanged }: OperatorPageProps) {
  const canAdmin = useCan('admin');
  const prompt = matchPath('/operator/prompts/:name', path);
  if (prompt) return <PromptPage key={prompt.name} client={client} name={prompt.name!} />;
  const student = matchPath('/operator/students/:id', path);
  if (student) return <StudentPage key={student.id} client={client} studentId={Number(student.id)} />;
  const message = matchPath('/operator/messages/:id', path);
  if (message) return <PipelineStepsPage key={message.id} client={client} messageId={Number(message.id)} />;
  if (path.startsWith('/operator/students')) return <StudentList client={client} />;
  if (path.startsWith('/operator/messages')) return <PipelineLookup />;
  if (path.startsWith('/operator/flow')) return <FlowConfigPage client={client} />;
  if (path.startsWith('/operator/review')) return <ReviewQueuePage client={client} onQueueChanged={onReviewChanged} />;
  if (path.startsWith('/operator/safety'))
    return <SafetyAlertsPage client={client} onAlertsChanged={onAlertsChanged} />;
  if (path.startsWith('/operator/usage')) return <UsagePage client={client} />;
  if (path.startsWith('/operator/settings')) return <SettingsPage client={client} />;
  if (path.startsWith('/operator/staff')) {
    return canAdmin ? <StaffPage client={client} selfId={selfId} /> : <NotForYourRole title="Staff" />;
  }
  if (path.startsWith('/operator/audit')) {
    return canAdmin ? <AuditPage client={client} /> : <NotForYourRole title="Audit log" />;
  }
  return <PromptList client={client} />;
}

/** A page of the admins' that another role opened by its address: said plainly (the server refuses it anyway). */
function NotForYourRole({ title }: { title: string }) {
  return (
    <section aria-labelledby="page-title" className="page">
      <PageHeading title={title} />
      <p className="notice">This page is for admins. Ask an admin if you need something from it.</p>
    </section>
  );
}
