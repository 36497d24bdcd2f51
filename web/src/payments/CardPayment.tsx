import { lazy, Suspense } from 'react';
import type { CardIntent } from '../api/payments';
import { Loading } from '../ui/Alert';
import { TestCardForm } from './TestCardForm';

const StripePaymentForm = lazy(() => import('./StripePaymentForm'));

/**
 * Takes a card for one payment, or to keep on file (a SetupIntent): Stripe's Payment Element when the clinic's Stripe account is configured, the local
 * fake's test-card form otherwise (clearly labelled). `onConfirmed`: the provider has the payment's outcome (paid,
 * declined, or waiting for the bank); MedSpa learns it from Stripe's webhook, so the caller reads the result from MedSpa.
 */
export function CardPayment(props: { checkout: CardIntent; submitLabel: string; onConfirmed: () => void }) {
  if (props.checkout.provider.testMode) return <TestCardForm {...props} />;
  return (
    <Suspense fallback={<Loading label="Loading the secure card form…" />}>
      <StripePaymentForm {...props} />
    </Suspense>
  );
}
