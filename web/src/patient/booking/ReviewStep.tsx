import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type Dispatch } from 'react';
import { bookingApi, type BookingService, type Slot } from '../../api/booking';
import { usePolicies } from '../../api/bookingQueries';
import { isApiError, problemOf } from '../../api/errors';
import { formatMoney } from '../../api/money';
import { queryKeys } from '../../api/queries';
import { cardsApi } from '../../api/payments';
import { useAuth } from '../../auth/AuthContext';
import { AddCard, cardLabel, expiryLabel } from '../../payments/AddCard';
import { myCardsKey } from '../cards/MyCardsPage';
import { useClock } from '../../booking/clock';
import { zoneDescription } from '../../booking/time';
import { Loading, ProblemAlert } from '../../ui/Alert';
import { TextAreaField } from '../../ui/Field';
import type { BookingAction } from './bookingState';
import { durationText, hasDeposit } from './Choice';
import { StepActions } from './StepActions';

/** Step 4: what will be booked, the policies that apply, optional notes, and the booking itself. */
export function ReviewStep(props: {
  service: BookingService;
  slot: Slot;
  timeZone: string;
  locationId: string;
  locationName?: string;
  practitionerId: string;
  practitionerName: string;
  notes: string;
  /** A child the signed-in patient books for (their parent or guardian); absent when booking for themself. */
  forPatientId?: string;
  dispatch: Dispatch<BookingAction>;
}) {
  const { service, slot, timeZone, dispatch } = props;
  const clock = useClock();
  const { api, me } = useAuth();
  const queryClient = useQueryClient();
  const policies = usePolicies().data;
  const deposit = hasDeposit(service);
  // A clinic that charges missed-visit fees has the patient accept its policy, as it reads now, before booking.
  const feePolicy = policies?.feePolicyVersion ?? null;
  const [accepted, setAccepted] = useState(false);
  const [mustAccept, setMustAccept] = useState(false);
  // Those fees are charged to the card on file: an expired card (or none) is caught now, not when a fee is due. A deposit
  // saves the card it is paid with, so a booking with one needs nothing more.
  const cardHolder = props.forPatientId ?? me?.patientId ?? '';
  const needsCard = !!feePolicy && !deposit && !!cardHolder;
  const cards = useQuery({ queryKey: myCardsKey(cardHolder), queryFn: ({ signal }) => cardsApi.list(api, cardHolder, signal), enabled: needsCard });
  const usableCard = cards.data?.some((c) => !c.expired) ?? false;
  const cardMissing = needsCard && cards.isSuccess && !usableCard;
  const [addingCard, setAddingCard] = useState(false);
  const [mustAddCard, setMustAddCard] = useState(false);
  const money = (amount: number | undefined) => formatMoney({ amount: amount ?? 0, currency: service.price.currency });

  const book = useMutation({
    mutationFn: () =>
      bookingApi.book(api, {
        serviceId: service.id,
        locationId: props.locationId,
        startTime: slot.startTime,
        practitionerId: props.practitionerId || undefined,
        notes: props.notes.trim() || undefined,
        patientId: props.forPatientId,
        acceptedPolicyVersion: feePolicy && accepted ? feePolicy : undefined,
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.booking.availability }),
    onSuccess: (appointment) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.booking.myAppointments });
      if (props.forPatientId) void queryClient.invalidateQueries({ queryKey: queryKeys.patients.appointments(props.forPatientId) });
      dispatch({ type: 'booked', appointment });
    },
    onError: (e) => {
      // Someone took the time a moment ago: back to the times, freshly loaded, saying why.
      if (isApiError(e) && e.status === 409)
        dispatch({ type: 'timeTaken', problem: { ...e.problem, title: e.problem.title || 'That time was just taken' } });
    },
  });
  const bookProblem = book.isError && !(isApiError(book.error) && book.error.status === 409) ? problemOf(book.error) : null;

  return (
    <div>
      <dl className="facts">
        <dt>Treatment</dt>
        <dd>
          {service.name} ({durationText(service.durationMinutes)})
        </dd>
        <dt>When</dt>
        <dd>
          {clock.longDateTime(slot.startTime, timeZone)} <span className="muted">({zoneDescription(timeZone)})</span>
        </dd>
        <dt>With</dt>
        <dd>{props.practitionerName}</dd>
        <dt>Where</dt>
        <dd>{props.locationName}</dd>
        <dt>Price</dt>
        <dd>{formatMoney(service.price)}</dd>
        <dt>Deposit</dt>
        <dd>{deposit ? `${formatMoney(service.depositAmount)}, paid now` : 'None'}</dd>
      </dl>
      <TextAreaField
        name="notes"
        label="Notes for the clinic (optional)"
        value={props.notes}
        onChange={(notes) => dispatch({ type: 'notes', notes })}
        rows={3}
        maxLength={1000}
      />
      <section className="policies" aria-labelledby="policies-h">
        <h3 id="policies-h">Policies</h3>
        <ul>
          {policies ? (
            <li>Cancelling less than {policies.cancellationNoticeHours} hours before may incur a fee.</li>
          ) : (
            <li>Cancelling at short notice may incur a fee.</li>
          )}
          {deposit && (
            <li>
              A deposit of {formatMoney(service.depositAmount)} is due when you book
              {policies ? `; we hold the time for ${policies.depositHoldMinutes} minutes while you pay` : ''}.
            </li>
          )}
          {policies?.approvalRequiredForNewPatients && <li>The clinic confirms first bookings of new patients before they are final.</li>}
        </ul>
        {feePolicy && policies && (
          <div className="policies__fees">
            <p>
              {policies.noShowFee ? `Missing the appointment: ${money(policies.noShowFee)}. ` : ''}
              {policies.lateCancellationFee ? `Cancelling less than ${policies.cancellationNoticeHours} hours before: ${money(policies.lateCancellationFee)}. ` : ''}
              Fees are charged to the card you keep on file with the clinic.
            </p>
            <blockquote className="policies__text">{policies.cancellationPolicy}</blockquote>
            <div className="field field--check">
              <input
                id="accept-fee-policy"
                type="checkbox"
                checked={accepted}
                aria-invalid={mustAccept && !accepted}
                aria-describedby={mustAccept && !accepted ? 'accept-fee-policy-error' : undefined}
                onChange={(e) => setAccepted(e.target.checked)}
              />
              <label htmlFor="accept-fee-policy">I accept the clinic’s cancellation policy</label>
            </div>
            {mustAccept && !accepted && (
              <p id="accept-fee-policy-error" className="field__error">
                Accept the cancellation policy to book.
              </p>
            )}
          </div>
        )}
      </section>
      {cardMissing && cards.data && (
        <section className="policies" aria-labelledby="card-on-file-h">
          <h3 id="card-on-file-h">Card on file</h3>
          {cards.data.length > 0 ? (
            <p className={mustAddCard ? 'field__error' : undefined}>
              {cards.data.map((c) => `Your ${cardLabel(c)} expired ${expiryLabel(c)}`).join('; ')}. Add a card that is valid to book: the clinic’s fees are
              charged to the card on file.
            </p>
          ) : (
            <p className={mustAddCard ? 'field__error' : undefined}>Add a card to book: the clinic’s fees are charged to the card on file. Nothing is charged now.</p>
          )}
          {addingCard ? (
            <AddCard
              patientId={cardHolder}
              known={cards.data}
              onCancel={() => setAddingCard(false)}
              onSaved={() => {
                setAddingCard(false);
                setMustAddCard(false);
                void queryClient.invalidateQueries({ queryKey: myCardsKey(cardHolder) });
              }}
            />
          ) : (
            <button type="button" className="btn" onClick={() => setAddingCard(true)}>
              Add a card
            </button>
          )}
        </section>
      )}
      {needsCard && usableCard && cards.data && (
        <p className="muted">Fees, if any, go to your {cardLabel(cards.data.find((c) => !c.expired)!)}.</p>
      )}
      {bookProblem && <ProblemAlert problem={bookProblem} />}
      <StepActions
        continueLabel="Book appointment"
        onContinue={() => {
          if (feePolicy && !accepted) return setMustAccept(true);
          if (cardMissing) return setMustAddCard(true);
          if (!book.isPending) book.mutate();
        }}
        onBack={() => dispatch({ type: 'go', step: 'time' })}
        busy={book.isPending}
      />
      {book.isPending && <Loading label="Booking…" />}
    </div>
  );
}
