import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Membership } from '../../api/memberships';
import { deskRecord } from '../../test/patients';
import { fakeAuth, json, meFor, mockFetch, problem, renderApp, route, type Handler } from '../../test/utils';

function renderAsDesk(path: string, handlers: Handler[]) {
  const fetch = mockFetch(
    ...handlers,
    route('GET', '/api/patients/p1', () => json(deskRecord(), { headers: { ETag: deskRecord().etag } })),
    route('GET', '/api/patients/p1/appointments', () => json({ upcoming: [], past: [], cancelled: [], noShows: 0, lateCancellations: 0 })),
  );
  renderApp(path, fakeAuth({ me: meFor('frontdesk'), fetch }));
  return fetch;
}

const plans = [
  { id: 'glow', name: 'Glow membership', price: { amount: 9_900, currency: 'USD' }, interval: 'monthly', benefits: 'A facial every month.' },
  { id: 'vip', name: 'VIP year', price: { amount: 120_000, currency: 'USD' }, interval: 'yearly' },
];

function member(overrides: Partial<Membership> = {}): Membership {
  return {
    id: 'membership-1', patientId: 'p1', planId: 'vip', planName: 'VIP year', price: { amount: 120_000, currency: 'USD' }, interval: 'yearly', status: 'active',
    joinedAt: '2026-12-01T15:00:00Z', paidThrough: '2027-12-01T15:00:00Z', nextChargeAt: '2027-12-01T15:00:00Z', failedAttempts: 0, owed: 0, ...overrides,
  };
}

async function openBilling(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole('tab', { name: 'Billing' }));
  return screen.getByRole('tabpanel', { name: 'Billing' });
}

describe('the patient’s membership at the desk', () => {
  it('joins the chosen plan, charged to the card on file, after a refusal that says why', async () => {
    const user = userEvent.setup();
    let items: Membership[] = [];
    let tries = 0;
    const fetch = renderAsDesk('/staff/patients/p1', [
      route('GET', '/api/patients/p1/memberships', () => json({ items })),
      route('GET', '/api/membership-plans', () => json({ items: plans })),
      route('POST', '/api/memberships', () => {
        tries++;
        if (tries === 1) return problem(409, { title: 'Not possible', detail: 'The card ending 0341 was declined: Your card was declined. Pat Patient did not join VIP year: nothing was charged.' });
        items = [member()];
        return json(items[0]);
      }),
    ]);
    const billing = await openBilling(user);
    await user.selectOptions(await within(billing).findByRole('combobox', { name: 'Plan' }), 'vip');
    await user.click(within(billing).getByRole('button', { name: 'Join and charge $1,200.00 to the card on file' }));
    expect(await within(billing).findByRole('alert')).toHaveTextContent('ending 0341 was declined');

    await user.click(within(billing).getByRole('button', { name: /Join and charge/ }));
    expect(await within(billing).findByText(/joined VIP year: \$1,200\.00 was charged to the card on file/)).toBeInTheDocument();
    expect(await within(billing).findByText('Next charge')).toBeInTheDocument();
    const posts = fetch.requests.filter((r) => r.method === 'POST').map((r) => r.body as { planId: string; patientId: string; idempotencyKey: string });
    expect(posts.map((p) => [p.patientId, p.planId])).toEqual([['p1', 'vip'], ['p1', 'vip']]);
    expect(posts[1].idempotencyKey).not.toBe(posts[0].idempotencyKey);
  });

  it('shows a past-due membership with its reason and the invoice to take the payment on', async () => {
    const user = userEvent.setup();
    renderAsDesk('/staff/patients/p1', [
      route('GET', '/api/patients/p1/memberships', () =>
        json({ items: [member({ status: 'past-due', owed: 120_000, owedInvoiceId: 'inv-9', failedAttempts: 1, lastFailure: 'There is no card on file.', nextChargeAt: '2027-12-04T15:00:00Z' })] }),
      ),
    ]);
    const billing = await openBilling(user);
    const alert = await within(billing).findByRole('alert');
    expect(alert).toHaveTextContent('$1,200.00 unpaid. There is no card on file.');
    expect(within(alert).getByRole('link', { name: 'Take the payment' })).toHaveAttribute('href', '/staff/invoices/inv-9');
  });
});
