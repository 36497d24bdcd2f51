/**
 * The browser's side of the local Stripe fake, doing what Stripe.js does with a publishable key: turn a typed card into
 * a PaymentMethod, confirm a PaymentIntent with its client secret, answer a 3-D Secure challenge. Test payments only.
 */

/** Stripe's error object, as Stripe.js hands it back (`type`, `code`, `message`, `param`). */
export class StripeError extends Error {
  constructor(
    readonly type: string,
    readonly code: string | null,
    message: string,
    readonly param: string | null,
  ) {
    super(message);
  }
}

export interface TestIntent {
  id: string;
  status: string;
}

async function post<T>(base: string, key: string, path: string, form: Record<string, string>): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}` },
      body: new URLSearchParams(form),
    });
  } catch {
    throw new StripeError('api_connection_error', null, 'The payment service could not be reached. Check your connection and try again.', null);
  }
  const body = (await response.json().catch(() => ({}))) as { error?: { type?: string; code?: string; message?: string; param?: string } };
  if (!response.ok) {
    const e = body.error ?? {};
    throw new StripeError(e.type ?? 'api_error', e.code ?? null, e.message ?? 'The payment did not go through.', e.param ?? null);
  }
  return body as T;
}

export interface TypedCard {
  number: string;
  expMonth: string;
  expYear: string;
  cvc: string;
}

export function createCard(base: string, key: string, card: TypedCard) {
  return post<{ id: string }>(base, key, '/v1/payment_methods', {
    type: 'card',
    'card[number]': card.number,
    'card[exp_month]': card.expMonth,
    'card[exp_year]': card.expYear,
    'card[cvc]': card.cvc,
  });
}

/** Confirms a PaymentIntent (a payment) or a SetupIntent (a card saved), told apart by the id's prefix as Stripe does. */
export function confirmIntent(base: string, key: string, intentId: string, clientSecret: string, paymentMethod: string) {
  const kind = intentId.startsWith('seti_') ? 'setup_intents' : 'payment_intents';
  return post<TestIntent>(base, key, `/v1/${kind}/${encodeURIComponent(intentId)}/confirm`, {
    payment_method: paymentMethod,
    client_secret: clientSecret,
  });
}

/** The bank's challenge page, answered: "complete" passes 3-D Secure, "fail" fails it. */
export function authenticate(base: string, key: string, intentId: string, clientSecret: string, outcome: 'complete' | 'fail') {
  return post<TestIntent>(base, key, `/v1/test_helpers/authenticate/${encodeURIComponent(intentId)}`, {
    client_secret: clientSecret,
    outcome,
  });
}
