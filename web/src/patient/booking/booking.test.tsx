import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NY, appointment, botox, facial, policies } from '../../test/booking';
import { STRIPE_FAKE, stubStripeFake, testCheckout } from '../../test/stripe';
import { fakeAuth, json, meFor, mockFetch, problem, renderApp, route, type Handler } from '../../test/utils';

const slots = [
  { startTime: '2026-11-24T18:00:00Z', endTime: '2026-11-24T18:30:00Z', practitionerIds: ['p1'] },
  { startTime: '2026-11-24T14:30:00-05:00', endTime: '2026-11-24T15:00:00-05:00', practitionerIds: ['p1', 'p2'] },
  { startTime: '2026-11-26T10:00:00-05:00', endTime: '2026-11-26T10:30:00-05:00', practitionerIds: ['p2'] },
];

function catalogue(): Handler[] {
  return [
    route('GET', '/api/booking/locations', () => json({ items: [NY] })),
    route('GET', '/api/booking/services', () => json({ items: [botox, facial] })),
    route('GET', '/api/booking/practitioners', () =>
      json({
        items: [
          { id: 'p1', displayName: 'Ivy Injector', bio: 'Nurse injector', photoUrl: '' },
          { id: 'p2', displayName: 'Nora Nurse', bio: '', photoUrl: '' },
        ],
      }),
    ),
    route('GET', '/api/booking/availability', () => json({ timeZone: 'America/New_York', slots })),
    route('GET', '/api/booking/policies', () => json(policies)),
  ];
}

beforeEach(() => {
  // The device clock only: timers stay real so polling and user events run normally.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-23T15:00:00Z'));
});
afterEach(() => vi.useRealTimers());

async function chooseBotoxAndTime(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole('radio', { name: /Botox/ }));
  await user.click(screen.getByRole('button', { name: 'Continue' }));
  const group = await screen.findByRole('radiogroup', { name: 'Practitioner' });
  expect(within(group).getByRole('radio', { name: 'Any available practitioner' })).toBeChecked();
  await user.click(screen.getByRole('button', { name: 'Continue' }));
  expect(await screen.findByRole('button', { name: '1:00 PM' })).toBeInTheDocument();
}

describe('patient booking', () => {
  it('lists services by category with price, duration and deposit, skipping the single location', async () => {
    const fetch = mockFetch(...catalogue());
    renderApp('/patient/book', fakeAuth({ me: meFor('patient'), fetch }));
    const injectables = await screen.findByRole('group', { name: 'Injectables' });
    expect(within(injectables).getByRole('radio', { name: 'Botox' })).toHaveAccessibleDescription(
      '30 min · $350.00 · $50.00 deposit',
    );
    expect(within(screen.getByRole('group', { name: 'Facials' })).getByRole('radio', { name: 'HydraFacial' })).toHaveAccessibleDescription(
      '1 h · $199.00 · No deposit',
    );
    expect(screen.queryByRole('radiogroup', { name: 'Location' })).not.toBeInTheDocument();
    expect(screen.getByText('Midtown')).toBeInTheDocument();
    expect(fetch.requests.find((r) => r.url.pathname === '/api/booking/services')?.url.searchParams.get('locationId')).toBe('loc1');
  });

  it('shows times in the location’s time zone, says so, and has an empty state for days without times', async () => {
    const user = userEvent.setup();
    const fetch = mockFetch(...catalogue());
    renderApp('/patient/book', fakeAuth({ me: meFor('patient'), fetch }));
    await chooseBotoxAndTime(user);

    expect(screen.getByText('Times are in New York time')).toBeInTheDocument();
    const days = screen.getByRole('group', { name: 'Day' });
    expect(within(days).getAllByRole('button')).toHaveLength(14);
    expect(within(days).getByRole('button', { name: 'Mon 23 Nov' })).toBeInTheDocument();
    // The first day with times is chosen; 2026-11-24T18:00:00Z is 1:00 PM in New York.
    expect(within(days).getByRole('button', { name: 'Tue 24 Nov' })).toHaveAttribute('aria-pressed', 'true');
    const times = screen.getByRole('group', { name: 'Times on Tue 24 Nov' });
    expect(within(times).getAllByRole('button').map((b) => b.textContent)).toEqual(['1:00 PM', '2:30 PM']);

    await user.click(within(days).getByRole('button', { name: 'Wed 25 Nov' }));
    expect(screen.getByText('No times left on this day — try another day')).toBeInTheDocument();
    await user.click(within(days).getByRole('button', { name: 'Thu 26 Nov' }));
    expect(screen.getByRole('button', { name: '10:00 AM' })).toBeInTheDocument();

    const availability = fetch.requests.find((r) => r.url.pathname === '/api/booking/availability')!;
    expect(Object.fromEntries(availability.url.searchParams)).toEqual({
      serviceId: 'svc-botox',
      locationId: 'loc1',
      from: '2026-11-23',
      to: '2026-12-06',
    });
  });

  it('books a deposit service, pays the (test) deposit, polls and reaches "You\'re booked" with a QR code', async () => {
    const user = userEvent.setup();
    const stripe = stubStripeFake();
    let polls = 0;
    const pending = appointment({
      status: 'pending-deposit',
      startTime: '2026-11-24T13:00:00-05:00',
      holdExpiresAt: '2026-11-23T15:10:00Z',
      depositAmount: { amount: 5000, currency: 'USD' },
    });
    const fetch = mockFetch(
      ...catalogue(),
      route('POST', '/api/booking/appointments', () => json(pending, { status: 201 })),
      route('POST', '/api/booking/appointments/a1/deposit', () => json(testCheckout())),
      route('GET', '/api/booking/appointments/a1', () =>
        json(++polls < 2 ? pending : { ...pending, status: 'scheduled', holdExpiresAt: null }),
      ),
    );
    renderApp('/patient/book', fakeAuth({ me: meFor('patient'), fetch }));
    await chooseBotoxAndTime(user);
    await user.click(screen.getByRole('button', { name: '1:00 PM' }));

    expect(await screen.findByRole('heading', { name: 'Review and book' })).toHaveFocus();
    expect(screen.getByText('Cancelling less than 24 hours before may incur a fee.')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Notes for the clinic (optional)'), 'First visit');
    await user.click(screen.getByRole('button', { name: 'Book appointment' }));

    expect(await screen.findByRole('heading', { name: 'Pay the deposit' })).toBeInTheDocument();
    expect(screen.getByText(/Test payments — no real card is charged/)).toBeInTheDocument();
    expect(screen.getByRole('timer')).toHaveTextContent('10:00');
    await user.click(screen.getByRole('button', { name: 'Pay deposit' }));
    expect(screen.getByLabelText('Card number')).toHaveAccessibleDescription('Enter the card number.');

    await user.type(screen.getByLabelText('Card number'), '4242 4242 4242 4242');
    await user.type(screen.getByLabelText('Expiry (MM/YY)'), '12/30');
    await user.type(screen.getByLabelText('CVC'), '123');
    await user.click(screen.getByRole('button', { name: 'Pay deposit' }));

    expect(await screen.findByRole('heading', { name: "You're booked" }, { timeout: 5000 })).toBeInTheDocument();
    expect(polls).toBeGreaterThanOrEqual(2);
    expect(screen.getByText(/Tuesday 24 November 2026 at 1:00 PM/)).toBeInTheDocument();
    const qr = await screen.findByRole('img', { name: 'Check-in code' });
    expect(qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    expect(screen.getByText('K7Q2MX')).toBeInTheDocument();

    const post = fetch.requests.find((r) => r.method === 'POST' && r.url.pathname === '/api/booking/appointments')!;
    expect(post.body).toEqual({
      serviceId: 'svc-botox',
      locationId: 'loc1',
      startTime: '2026-11-24T18:00:00Z',
      notes: 'First visit',
    });
    // The card went to the payment service with the publishable key, never to MedSpa's API.
    expect(stripe.map((s) => s.path)).toEqual(['/v1/payment_methods', '/v1/payment_intents/pi_1/confirm']);
    expect(stripe[0].form.get('card[number]')).toBe('4242424242424242');
    expect(fetch.requests.find((r) => r.url.pathname.endsWith('/deposit'))!.body).toBeUndefined();
  });

  it('explains a declined deposit and offers another time', async () => {
    const user = userEvent.setup();
    stubStripeFake();
    const pending = appointment({
      status: 'pending-deposit',
      holdExpiresAt: '2026-11-23T15:10:00Z',
      depositAmount: { amount: 5000, currency: 'USD' },
    });
    const fetch = mockFetch(
      ...catalogue(),
      route('POST', '/api/booking/appointments', () => json(pending, { status: 201 })),
      route('POST', '/api/booking/appointments/a1/deposit', () => json(testCheckout())),
      route('GET', '/api/booking/appointments/a1', () =>
        json({
          ...pending,
          status: 'cancelled',
          history: [
            { at: '2026-11-23T15:00:00Z', status: 'pending-deposit' },
            { at: '2026-11-23T15:01:00Z', status: 'cancelled', reason: 'Your card was declined.' },
          ],
        }),
      ),
    );
    renderApp('/patient/book', fakeAuth({ me: meFor('patient'), fetch }));
    await chooseBotoxAndTime(user);
    await user.click(screen.getByRole('button', { name: '1:00 PM' }));
    await user.click(await screen.findByRole('button', { name: 'Book appointment' }));
    await user.type(await screen.findByLabelText('Card number'), '4000 0000 0000 0002');
    await user.type(screen.getByLabelText('Expiry (MM/YY)'), '12/30');
    await user.type(screen.getByLabelText('CVC'), '123');
    await user.click(screen.getByRole('button', { name: 'Pay deposit' }));

    expect(await screen.findByText('Your card was declined.', {}, { timeout: 5000 })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Pick another time' }));
    expect(await screen.findByRole('heading', { name: 'Choose a time' })).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: '1:00 PM' })).toBeInTheDocument();
  });

  it('sends the person back to the times with the message when the slot was just taken (409)', async () => {
    const user = userEvent.setup();
    const fetch = mockFetch(
      ...catalogue(),
      route('POST', '/api/booking/appointments', () =>
        problem(409, { title: 'That time was just taken', detail: 'Someone booked 1:00 PM a moment ago. Please choose another time.' }),
      ),
    );
    renderApp('/patient/book', fakeAuth({ me: meFor('patient'), fetch }));
    await chooseBotoxAndTime(user);
    await user.click(screen.getByRole('button', { name: '1:00 PM' }));
    await user.click(await screen.findByRole('button', { name: 'Book appointment' }));

    expect(await screen.findByRole('heading', { name: 'Choose a time' })).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Someone booked 1:00 PM a moment ago. Please choose another time.');
    await waitFor(() =>
      expect(fetch.requests.filter((r) => r.url.pathname === '/api/booking/availability')).toHaveLength(2),
    );
    expect(await screen.findByRole('button', { name: '2:30 PM' })).toBeInTheDocument();
  });

  it('has the patient accept the clinic’s fee policy before booking, and sends the version they accepted', async () => {
    const user = userEvent.setup();
    const withFees = { ...policies, noShowFee: 5000, lateCancellationFee: 2500, cancellationPolicy: 'Missed visits are charged.', feePolicyVersion: 'fees-abc123def456' };
    const fetch = mockFetch(
      route('GET', '/api/booking/policies', () => json(withFees)),
      ...catalogue(),
      route('POST', '/api/booking/appointments', () => json(appointment({ status: 'scheduled' }), { status: 201 })),
    );
    renderApp('/patient/book', fakeAuth({ me: meFor('patient'), fetch }));
    await chooseBotoxAndTime(user);
    await user.click(screen.getByRole('button', { name: '1:00 PM' }));
    await screen.findByRole('heading', { name: 'Review and book' });

    expect(screen.getByText(/Missing the appointment: \$50\.00\. Cancelling less than 24 hours before: \$25\.00\./)).toBeInTheDocument();
    expect(screen.getByText('Missed visits are charged.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Book appointment' }));
    const box = screen.getByRole('checkbox', { name: 'I accept the clinic’s cancellation policy' });
    expect(box).toHaveAccessibleDescription('Accept the cancellation policy to book.');
    expect(fetch.requests.some((r) => r.method === 'POST')).toBe(false);

    await user.click(box);
    await user.click(screen.getByRole('button', { name: 'Book appointment' }));
    await waitFor(() => expect(fetch.requests.find((r) => r.method === 'POST')?.body).toMatchObject({ acceptedPolicyVersion: 'fees-abc123def456' }));
  });

  it('catches an expired card on file before a booking the fees need it for, and books once a new card is saved', async () => {
    const user = userEvent.setup();
    const sentToStripe = stubStripeFake();
    const withFees = { ...policies, noShowFee: 5000, lateCancellationFee: 0, cancellationPolicy: 'Missed visits are charged.', feePolicyVersion: 'fees-abc123def456' };
    const expired = { id: 'pm_old', brand: 'visa', last4: '4242', expiryMonth: 10, expiryYear: 2026, expired: true, expiresSoon: false };
    let cards = [expired];
    const fetch = mockFetch(
      route('GET', '/api/booking/policies', () => json(withFees)),
      ...catalogue(),
      route('GET', '/api/payments/methods/patient-1', () => json({ items: cards })),
      route('POST', '/api/payments/methods', () => {
        cards = [expired, { id: 'pm_4444', brand: 'mastercard', last4: '4444', expiryMonth: 12, expiryYear: 2030, expired: false, expiresSoon: false }];
        return json({ clientSecret: 'seti_7_secret_x', provider: { name: 'stripe', publishableKey: 'pk_test_fake', testMode: true, testApiBase: STRIPE_FAKE } });
      }),
      route('POST', '/api/booking/appointments', () => json(appointment({ status: 'scheduled' }), { status: 201 })),
    );
    renderApp('/patient/book', fakeAuth({ me: meFor('patient'), fetch }));
    await user.click(await screen.findByRole('radio', { name: /HydraFacial/ })); // no deposit: nothing else takes a card
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await user.click(await screen.findByRole('radio', { name: 'Nora Nurse' }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await user.click(await screen.findByRole('button', { name: '2:30 PM' }));
    await screen.findByRole('heading', { name: 'Review and book' });

    expect(await screen.findByText(/Your Visa ending 4242 expired 10\/2026\. Add a card that is valid to book/)).toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: 'I accept the clinic’s cancellation policy' }));
    await user.click(screen.getByRole('button', { name: 'Book appointment' }));
    expect(fetch.requests.some((r) => r.url.pathname === '/api/booking/appointments')).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Add a card' }));
    await user.type(await screen.findByLabelText('Card number'), '5555 5555 5555 4444');
    await user.type(screen.getByLabelText('Expiry (MM/YY)'), '12/30');
    await user.type(screen.getByLabelText('CVC'), '123');
    await user.click(screen.getByRole('button', { name: 'Save card' }));
    expect(await screen.findByText('Fees, if any, go to your Mastercard ending 4444.', {}, { timeout: 5000 })).toBeInTheDocument();
    expect(sentToStripe.map((s) => s.path)).toContain('/v1/setup_intents/seti_7/confirm');

    await user.click(screen.getByRole('button', { name: 'Book appointment' }));
    expect(await screen.findByRole('heading', { name: "You're booked" })).toBeInTheDocument();
  });

  it('books a service without a deposit straight to the confirmation, with the chosen practitioner', async () => {
    const user = userEvent.setup();
    const fetch = mockFetch(
      ...catalogue(),
      route('POST', '/api/booking/appointments', (req) =>
        json(
          appointment({
            serviceId: facial.id,
            serviceName: 'HydraFacial',
            practitionerId: 'p2',
            practitionerName: 'Nora Nurse',
            startTime: (req.body as { startTime: string }).startTime,
          }),
          { status: 201 },
        ),
      ),
    );
    renderApp('/patient/book', fakeAuth({ me: meFor('patient'), fetch }));
    await user.click(await screen.findByRole('radio', { name: /HydraFacial/ }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await user.click(await screen.findByRole('radio', { name: 'Nora Nurse' }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await user.click(await screen.findByRole('button', { name: '2:30 PM' }));
    expect(screen.getByText('Step 4 of 4')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Book appointment' }));
    expect(await screen.findByRole('heading', { name: "You're booked" })).toBeInTheDocument();
    expect(screen.queryByLabelText('Card number')).not.toBeInTheDocument();
    const post = fetch.requests.find((r) => r.method === 'POST')!;
    expect(post.body).toMatchObject({ serviceId: 'svc-facial', practitionerId: 'p2', startTime: '2026-11-24T14:30:00-05:00' });
    expect(fetch.requests.find((r) => r.url.pathname === '/api/booking/availability')!.url.searchParams.get('practitionerId')).toBe('p2');
  });

  it('comes back to pay the deposit of a booking that awaits it', async () => {
    const pending = appointment({
      status: 'pending-deposit',
      holdExpiresAt: '2026-11-23T15:05:00Z',
      depositAmount: { amount: 5000, currency: 'USD' },
    });
    const fetch = mockFetch(
      ...catalogue(),
      route('GET', '/api/booking/appointments/a1', () => json(pending)),
      route('POST', '/api/booking/appointments/a1/deposit', () => json(testCheckout())),
    );
    renderApp('/patient/book?pay=a1', fakeAuth({ me: meFor('patient'), fetch }));
    expect(await screen.findByRole('heading', { name: 'Pay the deposit' })).toBeInTheDocument();
    expect(screen.getByText('$50.00')).toBeInTheDocument();
    expect(screen.getByRole('timer')).toHaveTextContent('5:00');
    expect(await screen.findByRole('button', { name: 'Pay deposit' })).toBeInTheDocument();
  });
});
