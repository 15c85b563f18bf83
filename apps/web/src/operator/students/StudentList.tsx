import { useEffect, useState } from 'react';
import { type ApiClient, errorMessage, type Schemas, unwrap } from '../../api/client.ts';
import { Link } from '../../router.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { fullTime } from '../../ui/time.ts';

const TYPING_PAUSE_MS = 250;

export function StudentList({ client }: { client: ApiClient }) {
  const [query, setQuery] = useState('');
  const [students, setStudents] = useState<Schemas['StudentSummary'][] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      const search = query.trim();
      unwrap(client.GET('/api/admin/users', { params: { query: { limit: 100, ...(search && { query: search }) } } }))
        .then((found) => {
          if (!live) return;
          setStudents(found);
          setError(null);
        })
        .catch((failure: unknown) => live && setError(errorMessage(failure)));
    }, TYPING_PAUSE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, query]);

  return (
    <section aria-labelledby="page-title" className="page">
      <PageHeading title="Students" />
      <search className="search">
        <label htmlFor="student-search">Find a student by name or phone number</label>
        <input
          id="student-search"
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          aria-controls="student-results"
        />
      </search>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <p className="status-line" role="status">
        {students === null ? 'Loading…' : `${students.length} student(s)${query.trim() ? ` matching “${query}”` : ''}`}
      </p>
      <table className="data-table" id="student-results">
        <caption className="visually-hidden">Students, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Phone</th>
            <th scope="col">Conversations</th>
            <th scope="col">Persona</th>
            <th scope="col">Joined</th>
          </tr>
        </thead>
        <tbody>
          {(students ?? []).map((student) => (
            <tr key={student.id}>
              <th scope="row">
                <Link to={`/operator/students/${student.id}`}>{student.name ?? `Student ${student.id}`}</Link>
              </th>
              <td>{student.phone_number ?? '—'}</td>
              <td>{student.conversation_count}</td>
              <td>{student.has_persona ? 'yes' : 'not yet'}</td>
              <td>{fullTime(student.created_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
