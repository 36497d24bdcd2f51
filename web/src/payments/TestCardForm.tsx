import { useEffect, useRef, useState } from 'react';
import { FormProvider, useForm, type FieldErrors as RhfErrors } from 'react-hook-form';
import { isSetupIntent, type CardIntent } from '../api/payments';
import type { ProblemDetails } from '../api/problem';
import { ProblemAlert } from '../ui/Alert';
import { TextField } from '../ui/Field';
import { schemaResolver } from '../ui/form';
import { Modal } from '../ui/Modal';
import { cardSchema, FIELD_OF_PARAM, type Card } from './cardSchema';
import { authenticate, confirmIntent, createCard, StripeError, type TestIntent } from './testStripe';

export const TEST_PAYMENTS_NOTICE = 'Test payments — no real card is charged';

/**
 * The local Stripe fake's card form: the card goes from this page to the fake (never to MedSpa), as the Payment Element
 * sends it to Stripe. A card that asks for 3-D Secure opens the "bank" here, where the tester passes or fails it.
 */
export function TestCardForm(props: { checkout: CardIntent; submitLabel: string; onConfirmed: () => void }) {
  const { checkout } = props;
  const base = checkout.provider.testApiBase ?? '';
  const key = checkout.provider.publishableKey;
  const what = isSetupIntent(checkout.clientSecret) ? 'card' : 'payment';
  const form = useForm<Card>({
    defaultValues: { cardNumber: '', expiry: '', cvc: '' },
    resolver: schemaResolver(cardSchema),
    reValidateMode: 'onSubmit',
    shouldFocusError: false,
  });
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ProblemDetails | null>(null);
  const [challenge, setChallenge] = useState<TestIntent | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);

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

  function refused(e: unknown) {
    const error = e instanceof StripeError ? e : new StripeError('api_error', null, 'The payment did not go through.', null);
    const field = error.param ? FIELD_OF_PARAM[error.param] : undefined;
    if (field) {
      form.setError(field, { type: 'server', message: error.message });
      document.querySelector<HTMLElement>(`[name="${field}"]`)?.focus();
      return;
    }
    setProblem({ title: what === 'card' ? 'The card was not saved' : 'The payment did not go through', status: 0, detail: error.message });
    setTimeout(() => alertRef.current?.focus(), 0);
  }

  async function onValid(card: Card) {
    if (busy) return;
    setProblem(null);
    setBusy(true);
    const [month, year] = card.expiry.replace(/\s/g, '').split('/');
    try {
      const method = await createCard(base, key, { number: card.cardNumber.replace(/[\s-]/g, ''), expMonth: month, expYear: `20${year}`, cvc: card.cvc.trim() });
      let intent: TestIntent;
      try {
        intent = await confirmIntent(base, key, checkout.paymentId, checkout.clientSecret, method.id);
      } catch (e) {
        // Declined by the bank: the payment is decided; MedSpa hears it from Stripe and says what happens next. A card
        // being saved decides nothing in MedSpa: the decline is said here and another card may be tried.
        if (e instanceof StripeError && e.type === 'card_error' && what === 'payment') {
          props.onConfirmed();
          return;
        }
        throw e;
      }
      if (intent.status === 'requires_action') setChallenge(intent);
      else props.onConfirmed();
    } catch (e) {
      refused(e);
    } finally {
      setBusy(false);
    }
  }

  async function answerChallenge(outcome: 'complete' | 'fail') {
    setBusy(true);
    try {
      await authenticate(base, key, checkout.paymentId, checkout.clientSecret, outcome);
    } catch (e) {
      if (!(e instanceof StripeError && e.type === 'card_error' && what === 'payment')) {
        setChallenge(null);
        refused(e);
        setBusy(false);
        return;
      }
    }
    setChallenge(null);
    setBusy(false);
    props.onConfirmed();
  }

  function onInvalid(errors: RhfErrors<Card>) {
    setProblem(null);
    const first = Object.keys(errors)[0];
    document.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
  }

  return (
    <>
      <p className="notice notice--test">
        <strong>{TEST_PAYMENTS_NOTICE}.</strong> Use 4242 4242 4242 4242 for a payment that goes through, 4000 0000 0000 0002
        for a declined card, or 4000 0025 0000 3155 for one that asks your bank to confirm. Any future expiry and any CVC.
      </p>
      {problem && <ProblemAlert problem={problem} ref={alertRef} />}
      <FormProvider {...form}>
        <form onSubmit={(e) => void form.handleSubmit(onValid, onInvalid)(e)} noValidate className="deposit__form">
          <TextField name="cardNumber" label="Card number" inputMode="numeric" autoComplete="cc-number" maxLength={23} required />
          <div className="grid-2">
            <TextField name="expiry" label="Expiry (MM/YY)" inputMode="numeric" autoComplete="cc-exp" maxLength={7} required />
            <TextField name="cvc" label="CVC" inputMode="numeric" autoComplete="cc-csc" maxLength={4} required />
          </div>
          <div className="actions">
            <button type="submit" className="btn btn--primary btn--large" disabled={busy}>
              {props.submitLabel}
            </button>
          </div>
        </form>
      </FormProvider>
      {challenge && (
        <Modal title={`Confirm this ${what} with your bank`} onClose={() => void answerChallenge('fail')}>
          <p>Your bank asks you to confirm this {what} (a test 3-D Secure check: no real bank is involved).</p>
          <div className="actions">
            <button type="button" className="btn btn--primary" disabled={busy} onClick={() => void answerChallenge('complete')}>
              Confirm {what}
            </button>
            <button type="button" className="btn" disabled={busy} onClick={() => void answerChallenge('fail')}>
              Fail the check
            </button>
          </div>
        </Modal>
      )}
    </>
  );
}
