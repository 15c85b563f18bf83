import { type FormEvent, useState } from 'react';
import { type ApiClient, errorMessage, type Schemas, unwrap } from '../api/client.ts';
import { Link, navigate } from '../router.tsx';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { PencilIcon, TrashIcon } from '../ui/icons.tsx';
import { fullTime, relativeTime } from '../ui/time.ts';

type Summary = Schemas['ConversationSummary'];

interface ConversationListProps {
  client: ApiClient;
  /** Newest first, as the Backend lists them; null while loading. */
  conversations: Summary[] | null;
  selectedId: number | null;
  onCreate: () => void;
  onChanged: () => Promise<void>;
  onSelect: () => void;
}

export function ConversationList(props: ConversationListProps) {
  const { client, conversations, selectedId, onCreate, onChanged, onSelect } = props;
  const [renaming, setRenaming] = useState<number | null>(null);
  const [deleting, setDeleting] = useState<Summary | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function remove(conversation: Summary) {
    setBusy(true);
    try {
      await unwrap(client.DELETE('/api/conversations/{id}', { params: { path: { id: conversation.id } } }));
      setDeleting(null);
      if (conversation.id === selectedId) navigate('/', { replace: true });
      await onChanged();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="conversations">
      <h2 className="panel-title">Your conversations</h2>
      <button type="button" className="primary new-conversation" onClick={onCreate}>
        + New conversation
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {conversations === null ? (
        <p className="hint">Loading…</p>
      ) : conversations.length === 0 ? (
        <p className="hint">No conversations yet.</p>
      ) : (
        <ul className="conversation-list">
          {conversations.map((conversation) =>
            renaming === conversation.id ? (
              <li key={conversation.id}>
                <RenameForm
                  client={client}
                  conversation={conversation}
                  onDone={async () => {
                    setRenaming(null);
                    await onChanged();
                  }}
                />
              </li>
            ) : (
              <li key={conversation.id} className={conversation.id === selectedId ? 'selected' : undefined}>
                <Link
                  to={`/conversations/${conversation.id}`}
                  aria-current={conversation.id === selectedId ? 'page' : undefined}
                  className="conversation-link"
                  onClick={onSelect}
                >
                  <span className="conversation-title">{conversation.title}</span>
                  <time dateTime={conversation.updated_at} title={fullTime(conversation.updated_at)}>
                    {relativeTime(conversation.updated_at)}
                  </time>
                </Link>
                <span className="row-actions">
                  <button
                    type="button"
                    className="icon"
                    aria-label={`Rename ${conversation.title}`}
                    title="Rename"
                    onClick={() => setRenaming(conversation.id)}
                  >
                    <PencilIcon />
                  </button>
                  <button
                    type="button"
                    className="icon"
                    aria-label={`Delete ${conversation.title}`}
                    title="Delete"
                    onClick={() => setDeleting(conversation)}
                  >
                    <TrashIcon />
                  </button>
                </span>
              </li>
            ),
          )}
        </ul>
      )}
      {deleting && (
        <ConfirmDialog
          title="Delete this conversation?"
          confirmLabel="Delete"
          busy={busy}
          onCancel={() => setDeleting(null)}
          onConfirm={() => void remove(deleting)}
        >
          <p>“{deleting.title}” and all its messages will be deleted for good. This cannot be undone.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}

function RenameForm({
  client,
  conversation,
  onDone,
}: {
  client: ApiClient;
  conversation: Summary;
  onDone: () => Promise<void>;
}) {
  const [title, setTitle] = useState(conversation.title);
  const [error, setError] = useState<string | null>(null);
  const inputId = `rename-${conversation.id}`;

  async function save(event: FormEvent) {
    event.preventDefault();
    if (title.trim() === conversation.title) return onDone();
    try {
      await unwrap(
        client.PUT('/api/conversations/{id}/title', {
          params: { path: { id: conversation.id } },
          body: { title: title.trim() },
        }),
      );
      await onDone();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  }

  return (
    <form
      className="rename-form"
      onSubmit={save}
      onKeyDown={(event) => {
        if (event.key === 'Escape') void onDone();
      }}
    >
      <label htmlFor={inputId} className="visually-hidden">
        New title for {conversation.title}
      </label>
      <input
        id={inputId}
        value={title}
        maxLength={200}
        // biome-ignore lint/a11y/noAutofocus: the student just asked to rename this conversation
        autoFocus
        onChange={(event) => setTitle(event.target.value)}
        required
      />
      <button type="submit" disabled={title.trim() === ''}>
        Save
      </button>
      <button type="button" onClick={() => void onDone()}>
        Cancel
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
