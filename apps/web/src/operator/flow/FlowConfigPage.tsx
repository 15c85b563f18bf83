import { type FormEvent, useEffect, useState } from 'react';
import { type ApiClient, errorMessage, type Schemas, unwrap } from '../../api/client.ts';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { useCan } from '../session.ts';

type FlowConfig = Schemas['FlowConfig'];

/** The Brain's flow: simplified mode (one LLM call) or the full pipeline, and which steps of it run. */
export function FlowConfigPage({ client }: { client: ApiClient }) {
  const canChange = useCan('admin');
  const [config, setConfig] = useState<FlowConfig | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  useEffect(() => {
    unwrap(client.GET('/api/admin/flow-config'))
      .then(setConfig)
      .catch((failure: unknown) => setError(errorMessage(failure)));
  }, [client]);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!config) return;
    setStatus(null);
    try {
      setConfig(await unwrap(client.PUT('/api/admin/flow-config', { body: config })));
      setStatus('Saved. The Brain uses it from the next message.');
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  const setStepEnabled = (name: string, enabled: boolean) =>
    config &&
    setConfig({ ...config, steps: config.steps.map((step) => (step.name === name ? { ...step, enabled } : step)) });

  return (
    <section aria-labelledby="page-title" className="page">
      <PageHeading title="Brain flow config" />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {config && (
        <form onSubmit={save} className="stacked flow-config">
          <label className="checkbox switch">
            <input
              type="checkbox"
              role="switch"
              aria-checked={config.use_simplified_mode}
              checked={config.use_simplified_mode}
              onChange={(event) => setConfig({ ...config, use_simplified_mode: event.target.checked })}
            />
            Simplified mode: answer with one LLM call (the <code>simplified_conversation</code> prompt)
          </label>
          <fieldset>
            <legend>Steps</legend>
            <ul className="steps">
              {config.steps.map((step) => (
                <li key={step.name}>
                  <label className="checkbox">
                    <input
                      type="checkbox"
                      checked={step.enabled}
                      disabled={!step.is_allowed_to_change_enabled}
                      aria-describedby={step.is_allowed_to_change_enabled ? undefined : `${step.name}-fixed`}
                      onChange={(event) => setStepEnabled(step.name, event.target.checked)}
                    />
                    <code>{step.name}</code>
                  </label>
                  {!step.is_allowed_to_change_enabled && (
                    <span id={`${step.name}-fixed`} className="hint">
                      {' '}
                      always {step.enabled ? 'on' : 'off'}: this step cannot be switched
                    </span>
                  )}
                </li>
              ))}
            </ul>
          </fieldset>
          <button type="submit" className="primary" disabled={!canChange}>
            Save flow config
          </button>
          <p className="status-line" role="status">
            {status}
          </p>
        </form>
      )}
    </section>
  );
}
