import type { Money } from './money';

/** Who takes the card: Stripe (Payment Element) or, on one machine, the local Stripe fake (test payments). */
export interface PaymentProvider {
  name: 'stripe';
  publishableKey: string;
  testMode: boolean;
  /** The fake's address, in test mode only. */
  testApiBase: string | null;
}

/** What the page needs to pay one payment with the provider directly (card details never reach MedSpa). */
export interface PaymentCheckout {
  paymentId: string;
  clientSecret: string;
  amount: Money;
  provider: PaymentProvider;
}
