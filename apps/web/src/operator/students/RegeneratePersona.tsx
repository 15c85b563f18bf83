import { type FormEvent, useId, useMemo, useState } from 'react';
import type { ApiClient } from '../../api/client.ts';
import { useCan } from '../session.ts';
import {
  DEFAULT_REGENERATE_OPTIONS,
  type RegenerateOptions,
  type RegenerationState,
  regeneratePersona,
  regenerationPorts,
} from './persona-job.ts';

interface RegeneratePersonaProps {
  client: ApiClient;
  studentId: number;
  /** The job finished: the page reloads the student, so the new persona shows. */
  onFinished: () => Promise<void>;
}

export function RegeneratePersona({ client, studentId, onFinished }: RegeneratePersonaProps) {
  const canTrigger = useCan('admin');
  const [options, setOptions] = useState<RegenerateOptions>(DEFAULT_REGENERATE_OPTIONS);
  const [state, setState] = useState<RegenerationState | null>(null);
  const ports = useMemo(() => regenerationPorts(client), [client]);
  const clampId = useId();
  const running = state !== null && state.phase !== 'completed' && state.phase !== 'failed';

  async function start(event: FormEvent) {
    event.preventDefault();
    const final = await regeneratePersona(studentId, options, ports, setState);
    if (final.phase === 'completed') await onFinished();
  }

  const flag = (key: 'refreshMemories' | 'onlyNeeding' | 'includeEmpty', label: string, disabled = false) => (
    <label className="checkbox">
      <input
        type="checkbox"
        checked={options[key]}
        disabled={disabled || running}
        onChange={(event) => setOptions({ ...options, [key]: event.target.checked })}
      />
      {label}
    </label>
  );

  return (
    <form className="regenerate" onSubmit={start}>
      <fieldset disabled={running}>
        <legend>Regenerate persona</legend>
        {flag('refreshMemories', 'Refresh conversation memories first')}
        {flag('onlyNeeding', 'Only conversations whose memory is missing or out of date', !options.refreshMemories)}
        {flag('includeEmpty', 'Include conversations without messages', !options.refreshMemories)}
        <label htmlFor={clampId}>At most this many conversations (−1 = all)</label>
        <input
          id={clampId}
          type="number"
          min={-1}
          step={1}
          value={options.clamp}
          disabled={!options.refreshMemories}
          onChange={(event) => setOptions({ ...options, clamp: Math.max(-1, Math.trunc(Number(event.target.value))) })}
        />
        <button type="submit" className="primary" disabled={!canTrigger}>
          {running ? 'Regenerating…' : 'Regenerate persona'}
        </button>
      </fieldset>
      <JobProgress state={state} />
    </form>
  );
}

function JobProgress({ state }: { state: RegenerationState | null }) {
  if (!state) return null;
  if (state.phase === 'failed') {
    return (
      <p className="error" role="alert">
        Persona generation failed: {state.message}
      </p>
    );
  }
  if (state.phase === 'completed') {
    return (
      <p className="success" role="status">
        Done. {state.message}
      </p>
    );
  }
  const counted = state.phase !== 'starting' && state.total > 0;
  return (
    <div className="job-progress" role="status" aria-live="polite">
      <p>
        {state.phase === 'starting' && 'Starting…'}
        {state.phase === 'queued' && 'Queued: waiting for the Brain to pick it up…'}
        {state.phase === 'running' && (counted ? `Running: ${state.done} of ${state.total} steps done…` : 'Running…')}
      </p>
      <progress
        aria-label="Persona generation progress"
        max={counted ? state.total : undefined}
        value={counted ? state.done : undefined}
      />
    </div>
  );
}
