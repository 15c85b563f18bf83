import { useMemo, useRef, useState } from 'react';
import { createApiClient } from '../api/client.ts';
import { Link, matchPath } from '../router.tsx';
import { forgetAdminToken, loadAdminToken } from './admin-token.ts';
import { FlowConfigPage } from './flow/FlowConfigPage.tsx';
import { ReviewQueuePage } from './personas/ReviewQueuePage.tsx';
import { useReviewCount } from './personas/review-count.ts';
import { PipelineLookup, PipelineStepsPage } from './pipeline/PipelineStepsPage.tsx';
import { PromptList } from './prompts/PromptList.tsx';
import { PromptPage } from './prompts/PromptPage.tsx';
import { useOpenAlertCount } from './safety/alert-count.ts';
import { SafetyAlertsPage } from './safety/SafetyAlertsPage.tsx';
import { SettingsPage } from './settings/SettingsPage.tsx';
import { StudentList } from './students/StudentList.tsx';
import { StudentPage } from './students/StudentPage.tsx';
import { TokenGate } from './TokenGate.tsx';
import { UsagePage } from './usage/UsagePage.tsx';
import { WaitingBadge } from './WaitingBadge.tsx';

const SECTIONS = [
  { to: '/operator/prompts', label: 'Prompts' },
  { to: '/operator/students', label: 'Students' },
  { to: '/operator/review', label: 'Review' },
  { to: '/operator/safety', label: 'Safety' },
  { to: '/operator/messages', label: 'Pipeline steps' },
  { to: '/operator/flow', label: 'Flow config' },
  { to: '/operator/usage', label: 'Usage' },
  { to: '/operator/settings', label: 'Settings' },
];

/** The operator side: everything behind the admin token. */
export function OperatorConsole({ path }: { path: string }) {
  const [token, setToken] = useState<string | null>(() => loadAdminToken());
  const [notice, setNotice] = useState<string | null>(null);
  const current = useRef(token);
  current.current = token;

  const client = useMemo(
    () =>
      createApiClient({
        token: () => current.current,
        onUnauthorized: () => {
          forgetAdminToken();
          setToken(null);
          setNotice('The admin token was not accepted any more. Enter it again.');
        },
      }),
    [],
  );
  const reviewCount = useReviewCount(client, path, token !== null);
  const alertCount = useOpenAlertCount(client, path, token !== null);

  if (!token) {
    return (
      <TokenGate
        notice={notice}
        onAccepted={(accepted) => {
          setNotice(null);
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
            {SECTIONS.map((section) => (
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
            ))}
          </ul>
        </nav>
        <button
          type="button"
          onClick={() => {
            forgetAdminToken();
            setToken(null);
            setNotice('Signed out of the operator console.');
          }}
        >
          Sign out
        </button>
      </header>
      <main className="operator-main" id="main">
        <OperatorPage
          path={path}
          client={client}
          onReviewChanged={reviewCount.refresh}
          onAlertsChanged={alertCount.refresh}
        />
      </main>
    </div>
  );
}

interface OperatorPageProps {
  path: string;
  client: ReturnType<typeof createApiClient>;
  onReviewChanged: () => void;
  onAlertsChanged: () => void;
}

function OperatorPage({ path, client, onReviewChanged, onAlertsChanged }: OperatorPageProps) {
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
  if (path.startsWith('/operator/usage')) return <UsagePage client={client} />;
  if (path.startsWith('/operator/safety'))
    return <SafetyAlertsPage client={client} onAlertsChanged={onAlertsChanged} />;
  if (path.startsWith('/operator/settings')) return <SettingsPage client={client} />;
  return <PromptList client={client} />;
}
