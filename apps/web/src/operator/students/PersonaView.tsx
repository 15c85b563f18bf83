import type { Schemas } from '../../api/client.ts';
import { fullTime } from '../../ui/time.ts';
import { InstructionWarning } from './InstructionWarning.tsx';

const LIST_FIELDS = [
  ['inferred_interests', 'Interests'],
  ['learning_patterns', 'Learning patterns'],
  ['personality_traits', 'Personality traits'],
] as const;

/** A student's persona as a reader sees it, the stored JSON below it, and when it was written. */
export function PersonaView({ persona }: { persona: Schemas['PersonaRecord'] | null }) {
  if (!persona) return <p className="hint">No persona yet. Regenerate it below once the student has chatted.</p>;
  const data = persona.persona_data;
  const text = typeof data.persona === 'string' ? data.persona : null;
  return (
    <div className="persona" data-testid="persona">
      <InstructionWarning data={data} what="persona" />
      {text && <p className="persona-text">{text}</p>}
      <dl className="persona-lists">
        {LIST_FIELDS.map(([key, label]) => {
          const values = data[key];
          if (!Array.isArray(values) || values.length === 0) return null;
          return (
            <div key={key}>
              <dt>{label}</dt>
              <dd>{values.map(String).join(', ')}</dd>
            </div>
          );
        })}
      </dl>
      <p className="timestamps">
        Created <time dateTime={persona.created_at}>{fullTime(persona.created_at)}</time> · updated{' '}
        <time dateTime={persona.updated_at} data-testid="persona-updated">
          {fullTime(persona.updated_at)}
        </time>
      </p>
      <details>
        <summary>Raw JSON</summary>
        <pre className="json">{JSON.stringify(persona, null, 2)}</pre>
      </details>
    </div>
  );
}
