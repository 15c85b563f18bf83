import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { type ApiClient, errorMessage, type Schemas, unwrap } from '../../api/client.ts';
import { Link, navigate } from '../../router.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { fullTime } from '../../ui/time.ts';
import { useCan } from '../session.ts';

export function PromptList({ client }: { client: ApiClient }) {
  const [prompts, setPrompts] = useState<Schemas['PromptSummary'][] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setPrompts(await unwrap(client.GET('/api/prompts')));
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }, [client]);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section aria-labelledby="page-title" className="page">
      <PageHeading title="Prompts" />
      <p className="hint">
        The Brain answers students with the <strong>production</strong> version of each prompt; “test-prompt” messages
        use the <strong>active</strong> version.
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {prompts === null ? (
        <p>Loading…</p>
      ) : (
        <table className="data-table">
          <caption className="visually-hidden">Prompts</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Description</th>
              <th scope="col">Active version</th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {prompts.map((prompt) => (
              <tr key={prompt.id}>
                <th scope="row">
                  <Link to={`/operator/prompts/${encodeURIComponent(prompt.name)}`}>{prompt.name}</Link>
                </th>
                <td>{prompt.description}</td>
                <td>{prompt.active_version_number === null ? '—' : `v${prompt.active_version_number}`}</td>
                <td>{fullTime(prompt.updated_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <NewPromptForm client={client} />
    </section>
  );
}

function NewPromptForm({ client }: { client: ApiClient }) {
  const canCreate = useCan('admin');
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function create(event: FormEvent) {
    event.preventDefault();
    try {
      const created = await unwrap(
        client.POST('/api/prompts', { body: { name: name.trim(), description: description.trim() || null } }),
      );
      navigate(`/operator/prompts/${encodeURIComponent(created.name)}`);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  return (
    <details className="panel-box">
      <summary>Create a new prompt</summary>
      <form onSubmit={create} className="stacked">
        <label htmlFor="new-prompt-name">Name (letters, digits, _ . -)</label>
        <input id="new-prompt-name" value={name} onChange={(event) => setName(event.target.value)} required />
        <label htmlFor="new-prompt-description">Description</label>
        <input
          id="new-prompt-description"
          value={description}
          onChange={(event) => setDescription(event.target.value)}
        />
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={name.trim() === '' || !canCreate}>
          Create prompt
        </button>
      </form>
    </details>
  );
}
