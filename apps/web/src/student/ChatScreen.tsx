import { useCallback, useEffect, useState } from 'react';
import { type ApiClient, errorMessage, type Schemas, unwrap } from '../api/client.ts';
import { Link, navigate } from '../router.tsx';
import { ChatThread } from './ChatThread.tsx';
import { ConversationList } from './ConversationList.tsx';
import { displayName, type StudentSession } from './session.ts';

type Summary = Schemas['ConversationSummary'];

interface ChatScreenProps {
  client: ApiClient;
  session: StudentSession;
  conversationId: number | null;
  onLogout: () => void;
}

export function ChatScreen({ client, session, conversationId, onLogout }: ChatScreenProps) {
  const [conversations, setConversations] = useState<Summary[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [panelOpen, setPanelOpen] = useState(false);

  const reload = useCallback(async () => {
    try {
      setConversations(await unwrap(client.GET('/api/conversations', { params: { query: { limit: 200 } } })));
      setLoadError(null);
    } catch (error) {
      setLoadError(errorMessage(error));
    }
  }, [client]);

  useEffect(() => {
    void reload();
  }, [reload]);

  // landing on / opens the newest conversation
  useEffect(() => {
    const newest = conversations?.[0];
    if (conversationId === null && newest) navigate(`/conversations/${newest.id}`, { replace: true });
  }, [conversationId, conversations]);

  async function create() {
    try {
      const created = await unwrap(client.POST('/api/conversations', { body: {} }));
      await reload();
      setPanelOpen(false);
      navigate(`/conversations/${created.id}`);
    } catch (error) {
      setLoadError(errorMessage(error));
    }
  }

  const current = conversations?.find((conversation) => conversation.id === conversationId) ?? null;

  return (
    <div className="chat-layout">
      <a className="skip-link" href="#message-input">
        Skip to the message box
      </a>
      <header className="topbar">
        <button
          type="button"
          className="panel-toggle"
          aria-expanded={panelOpen}
          aria-controls="conversation-panel"
          onClick={() => setPanelOpen((open) => !open)}
        >
          Conversations
        </button>
        <span className="brand">Curiosity Coach</span>
        <span className="who">
          Logged in as <strong>{displayName(session.user)}</strong>
        </span>
        <Link to="/about-me" className="about-me-link">
          About me
        </Link>
        <button type="button" onClick={onLogout}>
          Log out
        </button>
      </header>
      <nav id="conversation-panel" aria-label="Conversations" className={panelOpen ? 'panel open' : 'panel'}>
        <ConversationList
          client={client}
          conversations={conversations}
          selectedId={conversationId}
          onCreate={create}
          onChanged={reload}
          onSelect={() => setPanelOpen(false)}
        />
      </nav>
      <main className="thread-area" id="main">
        {loadError && (
          <p className="error" role="alert">
            {loadError}
          </p>
        )}
        {current ? (
          <ChatThread key={current.id} client={client} conversation={current} onActivity={reload} />
        ) : (
          <section className="empty-state" aria-labelledby="empty-title">
            <h1 id="empty-title">
              {conversations === null ? 'Loading…' : `Hi ${displayName(session.user)}! What are you curious about?`}
            </h1>
            {conversations !== null && (
              <button type="button" className="primary" onClick={create}>
                Start a new conversation
              </button>
            )}
          </section>
        )}
      </main>
    </div>
  );
}
