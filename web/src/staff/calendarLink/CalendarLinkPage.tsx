import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { calendarFeedApi, type NewCalendarFeed } from '../../api/calendarFeed';
import { problemOf } from '../../api/errors';
import { queryKeys } from '../../api/queries';
import { useApiQuery } from '../../api/useApiQuery';
import { useApi, useAuth } from '../../auth/AuthContext';
import { useClock } from '../../booking/clock';
import { Loading, LoadProblem, ProblemAlert, StatusMessage } from '../../ui/Alert';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { NotAvailableContent } from '../../ui/NotAvailable';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { ConnectedCalendars } from './ConnectedCalendars';

/**
 * A practitioner's own visits in the calendar on their phone: a private link Google, Outlook or Apple Calendar
 * subscribes to. The whole link is shown once, when made (the clinic keeps only a fingerprint of it); replacing it turns
 * the old one off first, so a lost or shared link stops working.
 */
export function CalendarLinkPage() {
  useDocumentTitle('Your calendars');
  const { me } = useAuth();
  if (me?.role !== 'practitioner' || !me.staffId) return <NotAvailableContent homePath="/staff" homeLabel="Go to the staff home" />;
  return (
    <div className="page--narrow">
      <h1>Your calendars</h1>
      <CalendarLink practitionerId={me.staffId} />
      <ConnectedCalendars practitionerId={me.staffId} />
    </div>
  );
}

function CalendarLink({ practitionerId }: { practitionerId: string }) {
  const api = useApi();
  const clock = useClock();
  const queryClient = useQueryClient();
  const status = useApiQuery(queryKeys.calendarFeed(practitionerId), (client, signal) => calendarFeedApi.status(client, practitionerId, signal));
  const [made, setMade] = useState<NewCalendarFeed | null>(null);
  const [confirming, setConfirming] = useState<'replace' | 'off' | null>(null);
  const [copied, setCopied] = useState(false);
  const [flash, setFlash] = useState<string | null>(null);

  const change = useMutation({
    mutationFn: async (what: 'make' | 'replace' | 'off') => {
      if (what !== 'make') await calendarFeedApi.turnOff(api, practitionerId);
      return what === 'off' ? null : calendarFeedApi.create(api, practitionerId);
    },
    onSuccess: (link, what) => {
      setConfirming(null);
      setMade(link);
      setCopied(false);
      setFlash(what === 'off' ? 'Your calendar link is off. Calendars that used it stop showing your visits at their next refresh.' : null);
      queryClient.setQueryData(queryKeys.calendarFeed(practitionerId), link ?? { active: false });
    },
  });

  if (status.isPending) return <Loading label="Loading your calendar link…" />;
  if (status.isError) return <LoadProblem error={status.error} retry={() => void status.refetch()} />;

  const copy = async (url: string) => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  return (
    <section aria-labelledby="calendar-link-h">
      <h2 id="calendar-link-h">Your visits in your calendar app</h2>
      <p>
        Add your MedSpa visits to Google Calendar, Outlook or Apple Calendar with a private link. Each visit shows as “Booked” at its
        location; calendars refresh it on their own schedule (often every hour or so).
      </p>
      {flash && <StatusMessage>{flash}</StatusMessage>}
      {change.isError && <ProblemAlert problem={problemOf(change.error)} />}

      {made ? (
        <div className="card">
          <h3>Your link</h3>
          <label htmlFor="calendar-link-url">Copy this link now: it is shown only once.</label>
          <div className="actions">
            <input id="calendar-link-url" className="calendar-link__url" readOnly value={made.url} onFocus={(e) => e.currentTarget.select()} />
            <button type="button" className="btn btn--primary" onClick={() => void copy(made.url)}>
              {copied ? 'Copied' : 'Copy link'}
            </button>
          </div>
          <p role="status">{copied ? 'The link is on your clipboard.' : ''}</p>
          <h4>Where to paste it</h4>
          <ul>
            <li>Google Calendar: Other calendars, +, From URL.</li>
            <li>Outlook: Add calendar, Subscribe from web.</li>
            <li>Apple Calendar: File, New Calendar Subscription.</li>
          </ul>
          <p className="muted">Anyone with this link sees when you are booked. If it gets out, replace it.</p>
        </div>
      ) : status.data.active ? (
        <div className="card">
          <h3>Your link is on</h3>
          <p>
            Made {status.data.createdAt ? clock.dateTime(status.data.createdAt) : ''}
            {status.data.createdBy ? ` by ${status.data.createdBy}` : ''}. For your privacy it cannot be shown again; if you lost it, replace it.
          </p>
        </div>
      ) : (
        <div className="card">
          <h3>No link yet</h3>
          <p>Make one, then paste it into your calendar app.</p>
        </div>
      )}

      <div className="actions">
        {!status.data.active && !made ? (
          <button type="button" className="btn btn--primary" disabled={change.isPending} onClick={() => change.mutate('make')}>
            {change.isPending ? 'Making your link…' : 'Make my calendar link'}
          </button>
        ) : (
          <>
            <button type="button" className="btn" disabled={change.isPending} onClick={() => setConfirming('replace')}>
              Replace link
            </button>
            <button type="button" className="btn btn--danger" disabled={change.isPending} onClick={() => setConfirming('off')}>
              Turn off
            </button>
          </>
        )}
      </div>

      {confirming && (
        <ConfirmDialog
          title={confirming === 'replace' ? 'Replace your calendar link?' : 'Turn off your calendar link?'}
          confirmLabel={confirming === 'replace' ? 'Replace link' : 'Turn off'}
          cancelLabel="Keep my link"
          danger={confirming === 'off'}
          busy={change.isPending}
          onConfirm={() => change.mutate(confirming)}
          onCancel={() => setConfirming(null)}
        >
          <p>
            {confirming === 'replace'
              ? 'Calendars using your current link stop updating. You will get a new link to paste in their place.'
              : 'Calendars using your link stop showing your visits.'}
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
