import { useMemo, useRef, useState } from 'react';
import { createApiClient } from '../api/client.ts';
import { Link, matchPath } from '../router.tsx';
import { forgetAdminToken, loadAdminToken } from './admin-token.ts';
import { FlowConfigPage } from './flow/FlowConfigPage.tsx';
import { PipelineLookup, PipelineStepsPage } from './pipeline/PipelineStepsPage.tsx';
import { PromptList } from './prompts/PromptList.tsx';
import { PromptPage } from './prompts/PromptPage.tsx';
import { StudentList } from './students/StudentList.tsx';
import { StudentPage } from './students/StudentPage.tsx';
import { TokenGate } from './TokenGate.tsx';

const SECTIONS = [
  { to: '/operator/prompts', label: 'Prompts' },
  { to: '/operator/students', label: 'Students' },
  { to: '/operator/messages', label: 'Pipeline steps' },
  { to: '/operator/flow', label: 'Flow config' },
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
        <OperatorPage path={path} client={client} />
      </main>
    </div>
  );
}

function OperatorPage({ path, client }: { path: string; client: ReturnType<typeof createApiClient> }) {
  const prompt = matchPath('/operator/prompts/:name', path);
  if (prompt) return <PromptPage key={prompt.name} client={client} name={prompt.name!} />;
  const student = matchPath('/operator/students/:id', path);
  if (student) return <StudentPage key={student.id} client={client} studentId={Number(student.id)} />;
  const message = matchPath('/operator/messages/:id', path);
  if (message) return <PipelineStepsPage key={message.id} client={client} messageId={Number(message.id)} />;
  if (path.startsWith('/operator/students')) return <StudentList client={client} />;
  if (path.startsWith('/operator/messages')) return <PipelineLookup />;
  if (path.startsWith('/operator/flow')) return <FlowConfigPage client={client} />;
  return <PromptList client={client} />;
}
