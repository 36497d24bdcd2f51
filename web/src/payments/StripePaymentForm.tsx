import { Elements, PaymentElement, useElements, useStripe } from '@stripe/react-stripe-js';
import { loadStripe, type Stripe } from '@stripe/stripe-js';
import { useRef, useState } from 'react';
import { isSetupIntent, type CardIntent } from '../api/payments';
import type { ProblemDetails } from '../api/problem';
import { ProblemAlert } from '../ui/Alert';

const loaded = new Map<string, Promise<Stripe | null>>();

/** Stripe.js once per publishable key (it loads Stripe's script from js.stripe.com). */
function stripeFor(publishableKey: string) {
  let stripe = loaded.get(publishableKey);
  if (!stripe) {
    stripe = loadStripe(publishableKey);
    loaded.set(publishableKey, stripe);
  }
  return stripe;
}

/** Stripe's Payment Element: the card is typed into Stripe's own frame and confirmed with Stripe, 3-D Secure included. */
export default function StripePaymentForm(props: { checkout: CardIntent; submitLabel: string; onConfirmed: () => void }) {
  return (
    <Elements stripe={stripeFor(props.checkout.provider.publishableKey)} options={{ clientSecret: props.checkout.clientSecret }}>
      <PaymentForm {...props} saving={isSetupIntent(props.checkout.clientSecret)} />
    </Elements>
  );
}

function PaymentForm(props: { submitLabel: string; onConfirmed: () => void; saving: boolean }) {
  const stripe = useStripe();
  const elements = useElements();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ProblemDetails | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  async function pay(e: React.FormEvent) {
    e.preventDefault();
    if (!stripe || !elements || busy) return;
    setBusy(true);
    setProblem(null);
    const confirm = { elements, redirect: 'if_required' as const, confirmParams: { return_url: window.location.href } };
    const { error } = props.saving ? await stripe.confirmSetup(confirm) : await stripe.confirmPayment(confirm);
    setBusy(false);
    // A decline is a decided payment (MedSpa hears it from Stripe); anything else the person can put right and try again.
    if (!error || (error.type === 'card_error' && !props.saving)) {
      props.onConfirmed();
      return;
    }
    setProblem({ title: props.saving ? 'The card was not saved' : 'The payment did not go through', status: 0, detail: error.message ?? 'Please check the card details.' });
    setTimeout(() => alertRef.current?.focus(), 0);
  }

  return (
    <form onSubmit={(e) => void pay(e)} className="deposit__form">
      {problem && <ProblemAlert problem={problem} ref={alertRef} />}
      <PaymentElement />
      <div className="actions">
        <button type="submit" className="btn btn--primary btn--large" disabled={!stripe || busy}>
          {props.submitLabel}
        </button>
      </div>
    </form>
  );
}
