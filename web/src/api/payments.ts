import type { ApiClient } from './client';
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

/** What a card form confirms with the provider: a PaymentIntent (a payment) or a SetupIntent (saving a card). */
export type CardIntent = Pick<PaymentCheckout, 'paymentId' | 'clientSecret' | 'provider'>;

/** A SetupIntent's client secret names it: `seti_…_secret_…` (Stripe's format; Stripe.js reads it the same way). */
export const isSetupIntent = (clientSecret: string) => clientSecret.startsWith('seti_');
export const intentIdOf = (clientSecret: string) => clientSecret.split('_secret_')[0];

/** A saved card as MedSpa lists it: the card itself stays with Stripe. */
export interface CardOnFile {
  id: string;
  brand: string;
  last4: string;
  expiryMonth: number;
  expiryYear: number;
  expired: boolean;
  expiresSoon: boolean;
}

const enc = encodeURIComponent;

export const cardsApi = {
  list: (api: ApiClient, patientId: string, signal?: AbortSignal) =>
    api.get<{ items: CardOnFile[] }>(`/api/payments/methods/${enc(patientId)}`, { signal }).then((r) => r?.items ?? []),
  /** Starts saving a card: a SetupIntent for the browser to confirm with the provider. The key starts one per try. */
  startAdding: (api: ApiClient, patientId: string, idempotencyKey: string) =>
    api.request<{ clientSecret: string; provider: PaymentProvider }>('/api/payments/methods', { method: 'POST', body: { patientId, idempotencyKey } }).then((r) => r.data),
  remove: (api: ApiClient, id: string) => api.request<unknown>(`/api/payments/methods/${enc(id)}`, { method: 'DELETE' }),
};
