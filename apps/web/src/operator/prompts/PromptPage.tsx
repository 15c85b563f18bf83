import { useCallback, useEffect, useState } from 'react';
import { type ApiClient, errorMessage, type Schemas, unwrap } from '../../api/client.ts';
import { Link } from '../../router.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { fullTime } from '../../ui/time.ts';
import { useCan } from '../session.ts';
import { VersionComparison } from './DiffView.tsx';
import { NewVersionForm } from './NewVersionForm.tsx';
import { type PreviewSource, PromptPreview } from './PromptPreview.tsx';

type Version = Schemas['PromptVersion'];

export function PromptPage({ client, name }: { client: ApiClient; name: string }) {
  const canPublish = useCan('admin');
  const [prompt, setPrompt] = useState<Schemas['Prompt'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [draft, setDraft] = useState('');
  const [previewSource, setPreviewSource] = useState<PreviewSource>('draft');

  const load = useCallback(async () => {
    try {
      setPrompt(await unwrap(client.GET('/api/prompts/{p}', { params: { path: { p: name } } })));
      setError(null);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }, [client, name]);

  useEffect(() => {
    void load();
  }, [load]);

  async function act(describe: string, call: () => Promise<unknown>) {
    setStatus(null);
    try {
      await call();
      await load();
      setStatus(describe);
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  const p = { path: { p: name } };
  const setActive = (version: Version) =>
    act(`Version ${version.version_number} is now active.`, () =>
      unwrap(client.POST('/api/prompts/{p}/versions/set-active', { params: p, body: { version_id: version.id } })),
    );
  const setProduction = (version: Version) =>
    act(`Version ${version.version_number} is now in production.`, () =>
      unwrap(
        client.POST('/api/prompts/{p}/versions/{n}/set-production', {
          params: { path: { p: name, n: version.version_number } },
        }),
      ),
    );
  const unsetProduction = (version: Version) =>
    act(`Version ${version.version_number} is no longer in production.`, () =>
      unwrap(
        client.DELETE('/api/prompts/{p}/versions/{n}/unset-production', {
          params: { path: { p: name, n: version.version_number } },
        }),
      ),
    );

  function previewVersion(version: Version) {
    setPreviewSource(version.version_number);
    document.getElementById('preview-title')?.scrollIntoView();
  }

  const versions = [...(prompt?.versions ?? [])].sort((a, b) => b.version_number - a.version_number);

  return (
    <section aria-labelledby="page-title" className="page">
      <p className="breadcrumb">
        <Link to="/operator/prompts">Prompts</Link> /
      </p>
      <PageHeading title={`Prompt ${name}`}>{name}</PageHeading>
      {prompt?.description && <p>{prompt.description}</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <p className="status-line" role="status">
        {status}
      </p>
      {prompt && (
        <>
          <h2>Versions</h2>
          <table className="data-table versions">
            <caption className="visually-hidden">Versions of {name}, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Created</th>
                <th scope="col">Status</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((version) => (
                <tr key={version.id} data-version={version.version_number}>
                  <th scope="row">v{version.version_number}</th>
                  <td>{fullTime(version.created_at)}</td>
                  <td>
                    {version.is_active && <span className="badge active">active</span>}
                    {version.is_production && <span className="badge production">production</span>}
                  </td>
                  <td className="actions">
                    <button type="button" onClick={() => previewVersion(version)}>
                      Preview<span className="visually-hidden"> v{version.version_number}</span>
                    </button>
                    {!version.is_active && (
                      <button type="button" disabled={!canPublish} onClick={() => void setActive(version)}>
                        Set active<span className="visually-hidden"> (v{version.version_number})</span>
                      </button>
                    )}
                    {version.is_production ? (
                      <button type="button" disabled={!canPublish} onClick={() => void unsetProduction(version)}>
                        Unset production<span className="visually-hidden"> (v{version.version_number})</span>
                      </button>
                    ) : (
                      <button type="button" disabled={!canPublish} onClick={() => void setProduction(version)}>
                        Set production<span className="visually-hidden"> (v{version.version_number})</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {versions.length > 0 && <VersionComparison key={`compare-${versions.length}`} versions={versions} />}
          <NewVersionForm
            key={`new-version-${prompt.versions.length}`}
            client={client}
            promptName={name}
            startText={prompt.active_prompt_version?.prompt_text ?? versions[0]?.prompt_text ?? ''}
            onCreated={(version) => {
              void load();
              setStatus(`Saved version ${version.version_number}.`);
            }}
            onTextChange={setDraft}
          />
          <PromptPreview
            client={client}
            promptName={name}
            draft={draft}
            versions={versions}
            source={previewSource}
            onSourceChange={setPreviewSource}
          />
        </>
      )}
    </section>
  );
}
