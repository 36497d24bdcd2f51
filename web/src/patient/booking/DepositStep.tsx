import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { bookingApi, type Appointment } from '../../api/booking';
import { isApiError, problemOf } from '../../api/errors';
import { formatMoney } from '../../api/money';
import type { ProblemDetails } from '../../api/problem';
import { queryKeys } from '../../api/queries';
import { useApi } from '../../auth/AuthContext';
import { formatCountdown } from '../../booking/time';
import { useNow } from '../../booking/useNow';
import { CardPayment } from '../../payments/CardPayment';
import { Loading, ProblemAlert } from '../../ui/Alert';

/** How often the appointment is read again while Stripe's outcome reaches MedSpa. */
export const DEPOSIT_POLL_MS = 1000;
const MAX_POLLS = 120;

export { TEST_PAYMENTS_NOTICE } from '../../payments/TestCardForm';


/** Why a pending-deposit appointment ended up cancelled: its last history entry, else a general message. */
export function cancelReasonOf(appointment: Appointment): string {
  const last = appointment.history?.[appointment.history.length - 1];
  const fromHistory = last && (last.reason || last.message || last.detail || last.note);
  return (
    fromHistory ||
    appointment.cancellationReason ||
    'The card was declined or the hold on this time ran out, so the time was released.'
  );
}

type Phase = 'form' | 'processing' | 'failed' | 'expired';

/**
 * Step 5: the deposit. MedSpa opens the payment; the card goes from this page to Stripe (or, locally, the Stripe
 * fake); then the appointment is read every second until it leaves "pending-deposit": "scheduled" means booked,
 * "cancelled" means declined or expired.
 */
export function DepositStep(props: {
  appointment: Appointment;
  onPaid: (appointment: Appointment) => void;
  onPickAnotherTime: () => void;
}) {
  const api = useApi();
  const queryClient = useQueryClient();
  const checkout = useQuery({
    queryKey: ['deposit-checkout', props.appointment.id],
    queryFn: () => bookingApi.openDeposit(api, props.appointment.id),
    staleTime: Infinity,
    retry: false,
  });
  const [problem, setProblem] = useState<ProblemDetails | null>(null);
  const [phase, setPhase] = useState<Phase>('form');
  const [failure, setFailure] = useState('');
  const alive = useRef(true);
  const alertRef = useRef<HTMLDivElement>(null);
  const failedRef = useRef<HTMLHeadingElement>(null);

  const holdEnds = props.appointment.holdExpiresAt ? Date.parse(props.appointment.holdExpiresAt) : NaN;
  const now = useNow(1000, phase === 'form' && !Number.isNaN(holdEnds));
  const left = Number.isNaN(holdEnds) ? null : holdEnds - now;
  // The hold runs out while the form is open: the time is no longer the person's.
  const shown: Phase = phase === 'form' && left !== null && left <= 0 ? 'expired' : phase;

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  useEffect(() => {
    if (shown === 'failed' || shown === 'expired') failedRef.current?.focus();
  }, [shown]);

  async function poll() {
    for (let i = 0; i < MAX_POLLS && alive.current; i++) {
      await new Promise((r) => setTimeout(r, DEPOSIT_POLL_MS));
      if (!alive.current) return;
      let appointment: Appointment;
      try {
        appointment = await queryClient.fetchQuery({
          queryKey: queryKeys.booking.appointment(props.appointment.id),
          queryFn: ({ signal }) => bookingApi.appointment(api, props.appointment.id, signal),
          staleTime: 0,
        });
      } catch (e) {
        if (isApiError(e) && e.status !== 0 && e.status < 500) {
          setProblem(problemOf(e));
          setPhase('form');
          return;
        }
        continue; // a blip: keep asking
      }
      if (!alive.current) return;
      if (appointment.status === 'pending-deposit') continue;
      if (appointment.status === 'cancelled') {
        setFailure(cancelReasonOf(appointment));
        setPhase('failed');
        return;
      }
      void queryClient.invalidateQueries({ queryKey: queryKeys.booking.myAppointments });
      props.onPaid(appointment);
      return;
    }
    if (alive.current) {
      setProblem({
        title: 'The payment is taking longer than usual',
        status: 0,
        detail: 'Check “My appointments” in a minute to see whether your booking is confirmed.',
      });
      setPhase('form');
    }
  }

  function onConfirmed() {
    setProblem(null);
    setPhase('processing');
    void poll();
  }

  const amount = formatMoney(props.appointment.depositAmount ?? null);

  if (shown === 'failed' || shown === 'expired') {
    return (
      <div>
        <div className="alert alert--error" role="alert">
          <h3 className="alert__title" tabIndex={-1} ref={failedRef}>
            {shown === 'failed' ? 'Your booking was not confirmed' : 'Your hold on this time has ended'}
          </h3>
          <p>{shown === 'failed' ? failure : 'The time was held for you while you paid; that hold has run out.'}</p>
        </div>
        <button type="button" className="btn btn--primary" onClick={props.onPickAnotherTime}>
          Pick another time
        </button>
      </div>
    );
  }

  return (
    <div className="deposit">
      {amount && (
        <p className="deposit__amount">
          Deposit due now: <strong>{amount}</strong>
        </p>
      )}
      {left !== null && phase === 'form' && (
        <p className="hold">
          We are holding this time for you for{' '}
          <span role="timer" aria-live="off" className="hold__time">
            {formatCountdown(left)}
          </span>{' '}
          (minutes:seconds).
        </p>
      )}
      {problem && <ProblemAlert problem={problem} ref={alertRef} />}
      {phase === 'processing' ? (
        <Loading label="Processing your payment…" />
      ) : checkout.isPending ? (
        <Loading label="Opening the payment…" />
      ) : checkout.isError ? (
        <ProblemAlert problem={problemOf(checkout.error)} />
      ) : (
        <CardPayment checkout={checkout.data} submitLabel="Pay deposit" onConfirmed={onConfirmed} />
      )}
    </div>
  );
}
