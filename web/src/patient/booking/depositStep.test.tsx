import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { AuthContext } from '../../auth/AuthContext';
import { validateCard } from '../../payments/cardSchema';
import { appointment } from '../../test/booking';
import { TestQueryProvider, fakeAuth, json, meFor, mockFetch, problem, route } from '../../test/utils';
import { DepositStep } from './DepositStep';

const FAKE = 'http://127.0.0.1:12111';

const checkout = {
  appointmentId: 'a1',
  paymentId: 'pi_1',
  clientSecret: 'pi_1_secret_x',
  amount: { amount: 5000, currency: 'USD' },
  provider: { name: 'stripe', publishableKey: 'pk_test_fake', testMode: true, testApiBase: FAKE },
};

/** The Stripe fake as the page reaches it: records each form it is sent. */
function stripeFake(answers: Record<string, () => Response>) {
  const sent: { path: string; form: URLSearchParams; auth: string | null }[] = [];
  const fn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input));
    sent.push({ path: url.pathname, form: init?.body as URLSearchParams, auth: new Headers(init?.headers).get('Authorization') });
    const answer = Object.entries(answers).find(([path]) => url.pathname.startsWith(path));
    return answer ? answer[1]() : json({ error: { type: 'invalid_request_error', message: 'Unrecognized' } }, { status: 404 });
  });
  return { fn, sent };
}

function renderStep(apiFetch: typeof fetch, onPaid = vi.fn()) {
  render(
    <TestQueryProvider>
      <AuthContext.Provider value={fakeAuth({ me: meFor('patient'), fetch: apiFetch })}>
        <DepositStep appointment={appointment({ id: 'a1', status: 'pending-deposit' })} onPaid={onPaid} onPickAnotherTime={vi.fn()} />
      </AuthContext.Provider>
    </TestQueryProvider>,
  );
  return onPaid;
}

describe('the deposit step', () => {
  it('checks the card as typed', () => {
    expect(validateCard({ cardNumber: '', expiry: '', cvc: '' })).toEqual({
      cardNumber: ['Enter the card number.'],
      expiry: ['Enter the expiry date as MM/YY.'],
      cvc: ['Enter the CVC.'],
    });
    expect(validateCard({ cardNumber: '4242 4242 4242 4242', expiry: '13/30', cvc: '12' })).toEqual({
      expiry: ['Enter the expiry date as MM/YY, like 04/29.'],
      cvc: ['Enter the 3 or 4 digits of the CVC.'],
    });
    expect(validateCard({ cardNumber: '4242-4242-4242-4242', expiry: '04/29', cvc: '123' })).toEqual({});
  });

  it('sends the card to the payment service (never to MedSpa), confirms with the client secret, then waits for the booking', async () => {
    const user = userEvent.setup();
    const stripe = stripeFake({
      '/v1/payment_methods': () => json({ id: 'pm_1', object: 'payment_method' }),
      '/v1/payment_intents/pi_1/confirm': () => json({ id: 'pi_1', status: 'requires_capture' }),
    });
    vi.stubGlobal('fetch', stripe.fn);
    const api = mockFetch(
      route('POST', '/api/booking/appointments/a1/deposit', () => json(checkout)),
      route('GET', '/api/booking/appointments/a1', () => json(appointment({ id: 'a1', status: 'scheduled' }))),
    );
    const onPaid = renderStep(api);

    expect(await screen.findByText(/Test payments — no real card is charged/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Pay deposit' }));
    expect(screen.getByLabelText('Card number')).toHaveAccessibleDescription('Enter the card number.');
    expect(screen.getByLabelText('Card number')).toHaveFocus();
    await user.type(screen.getByLabelText('Card number'), '4242 4242 4242 4242');
    expect(screen.getByLabelText('Card number')).not.toHaveAttribute('aria-invalid');
    await user.type(screen.getByLabelText('Expiry (MM/YY)'), '12/30');
    await user.type(screen.getByLabelText('CVC'), '123');
    await user.click(screen.getByRole('button', { name: 'Pay deposit' }));

    await waitFor(() => expect(onPaid).toHaveBeenCalled(), { timeout: 3000 });
    expect(stripe.sent.map((s) => s.path)).toEqual(['/v1/payment_methods', '/v1/payment_intents/pi_1/confirm']);
    expect(stripe.sent[0].auth).toBe('Bearer pk_test_fake');
    expect(stripe.sent[0].form.get('card[number]')).toBe('4242424242424242');
    expect(stripe.sent[0].form.get('card[exp_year]')).toBe('2030');
    expect(stripe.sent[1].form.get('client_secret')).toBe('pi_1_secret_x');
    expect(api.requests.some((r) => JSON.stringify(r.body ?? {}).includes('4242'))).toBe(false);
  });

  it('shows the payment service’s refusal of a card number next to the field, and keeps the form', async () => {
    const user = userEvent.setup();
    const stripe = stripeFake({
      '/v1/payment_methods': () => json({ error: { type: 'card_error', code: 'incorrect_number', message: 'Your card number is incorrect.', param: 'number' } }, { status: 402 }),
    });
    vi.stubGlobal('fetch', stripe.fn);
    renderStep(mockFetch(route('POST', '/api/booking/appointments/a1/deposit', () => json(checkout))));

    await user.type(await screen.findByLabelText('Card number'), '4242 4242 4242 4241');
    await user.type(screen.getByLabelText('Expiry (MM/YY)'), '12/30');
    await user.type(screen.getByLabelText('CVC'), '123');
    await user.click(screen.getByRole('button', { name: 'Pay deposit' }));

    expect(await screen.findByText('Your card number is incorrect.')).toBeInTheDocument();
    expect(screen.getByLabelText('Card number')).toHaveAccessibleDescription('Your card number is incorrect.');
    expect(screen.getByRole('button', { name: 'Pay deposit' })).toBeEnabled();
  });

  it('opens the bank’s check for a card that asks for 3-D Secure, and goes on once it is answered', async () => {
    const user = userEvent.setup();
    const stripe = stripeFake({
      '/v1/payment_methods': () => json({ id: 'pm_3ds' }),
      '/v1/payment_intents/pi_1/confirm': () => json({ id: 'pi_1', status: 'requires_action' }),
      '/v1/test_helpers/authenticate/pi_1': () => json({ id: 'pi_1', status: 'requires_capture' }),
    });
    vi.stubGlobal('fetch', stripe.fn);
    const onPaid = renderStep(
      mockFetch(
        route('POST', '/api/booking/appointments/a1/deposit', () => json(checkout)),
        route('GET', '/api/booking/appointments/a1', () => json(appointment({ id: 'a1', status: 'scheduled' }))),
      ),
    );

    await user.type(await screen.findByLabelText('Card number'), '4000 0025 0000 3155');
    await user.type(screen.getByLabelText('Expiry (MM/YY)'), '12/30');
    await user.type(screen.getByLabelText('CVC'), '123');
    await user.click(screen.getByRole('button', { name: 'Pay deposit' }));
    await user.click(await screen.findByRole('button', { name: 'Confirm payment' }));

    await waitFor(() => expect(onPaid).toHaveBeenCalled(), { timeout: 3000 });
    expect(stripe.sent.at(-1)?.form.get('outcome')).toBe('complete');
  });

  it('says why when the deposit cannot be opened', async () => {
    renderStep(mockFetch(route('POST', '/api/booking/appointments/a1/deposit', () => problem(409, { title: 'Not possible', detail: 'This booking is no longer held.' }))));

    expect(await screen.findByText('This booking is no longer held.')).toBeInTheDocument();
    expect(screen.queryByLabelText('Card number')).not.toBeInTheDocument();
  });
});
