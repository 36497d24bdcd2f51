import { vi } from 'vitest';
import type { PaymentCheckout } from '../api/payments';
import { json } from './utils';

export const STRIPE_FAKE = 'http://127.0.0.1:12111';

/** What the API answers when a payment is opened in test mode (the local Stripe fake). */
export function testCheckout(overrides: Partial<PaymentCheckout> = {}): PaymentCheckout {
  return {
    paymentId: 'pi_1',
    clientSecret: 'pi_1_secret_x',
    amount: { amount: 5000, currency: 'USD' },
    provider: { name: 'stripe', publishableKey: 'pk_test_fake', testMode: true, testApiBase: STRIPE_FAKE },
    ...overrides,
  };
}

/**
 * The Stripe fake as the page's test-card form reaches it (the page's global fetch): Stripe's test cards behave as
 * documented — 4242… goes through, 4000 0000 0000 0002 is declined. Returns the forms it was sent.
 */
export function stubStripeFake() {
  const sent: { path: string; form: URLSearchParams }[] = [];
  let lastCard = '';
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input));
      const form = init?.body as URLSearchParams;
      sent.push({ path: url.pathname, form });
      if (url.pathname === '/v1/payment_methods') {
        lastCard = form.get('card[number]') ?? '';
        return json({ id: `pm_${lastCard.slice(-4)}`, object: 'payment_method' });
      }
      if (url.pathname.endsWith('/confirm')) {
        return lastCard === '4000000000000002'
          ? json({ error: { type: 'card_error', code: 'card_declined', message: 'Your card was declined.' } }, { status: 402 })
          : json({ id: 'pi_1', status: 'requires_capture' });
      }
      return json({ error: { type: 'invalid_request_error', message: 'Unrecognized request URL' } }, { status: 404 });
    }),
  );
  return sent;
}
