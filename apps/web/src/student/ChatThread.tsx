import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type ApiClient, errorMessage, type Schemas, unwrap } from '../api/client.ts';
import { Composer } from './Composer.tsx';
import { clarificationOf } from './clarification.ts';
import { DEFAULT_TITLE, titleFromFirstMessage } from './conversation-title.ts';
import { MessageItem } from './MessageItem.tsx';
import { awaitReply, runTurn, type TurnState, turnPorts } from './turn.ts';

type Message = Schemas['Message'];

interface ChatThreadProps {
  client: ApiClient;
  conversation: Schemas['ConversationSummary'];
  /** A message was added: the conversation moves to the top of the sidebar. */
  onActivity: () => void;
}

export function ChatThread({ client, conversation, onActivity }: ChatThreadProps) {
  const [messages, setMessages] = useState<Message[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [turn, setTurn] = useState<TurnState | null>(null);
  const stop = useRef<AbortController | null>(null);
  const end = useRef<HTMLDivElement>(null);
  const ports = useMemo(() => turnPorts(client, conversation.id), [client, conversation.id]);

  // leaving the conversation stops following its turn
  useEffect(() => {
    const controller = new AbortController();
    stop.current = controller;
    return () => controller.abort();
  }, []);

  const onTurn = useCallback(
    (state: TurnState) => {
      const add = (message: Message) =>
        setMessages((list) => (list?.some((m) => m.id === message.id) ? list : [...(list ?? []), message]));
      if (state.phase !== 'sending' && state.messageId !== null) {
        add({ id: state.messageId, content: state.content, is_user: true, timestamp: new Date().toISOString() });
      }
      if (state.phase === 'answered') {
        add(state.reply);
        setTurn(null);
        onActivity();
      } else {
        setTurn(state);
      }
    },
    [onActivity],
  );

  useEffect(() => {
    let live = true;
    unwrap(client.GET('/api/conversations/{id}/messages', { params: { path: { id: conversation.id } } }))
      .then((loaded) => {
        if (!live) return;
        setMessages(loaded.messages);
        // the last message is the student's: its reply is still on the way (or failed), so follow it
        const last = loaded.messages.at(-1);
        if (last?.is_user) void awaitReply(last.content, last.id, ports, onTurn, { signal: stop.current?.signal });
      })
      .catch((error: unknown) => live && setLoadError(errorMessage(error)));
    return () => {
      live = false;
    };
  }, [client, conversation.id, ports, onTurn]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll whenever the thread grows or the turn moves on
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'end' });
  }, [messages?.length, turn?.phase]);

  function send(content: string) {
    if (messages?.length === 0 && conversation.title === DEFAULT_TITLE) {
      const title = titleFromFirstMessage(content);
      void unwrap(
        client.PUT('/api/conversations/{id}/title', { params: { path: { id: conversation.id } }, body: { title } }),
      )
        .then(onActivity)
        .catch(() => {
          // the title is a convenience: the message goes out either way
        });
    }
    void runTurn(content, ports, onTurn, { signal: stop.current?.signal });
  }
  const pending = turn?.phase === 'sending' || turn?.phase === 'thinking';

  return (
    <section className="thread" aria-labelledby="thread-title">
      <h1 id="thread-title" className="thread-title">
        {conversation.title}
      </h1>
      <div className="messages" role="log" aria-label="Messages">
        {loadError && (
          <p className="error" role="alert">
            {loadError}
          </p>
        )}
        {messages?.length === 0 && !turn && (
          <p className="hint start-hint">Ask your first question: what have you been wondering about?</p>
        )}
        <ol>
          {(messages ?? []).map((message) => (
            <MessageItem key={message.id} client={client} message={message} clarification={clarificationOf(message)} />
          ))}
          {turn?.phase === 'sending' && (
            <li className="message student pending">
              <span className="sender">You</span>
              <div className="bubble">{turn.content}</div>
            </li>
          )}
        </ol>
        {pending && (
          <p className="thinking" role="status">
            <span className="dots" aria-hidden="true">
              <span />
              <span />
              <span />
            </span>
            The coach is thinking…
          </p>
        )}
        {turn?.phase === 'failed' && (
          <div className="turn-failed" role="alert">
            <p className="turn-failed-title">{turn.title}</p>
            <p className="turn-failed-detail">{turn.detail}</p>
            <button type="button" className="primary" onClick={() => send(turn.content)}>
              Retry
            </button>
          </div>
        )}
        <div ref={end} />
      </div>
      <Composer disabled={pending} onSend={send} />
    </section>
  );
}
