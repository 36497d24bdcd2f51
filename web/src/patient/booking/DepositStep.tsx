import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { FormProvider, useForm, type FieldErrors as RhfErrors } from 'react-hook-form';
import { z } from 'zod';
import { bookingApi, type Appointment } from '../../api/booking';
import { isApiError, problemOf } from '../../api/errors';
import { formatMoney } from '../../api/money';
import type { FieldErrors, ProblemDetails } from '../../api/problem';
import { queryKeys } from '../../api/queries';
import { useApi } from '../../auth/AuthContext';
import { formatCountdown } from '../../booking/time';
import { useNow } from '../../booking/useNow';
import { Loading, ProblemAlert } from '../../ui/Alert';
import { TextField } from '../../ui/Field';
import { fieldErrorsOf, schemaResolver, setServerErrors } from '../../ui/form';

/** How often the appointment is read again while the (simulated) gateway works. */
export const DEPOSIT_POLL_MS = 1000;
const MAX_POLLS = 120;

export const TEST_PAYMENTS_NOTICE = 'Test payments — no real card is charged';

/** The (test) card as typed: spaces and dashes in the number, MM/YY, 3 or 4 digits. */
export const cardSchema = z.object({
  cardNumber: z.string().superRefine((value, ctx) => {
    const digits = value.replace(/[\s-]/g, '');
    if (!digits) ctx.addIssue({ code: 'custom', message: 'Enter the card number.' });
    else if (!/^\d{12,19}$/.test(digits)) ctx.addIssue({ code: 'custom', message: 'Enter a card number of 12 to 19 digits.' });
  }),
  expiry: z.string().superRefine((value, ctx) => {
    const m = /^(\d{2})\s*\/\s*(\d{2})$/.exec(value.trim());
    if (!value.trim()) ctx.addIssue({ code: 'custom', message: 'Enter the expiry date as MM/YY.' });
    else if (!m || Number(m[1]) < 1 || Number(m[1]) > 12) ctx.addIssue({ code: 'custom', message: 'Enter the expiry date as MM/YY, like 04/29.' });
  }),
  cvc: z.string().superRefine((value, ctx) => {
    if (!value.trim()) ctx.addIssue({ code: 'custom', message: 'Enter the CVC.' });
    else if (!/^\d{3,4}$/.test(value.trim())) ctx.addIssue({ code: 'custom', message: 'Enter the 3 or 4 digits of the CVC.' });
  }),
});

type Card = z.infer<typeof cardSchema>;

export function validateCard(card: Card): FieldErrors {
  return fieldErrorsOf(cardSchema, card);
}

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
 * Step 5: the deposit. The payment gateway is SIMULATED. After the 202 the appointment is read every second
 * until it leaves "pending-deposit": "scheduled" means booked, "cancelled" means declined or expired.
 */
export function DepositStep(props: {
  appointment: Appointment;
  onPaid: (appointment: Appointment) => void;
  onPickAnotherTime: () => void;
}) {
  const api = useApi();
  const queryClient = useQueryClient();
  const form = useForm<Card>({
    defaultValues: { cardNumber: '', expiry: '', cvc: '' },
    resolver: schemaResolver(cardSchema),
    reValidateMode: 'onSubmit',
    shouldFocusError: false,
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

  // A field's error goes as soon as the person changes it; the others stay until the next try.
  const { subscribe, clearErrors } = form;
  useEffect(
    () =>
      subscribe({
        formState: { values: true },
        callback: ({ name, type }) => {
          if (name && type === 'change') clearErrors(name as keyof Card);
        },
      }),
    [subscribe, clearErrors],
  );

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

  const pay = useMutation({
    mutationFn: (card: Card) =>
      bookingApi.payDeposit(api, props.appointment.id, {
        cardNumber: card.cardNumber.replace(/[\s-]/g, ''),
        expiry: card.expiry.replace(/\s/g, ''),
        cvc: card.cvc.trim(),
      }),
    onSuccess: () => {
      setPhase('processing');
      void poll();
    },
    onError: (err) => {
      if (isApiError(err)) setServerErrors(form.setError, err.fieldErrors);
      setProblem(problemOf(err));
      setTimeout(() => alertRef.current?.focus(), 0);
    },
  });

  function onValid(card: Card) {
    if (pay.isPending) return;
    setProblem(null);
    pay.mutate(card);
  }

  function onInvalid(errors: RhfErrors<Card>) {
    setProblem(null);
    const first = Object.keys(errors)[0];
    document.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
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
      <p className="notice notice--test">
        <strong>{TEST_PAYMENTS_NOTICE}.</strong> Use 4242 4242 4242 4242 for a payment that goes through, or 4000 0000
        0000 0002 for a declined card. Any future expiry and any CVC.
      </p>
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
      ) : (
        <FormProvider {...form}>
          <form onSubmit={(e) => void form.handleSubmit(onValid, onInvalid)(e)} noValidate className="deposit__form">
            <TextField name="cardNumber" label="Card number" inputMode="numeric" autoComplete="cc-number" maxLength={23} required />
            <div className="grid-2">
              <TextField name="expiry" label="Expiry (MM/YY)" inputMode="numeric" autoComplete="cc-exp" maxLength={7} required />
              <TextField name="cvc" label="CVC" inputMode="numeric" autoComplete="cc-csc" maxLength={4} required />
            </div>
            <div className="actions">
              <button type="submit" className="btn btn--primary btn--large" disabled={pay.isPending}>
                Pay deposit
              </button>
            </div>
          </form>
        </FormProvider>
      )}
    </div>
  );
}
