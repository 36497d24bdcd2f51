import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useBookingLocations } from '../../api/bookingQueries';
import { isApiError, problemOf } from '../../api/errors';
import { queryKeys } from '../../api/queries';
import { useApiQuery } from '../../api/useApiQuery';
import { waitlistApi, type WaitlistEntry, type WaitlistOffer } from '../../api/waitlist';
import { useApi, useAuth } from '../../auth/AuthContext';
import { useClock } from '../../booking/clock';
import { longDateLabel } from '../../booking/time';
import { useNow } from '../../booking/useNow';
import { Loading, LoadProblem, ProblemAlert, StatusMessage } from '../../ui/Alert';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { MyRecordPage } from '../MyRecordPage';
import { JoinWaitlistForm } from './JoinWaitlistForm';

/**
 * /patient/waitlist — "My waitlist" (on a phone, usually; the link in a waitlist offer's message opens it with
 * ?offer=…): a time offered to the patient, accepted with one tap while it is open; what they are waiting for, which
 * they may leave; and a way to join for a service, place, dates and times of day.
 */
export function MyWaitlistPage() {
  useDocumentTitle('My waitlist');
  const { me } = useAuth();
  const [params] = useSearchParams();
  const entries = useApiQuery(queryKeys.booking.myWaitlist, waitlistApi.mine, { enabled: !!me?.patientId });
  const [flash, setFlash] = useState('');

  // The offer the message linked to first, then any other open offer of the patient's entries.
  const linked = params.get('offer');
  const offerIds = [...new Set([linked, ...(entries.data ?? []).map((e) => e.currentOfferId)].filter((id): id is string => !!id))];
  const waiting = (entries.data ?? []).filter((e) => e.status === 'active' || e.status === 'offered');

  return (
    <MyRecordPage
      title="My waitlist"
      linked={!!me?.patientId}
      intro={<p>When a time you want opens up, we tell the first few people waiting for it by text and email. The first to accept gets it.</p>}
    >
      {flash && <StatusMessage>{flash}</StatusMessage>}
      {offerIds.length > 0 && (
        <section aria-labelledby="offers-h">
          <h2 id="offers-h">Times offered to you</h2>
          <ul className="invoice-list">
            {offerIds.map((id) => (
              <li key={id}>
                <OfferCard offerId={id} />
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="waiting-h">
        <h2 id="waiting-h">What you're waiting for</h2>
        {entries.isPending ? (
          <Loading label="Loading your waitlist…" />
        ) : entries.isError ? (
          <LoadProblem error={entries.error} retry={() => void entries.refetch()} />
        ) : waiting.length === 0 ? (
          <p className="muted">You are not on the waitlist for anything. Join below and we'll tell you when a time opens up.</p>
        ) : (
          <ul className="invoice-list">
            {waiting.map((entry) => (
              <li key={entry.id}>
                <EntryCard entry={entry} onLeft={(left) => setFlash(`You left the waitlist for ${left.serviceName}.`)} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <JoinWaitlistForm onJoined={(joined) => setFlash(`You're on the waitlist for ${joined.serviceName}. We'll text or email you when a time opens up.`)} />
    </MyRecordPage>
  );
}

/** One offered time: what, when, where and until when it may be accepted; accepted here while it is open. */
function OfferCard({ offerId }: { offerId: string }) {
  const api = useApi();
  const clock = useClock();
  const queryClient = useQueryClient();
  const locations = useBookingLocations();
  const offer = useApiQuery(queryKeys.booking.waitlistOffer(offerId), (client, signal) => waitlistApi.offer(client, offerId, signal));
  const now = useNow(15_000);
  const accept = useMutation({
    mutationFn: () => waitlistApi.accept(api, offerId),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.booking.waitlistOffer(offerId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.booking.myWaitlist });
      void queryClient.invalidateQueries({ queryKey: queryKeys.booking.myAppointments });
    },
  });

  if (offer.isPending) return <Loading label="Loading the time offered to you…" />;
  if (offer.isError) {
    return isApiError(offer.error) && offer.error.status === 404 ? (
      <p className="muted">That offer is not yours, or no longer exists.</p>
    ) : (
      <LoadProblem error={offer.error} retry={() => void offer.refetch()} />
    );
  }

  const o: WaitlistOffer = offer.data;
  const zone = locations.data?.find((l) => l.id === o.locationId)?.timeZone;
  const when = clock.longDateTime(o.startTime, zone);
  const open = o.status === 'open' && Date.parse(o.expiresAt) > now;
  const title = `${o.serviceName}, ${when}`;
  return (
    <article className="card waitlist-card waitlist-card--offer" aria-label={title}>
      <h3 className="invoice-card__title">{o.serviceName}</h3>
      <p>
        <strong>{when}</strong>
        {o.locationName ? ` at ${o.locationName}` : ''}
      </p>
      {accept.isSuccess ? (
        <StatusMessage>
          You're booked. <Link to="/patient/appointments">See it in your appointments</Link>.
        </StatusMessage>
      ) : open ? (
        <>
          <p>Accept by {clock.time(o.expiresAt, zone)} to book it. A few people have been told; the first to accept gets it.</p>
          {accept.isError && <ProblemAlert problem={problemOf(accept.error)} />}
          <div className="actions">
            <button type="button" className="btn btn--primary" disabled={accept.isPending} onClick={() => accept.mutate()}>
              {accept.isPending ? 'Booking it…' : 'Accept this time'}
            </button>
          </div>
        </>
      ) : (
        <>
          {accept.isError && <ProblemAlert problem={problemOf(accept.error)} />}
          <p>{offerOutcome(o)}</p>
          {o.status === 'booked' && (
            <p>
              <Link to="/patient/appointments">See it in your appointments</Link>
            </p>
          )}
        </>
      )}
    </article>
  );
}

/** What became of an offer that can no longer be accepted. */
function offerOutcome(o: WaitlistOffer): string {
  switch (o.status) {
    case 'booked':
      return 'You accepted this time: it is booked.';
    case 'accepting':
      return 'You accepted this time; we are booking it.';
    case 'gone':
      return 'Someone else took this time first. You are still on the waitlist.';
    case 'failed':
      return `We could not book this time for you${o.reason ? `: ${o.reason}` : '.'} You are still on the waitlist.`;
    default:
      return 'The time to accept this offer has passed, so it went to others. You are still on the waitlist.';
  }
}

/** A place on the waitlist: the service, where, which days and times of day, and a way to leave it. */
function EntryCard({ entry, onLeft }: { entry: WaitlistEntry; onLeft: (entry: WaitlistEntry) => void }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const leave = useMutation({
    mutationFn: () => waitlistApi.leave(api, entry.id),
    onSuccess: () => {
      setAsking(false);
      onLeft(entry);
      void queryClient.invalidateQueries({ queryKey: queryKeys.booking.myWaitlist });
    },
  });
  const days = entry.fromDate === entry.toDate ? longDateLabel(entry.fromDate) : `${longDateLabel(entry.fromDate)} to ${longDateLabel(entry.toDate)}`;
  const parts = entry.timesOfDay.length === 3 ? 'any time of day' : entry.timesOfDay.join(' or ');
  return (
    <article className="card waitlist-card" aria-label={`Waiting for ${entry.serviceName}`}>
      <h3 className="invoice-card__title">
        {entry.serviceName} {entry.status === 'offered' && <span className="status status--partial">Time offered</span>}
      </h3>
      <p>
        {entry.locationName ?? 'Any location'}
        {entry.practitionerName ? ` with ${entry.practitionerName}` : ''}
      </p>
      <p>
        {days}, {parts}
      </p>
      <div className="actions">
        <button type="button" className="btn" onClick={() => setAsking(true)}>
          Leave the waitlist <span className="sr-only">for {entry.serviceName}</span>
        </button>
      </div>
      {asking && (
        <ConfirmDialog
          title={`Leave the waitlist for ${entry.serviceName}?`}
          confirmLabel="Leave the waitlist"
          cancelLabel="Stay on it"
          danger
          busy={leave.isPending}
          onConfirm={() => leave.mutate()}
          onCancel={() => setAsking(false)}
        >
          <p>We will stop telling you when a time opens up. You can join again at any time.</p>
          {leave.isError && <ProblemAlert problem={problemOf(leave.error)} />}
        </ConfirmDialog>
      )}
    </article>
  );
}
