import { type FormEvent, useEffect, useState } from 'react';
import { type ApiClient, errorMessage, unwrap } from '../../api/client.ts';
import { navigate } from '../../router.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { markInjectedSnippets } from './snippets.ts';

type Step = Record<string, unknown>;

const DETAILS: Array<[key: string, label: string]> = [
  ['prompt_name', 'Prompt'],
  ['prompt_version_id', 'Prompt version id'],
  ['model', 'Model'],
  ['attempts', 'Attempts'],
  ['duration_ms', 'Duration (ms)'],
  ['use_conversation_history', 'With conversation history'],
];

/** Every step the Brain ran for one coach message: the prompt exactly as rendered, and what came back. */
export function PipelineStepsPage({ client, messageId }: { client: ApiClient; messageId: number }) {
  const [steps, setSteps] = useState<Step[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    unwrap(client.GET('/api/messages/{id}/pipeline_steps', { params: { path: { id: messageId } } }))
      .then(setSteps)
      .catch((failure: unknown) => setError(errorMessage(failure)));
  }, [client, messageId]);

  return (
    <section aria-labelledby="page-title" className="page">
      <PageHeading title={`Pipeline steps of message ${messageId}`} />
      <PipelineLookupForm initial={String(messageId)} />
      <p className="hint">
        Text a persona or memory placeholder put into a prompt is <mark>highlighted</mark>.
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {steps?.length === 0 && <p>No steps were recorded for this message.</p>}
      {steps?.map((step, index) => (
        // the steps are a fixed list in the order the Brain ran them
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <StepView key={`${String(step.name)}-${index}`} step={step} index={index} />
      ))}
    </section>
  );
}

function StepView({ step, index }: { step: Step; index: number }) {
  const titleId = `step-${index}-title`;
  const enabled = step.enabled !== false;
  const prompt = typeof step.prompt === 'string' ? step.prompt : null;
  return (
    <article className="step" aria-labelledby={titleId}>
      <h2 id={titleId}>
        {index + 1}. {String(step.name ?? 'unnamed step')}{' '}
        <span className={enabled ? 'badge active' : 'badge'}>{enabled ? 'ran' : 'skipped'}</span>
      </h2>
      <dl className="step-details">
        {DETAILS.filter(([key]) => step[key] !== undefined).map(([key, label]) => (
          <div key={key}>
            <dt>{label}</dt>
            <dd>{String(step[key])}</dd>
          </div>
        ))}
      </dl>
      {prompt !== null && (
        <>
          <h3>Rendered prompt</h3>
          <pre className="prompt" data-testid="rendered-prompt">
            {markInjectedSnippets(prompt).map((part, at) =>
              part.injected ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: parts are positional and never reorder
                <mark key={at}>{part.text}</mark>
              ) : (
                part.text
              ),
            )}
          </pre>
        </>
      )}
      <h3>Result</h3>
      <pre className="json">{JSON.stringify(step.result ?? null, null, 2)}</pre>
    </article>
  );
}

function PipelineLookupForm({ initial = '' }: { initial?: string }) {
  const [id, setId] = useState(initial);
  function open(event: FormEvent) {
    event.preventDefault();
    if (/^\d+$/.test(id.trim())) navigate(`/operator/messages/${id.trim()}`);
  }
  return (
    <form className="inline-form" onSubmit={open}>
      <label htmlFor="message-id">Coach message id</label>
      <input id="message-id" inputMode="numeric" value={id} onChange={(event) => setId(event.target.value)} />
      <button type="submit">Show steps</button>
    </form>
  );
}

export function PipelineLookup() {
  return (
    <section aria-labelledby="page-title" className="page">
      <PageHeading title="Pipeline steps" />
      <p>
        Open a coach message's pipeline from a student's page (Students → a student → a conversation), or enter the
        message id.
      </p>
      <PipelineLookupForm />
    </section>
  );
}
