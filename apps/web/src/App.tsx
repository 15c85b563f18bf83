import { OperatorConsole } from './operator/OperatorConsole.tsx';
import { usePath } from './router.tsx';
import { StudentApp } from './student/StudentApp.tsx';

/** Two apps behind one URL: the operator console under /operator, the student chat everywhere else. */
export function App() {
  const path = usePath();
  if (path === '/operator' || path.startsWith('/operator/')) return <OperatorConsole path={path} />;
  return <StudentApp path={path} />;
}
