import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { GiftCardPurchase } from '../../api/giftCards';
import { stubStripeFake, testCheckout } from '../../test/stripe';
import { json, problem, renderAsPatient, route, withClockAt } from '../../test/utils';

withClockAt('2026-12-01T15:00:00Z');

const locations = route('GET', '/api/booking/locations', () => json({ items: [{ id: 'soho', name: 'SoHo', timeZone: 'America/New_York' }] }));
const services = route('GET', '/api/booking/services', () => json({ items: [{ id: 'facial', name: 'Facial', price: { amount: 15000, currency: 'USD' } }] }));

function purchase(overrides: Partial<GiftCardPurchase> = {}): GiftCardPurchase {
  return {
    id: 'gift-purchase-1',
    status: 'awaiting-payment',
    amount: { amount: 5000, currency: 'USD' },
    recipientName: 'Fran Friend',
    recipientEmail: 'fran@example.com',
    message: 'Happy birthday!',
    deliverAt: '2026-12-02T14:00:00Z',
    deliverAtLocal: '2026-12-02T09:00:00-05:00',
    timeZone: 'America/New_York',
    ...overrides,
  };
}

async function fillGift(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole('button', { name: '$50.00' }));
  await user.type(screen.getByLabelText(/Their name/), 'Fran Friend');
  await user.type(screen.getByLabelText(/Their email/), 'fran@example.com');
  await user.type(screen.getByLabelText(/Your message/), 'Happy birthday!');
  await user.type(screen.getByLabelText(/^Day/), '2026-12-02');
}

describe('giving a gift card', () => {
  it('checks the gift on the page, then sends the wall-clock time and zone, pays by card and says when it will be sent', async () => {
    const user = userEvent.setup();
    stubStripeFake();
    let paid = false;
    const fetch = renderAsPatient('/patient/gift-cards', [
      locations,
      services,
      route('POST', '/api/gift-cards/online-purchase', () => json({ ...purchase(), ...testCheckout({ paymentId: 'pi_1' }) }, { status: 201 })),
      route('GET', '/api/gift-cards/online-purchase/gift-purchase-1', () => {
        paid = true;
        return json(purchase({ status: paid ? 'scheduled' : 'awaiting-payment' }));
      }),
    ]);

    await user.click(await screen.findByRole('button', { name: 'Continue to payment' }));
    expect(await screen.findByText('Who is it for?')).toBeInTheDocument();
    expect(screen.getByText('Choose the day to send it.')).toBeInTheDocument();
    await fillGift(user);
    await user.clear(screen.getByLabelText(/Amount \(USD\)/));
    await user.type(screen.getByLabelText(/Amount \(USD\)/), '5');
    await user.click(screen.getByRole('button', { name: 'Continue to payment' }));
    expect(await screen.findByText('From 10.00 to 2,000.00.')).toBeInTheDocument();
    expect(fetch.requests.some((r) => r.method === 'POST')).toBe(false);

    await user.click(screen.getByRole('button', { name: '$50.00' }));
    await user.click(screen.getByRole('button', { name: 'Continue to payment' }));
    expect(await screen.findByRole('heading', { name: 'Pay $50.00' })).toBeInTheDocument();
    const sent = fetch.requests.find((r) => r.method === 'POST')!.body as Record<string, unknown>;
    expect(sent).toMatchObject({ amount: 5000, currency: 'USD', recipientName: 'Fran Friend', recipientEmail: 'fran@example.com', message: 'Happy birthday!', deliverOn: '2026-12-02T09:00' });
    expect(sent.timeZone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(String(sent.idempotencyKey)).toHaveLength(36);

    await user.type(screen.getByLabelText('Card number'), '4242 4242 4242 4242');
    await user.type(screen.getByLabelText('Expiry (MM/YY)'), '12/30');
    await user.type(screen.getByLabelText('CVC'), '123');
    await user.click(screen.getByRole('button', { name: 'Pay $50.00' }));

    expect(await screen.findByText('Thank you — your gift is paid for.', {}, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.getByText(/on Wednesday, December 2 at 09:00 \(America\/New York time\)/)).toBeInTheDocument();
  });

  it('puts the server’s refusal next to the field it is about', async () => {
    const user = userEvent.setup();
    renderAsPatient('/patient/gift-cards', [
      locations,
      services,
      route('POST', '/api/gift-cards/online-purchase', () =>
        problem(400, { title: 'Invalid', errors: { deliverOn: ['That time does not happen on that day (the clocks go forward): choose another.'] } })),
    ]);

    await fillGift(user);
    await user.click(screen.getByRole('button', { name: 'Continue to payment' }));

    expect(await screen.findByText(/the clocks go forward/)).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: /^Pay/ })).not.toBeInTheDocument();
  });

  it('says so when the clinic sells nothing online', async () => {
    renderAsPatient('/patient/gift-cards', []);

    await waitFor(() => expect(screen.getByText(/does not sell gift cards online yet/)).toBeInTheDocument());
  });
});
