import { type FormEvent, useEffect, useState } from 'react';
import { type ApiClient, errorMessage, unwrap } from '../../api/client.ts';
import { Link } from '../../router.tsx';
import { PageHeading } from '../../ui/PageHeading.tsx';
import { useCan } from '../session.ts';

type PersonaReview = 'off' | 'changes' | 'all';

const REVIEW_CHOICES: { value: PersonaReview; label: string; explanation: string }[] = [
  {
    value: 'off',
    label: 'Off',
    explanation: 'A new persona is used at once. Every change is still kept and can be restored.',
  },
  {
    value: 'changes',
    label: 'Changes',
    explanation:
      'A new persona that changes or removes something (or has a value that reads like an instruction to the coach) waits for review; one that only adds, or is the first, is used at once.',
  },
  {
    value: 'all',
    label: 'All',
    explanation: 'Every new persona the generator writes waits for review before the coach uses it.',
  },
];

/** Programme-wide settings; today the persona review policy. */
export function SettingsPage({ client }: { client: ApiClient }) {
  const canChange = useCan('admin');
  const [saved, setSaved] = useState<PersonaReview | null>(null);
  const [choice, setChoice] = useState<PersonaReview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    unwrap(client.GET('/api/admin/settings'))
      .then((settings) => {
        setSaved(settings.persona_review);
        setChoice(settings.persona_review);
      })
      .catch((failure: unknown) => setError(errorMessage(failure)));
  }, [client]);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!choice) return;
    setBusy(true);
    setStatus(null);
    try {
      const settings = await unwrap(client.PATCH('/api/admin/settings', { body: { persona_review: choice } }));
      setSaved(settings.persona_review);
      setChoice(settings.persona_review);
      setError(null);
      setStatus('Saved. It applies from the next persona the coach writes.');
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="page-title" className="page">
      <PageHeading title="Settings" />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {choice && (
        <form onSubmit={save} className="stacked settings-form">
          <fieldset className="choices">
            <legend>Persona review</legend>
            <p className="hint">
              Should a person check what the coach writes about a student before the coach uses it? Waiting changes are
              in <Link to="/operator/review">Review</Link>.
            </p>
            {REVIEW_CHOICES.map((option) => (
              <div key={option.value} className="choice">
                <label className="checkbox">
                  <input
                    type="radio"
                    name="persona_review"
                    value={option.value}
                    checked={choice === option.value}
                    aria-describedby={`review-${option.value}-explained`}
                    onChange={() => setChoice(option.value)}
                  />
                  {option.label}
                </label>
                {saved === option.value && <span className="badge active">in use</span>}
                <p id={`review-${option.value}-explained`} className="hint choice-explanation">
                  {option.explanation}
                </p>
              </div>
            ))}
          </fieldset>
          <button type="submit" className="primary" disabled={busy || choice === saved || !canChange}>
            Save settings
          </button>
          <p className="status-line success" role="status">
            {status}
          </p>
        </form>
      )}
    </section>
  );
}
