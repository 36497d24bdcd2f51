import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { CardOnFile } from '../../api/payments';
import { STRIPE_FAKE, stubStripeFake } from '../../test/stripe';
import { json, renderAsPatient, route } from '../../test/utils';

const provider = { name: 'stripe', publishableKey: 'pk_test_fake', testMode: true, testApiBase: STRIPE_FAKE };
const expired: CardOnFile = { id: 'pm_old', brand: 'visa', last4: '4242', expiryMonth: 10, expiryYear: 2026, expired: true, expiresSoon: false };
const fresh: CardOnFile = { id: 'pm_4444', brand: 'mastercard', last4: '4444', expiryMonth: 12, expiryYear: 2030, expired: false, expiresSoon: false };

describe('my cards', () => {
  it('calls out an expired card, saves a new one through the payment service (a SetupIntent), and removes the old one after asking', async () => {
    const user = userEvent.setup();
    const sentToStripe = stubStripeFake();
    let cards = [expired];
    const fetch = renderAsPatient('/patient/cards', [
      route('GET', '/api/payments/methods/patient-1', () => json({ items: cards })),
      route('POST', '/api/payments/methods', () => {
        cards = [expired, fresh]; // what Stripe will have once the browser confirms
        return json({ clientSecret: 'seti_1_secret_x', provider });
      }),
      route('DELETE', '/api/payments/methods/pm_old', () => {
        cards = [fresh];
        return new Response(null, { status: 204 });
      }),
    ]);

    const old = await screen.findByRole('article', { name: 'Visa ending 4242' });
    expect(within(old).getByText('Expired')).toBeInTheDocument();
    expect(within(old).getByText(/Expired 10\/2026: add a new card/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Add a card' }));
    await user.type(await screen.findByLabelText('Card number'), '5555 5555 5555 4444');
    await user.type(screen.getByLabelText('Expiry (MM/YY)'), '12/30');
    await user.type(screen.getByLabelText('CVC'), '123');
    await user.click(screen.getByRole('button', { name: 'Save card' }));

    expect(await screen.findByText('Mastercard ending 4444 was saved.', {}, { timeout: 5000 })).toBeInTheDocument();
    expect(sentToStripe.map((s) => s.path)).toEqual(['/v1/payment_methods', '/v1/setup_intents/seti_1/confirm']);
    expect(fetch.requests.find((r) => r.method === 'POST')!.body).toMatchObject({ patientId: 'patient-1' });

    await user.click(within(screen.getByRole('article', { name: 'Visa ending 4242' })).getByRole('button', { name: /Remove/ }));
    await user.click(screen.getByRole('button', { name: 'Yes, remove Visa ending 4242' }));
    expect(await screen.findByText('Visa ending 4242 was removed.')).toBeInTheDocument();
    expect(screen.queryByRole('article', { name: 'Visa ending 4242' })).not.toBeInTheDocument();
  });

  it('says so when the bank declines the card, and saves nothing', async () => {
    const user = userEvent.setup();
    stubStripeFake();
    renderAsPatient('/patient/cards', [
      route('GET', '/api/payments/methods/patient-1', () => json({ items: [] })),
      route('POST', '/api/payments/methods', () => json({ clientSecret: 'seti_2_secret_x', provider })),
    ]);

    expect(await screen.findByText('You have no cards on file.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Add a card' }));
    await user.type(await screen.findByLabelText('Card number'), '4000 0000 0000 0002');
    await user.type(screen.getByLabelText('Expiry (MM/YY)'), '12/30');
    await user.type(screen.getByLabelText('CVC'), '123');
    await user.click(screen.getByRole('button', { name: 'Save card' }));

    expect(await screen.findByText('The card was not saved')).toBeInTheDocument();
    expect(screen.getByText('Your card was declined.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save card' })).toBeEnabled(); // another card may be tried
    expect(screen.queryByText(/was saved/)).not.toBeInTheDocument();
  });
});
