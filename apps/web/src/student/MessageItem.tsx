import type { ApiClient, Schemas } from '../api/client.ts';
import { fullTime } from '../ui/time.ts';
import type { Clarification } from './clarification.ts';
import { Feedback } from './Feedback.tsx';

interface MessageItemProps {
  client: ApiClient;
  message: Schemas['Message'];
  /** Set when this coach reply asks the student to clarify their question. */
  clarification: Clarification | null;
}

export function MessageItem({ client, message, clarification }: MessageItemProps) {
  if (message.is_user) {
    return (
      <li className="message student">
        <span className="sender">You</span>
        <div className="bubble">{message.content}</div>
      </li>
    );
  }
  return (
    <li className={clarification ? 'message coach clarification' : 'message coach'}>
      <span className="sender">
        Coach
        <time className="visually-hidden" dateTime={message.timestamp}>
          {` at ${fullTime(message.timestamp)}`}
        </time>
      </span>
      {clarification && (
        <p className="clarification-label">
          <span aria-hidden="true">? </span>
          The coach wants to understand your question better. Your next message answers it.
        </p>
      )}
      <div className="bubble">{message.content}</div>
      <Feedback client={client} messageId={message.id} />
    </li>
  );
}
