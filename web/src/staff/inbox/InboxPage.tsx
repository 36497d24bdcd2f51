import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { messagesApi, type InboxMessage } from '../../api/messages';
import { queryKeys } from '../../api/queries';
import { useApiQuery } from '../../api/useApiQuery';
import { problemOf } from '../../api/errors';
import { useApi } from '../../auth/AuthContext';
import { useClock } from '../../booking/clock';
import { Loading, LoadProblem, ProblemAlert } from '../../ui/Alert';
import { EmptyState } from '../../ui/EmptyState';
import { useDocumentTitle } from '../../ui/useDocumentTitle';

/**
 * The front desk's inbox: patients' texts the system could not act on (or that ask for another time), newest first,
 * open ones above the ones dealt with. Each links to the patient's record, whose communication log holds the whole
 * conversation; "Done" files it. Checked again every 30 seconds.
 */
export function InboxPage() {
  useDocumentTitle('Inbox');
  const clock = useClock();
  const api = useApi();
  const queryClient = useQueryClient();
  const inbox = useApiQuery(queryKeys.inbox, messagesApi.inbox, { refetchInterval: 30_000 });
  const done = useMutation({
    mutationFn: (id: string) => messagesApi.markDone(api, id),
    onSuccess: (saved) => queryClient.setQueryData<InboxMessage[]>(queryKeys.inbox, (items) => items?.map((m) => (m.id === saved.id ? saved : m))),
  });

  if (inbox.isPending) return <Loading label="Loading the inbox…" />;
  if (inbox.isError) return <LoadProblem error={inbox.error} />;
  const open = inbox.data.filter((m) => !m.done);
  const filed = inbox.data.filter((m) => m.done);

  const row = (m: InboxMessage) => (
    <li key={m.id} className="card inbox-message">
      <div className="inbox-message__head">
        <Link to={`/staff/patients/${encodeURIComponent(m.patientId)}`}>{m.patientName}</Link>
        <span className="muted">
          {m.from} · {clock.dateTime(m.at)}
        </span>
      </div>
      <p className="inbox-message__text">{m.text}</p>
      <p className="muted">{m.reason}</p>
      {(m.replies ?? []).map((r) => (
        <p key={r.at + r.text} className="inbox-message__reply">
          <span className="muted">
            Replied by {r.by}, {clock.dateTime(r.at)}:
          </span>{' '}
          {r.text}
        </p>
      ))}
      {!m.done && <ReplyBox message={m} />}
      {m.done ? (
        <p className="muted">
          Done by {m.doneBy}
          {m.doneAt ? `, ${clock.dateTime(m.doneAt)}` : ''}
        </p>
      ) : (
        <button type="button" className="btn" disabled={done.isPending && done.variables === m.id} onClick={() => done.mutate(m.id)} aria-label={`Done: ${m.patientName}'s text`}>
          {done.isPending && done.variables === m.id ? 'Saving…' : 'Done'}
        </button>
      )}
    </li>
  );

  return (
    <section aria-labelledby="inbox-h">
      <h1 id="inbox-h">Inbox</h1>
      <p className="muted">Texts from patients that need a person. Their whole conversation is in the patient’s communication log.</p>
      {done.isError && <ProblemAlert problem={problemOf(done.error)} />}
      <h2>Open ({open.length})</h2>
      {open.length === 0 ? (
        <EmptyState title="Nothing waiting">Replies the system acts on (C to confirm, STOP) never land here.</EmptyState>
      ) : (
        <ul className="inbox-list">{open.map(row)}</ul>
      )}
      {filed.length > 0 && (
        <>
          <h2>Done</h2>
          <ul className="inbox-list">{filed.map(row)}</ul>
        </>
      )}
    </section>
  );
}

/** Texts the patient back: the reply goes through the outbox by text only, and files the message as done. */
function ReplyBox({ message }: { message: InboxMessage }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  // One key per reply written, so that a retried send (a double click, a dropped answer) is one text.
  const [key, setKey] = useState(() => crypto.randomUUID());
  const send = useMutation({
    mutationFn: () => messagesApi.reply(api, message.id, { text: text.trim(), idempotencyKey: key }),
    onSuccess: (saved) => {
      queryClient.setQueryData<InboxMessage[]>(queryKeys.inbox, (items) => items?.map((m) => (m.id === saved.id ? saved : m)));
      setText('');
      setKey(crypto.randomUUID());
    },
  });
  const id = `reply-${message.id}`;
  const problem = send.isError ? problemOf(send.error) : null;
  return (
    <form
      className="inbox-reply"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (text.trim()) send.mutate();
      }}
    >
      <label htmlFor={id}>Reply to {message.patientName} by text</label>
      <textarea id={id} rows={2} maxLength={300} value={text} onChange={(e) => setText(e.target.value)} aria-describedby={`${id}-hint`} />
      <p id={`${id}-hint`} className="field__hint">
        {300 - text.length} characters left. Sent by text only; nothing goes out between 21:00 and 08:00.
      </p>
      {problem && <ProblemAlert problem={problem} />}
      <button type="submit" className="btn btn--primary" disabled={send.isPending || !text.trim()}>
        {send.isPending ? 'Sending…' : 'Send reply'}
      </button>
    </form>
  );
}
