import { type FormEvent, useId, useState } from 'react';
import { type ApiClient, errorMessage, unwrap } from '../api/client.ts';
import { ThumbDownIcon, ThumbUpIcon } from '../ui/icons.tsx';

type Rating = 'up' | 'down';

/** Thumbs up or down on one coach reply, with an optional comment (POST /api/feedback/). */
export function Feedback({ client, messageId }: { client: ApiClient; messageId: number }) {
  const [rating, setRating] = useState<Rating | null>(null);
  const [comment, setComment] = useState('');
  const [phase, setPhase] = useState<'idle' | 'commenting' | 'sending' | 'sent'>('idle');
  const [error, setError] = useState<string | null>(null);
  const commentId = useId();

  function choose(next: Rating) {
    setRating(next);
    setPhase('commenting');
    setError(null);
  }

  async function send(event: FormEvent) {
    event.preventDefault();
    if (!rating) return;
    setPhase('sending');
    try {
      const feedback_data = { message_id: messageId, rating, comment: comment.trim() || null };
      await unwrap(client.POST('/api/feedback/', { body: { feedback_data } }));
      setPhase('sent');
    } catch (failure) {
      setError(errorMessage(failure));
      setPhase('commenting');
    }
  }

  if (phase === 'sent') {
    return (
      <p className="feedback-thanks" role="status">
        Thanks for your feedback!
      </p>
    );
  }
  return (
    <div className="feedback">
      <fieldset className="feedback-rating">
        <legend className="visually-hidden">Was this reply helpful?</legend>
        <button type="button" className="icon" aria-pressed={rating === 'up'} onClick={() => choose('up')}>
          <ThumbUpIcon />
          <span className="visually-hidden">Helpful</span>
        </button>
        <button type="button" className="icon" aria-pressed={rating === 'down'} onClick={() => choose('down')}>
          <ThumbDownIcon />
          <span className="visually-hidden">Not helpful</span>
        </button>
      </fieldset>
      {phase !== 'idle' && (
        <form className="feedback-form" onSubmit={send}>
          <label htmlFor={commentId}>Tell us more (optional)</label>
          <textarea
            id={commentId}
            rows={2}
            maxLength={2000}
            value={comment}
            onChange={(event) => setComment(event.target.value)}
          />
          <button type="submit" disabled={phase === 'sending'}>
            Send feedback
          </button>
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
        </form>
      )}
    </div>
  );
}
