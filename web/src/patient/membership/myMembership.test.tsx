import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Membership, MembershipPlan } from '../../api/memberships';
import { json, problem, renderAsPatient, route } from '../../test/utils';

const glow: MembershipPlan = { id: 'glow', name: 'Glow membership', price: { amount: 9_900, currency: 'USD' }, interval: 'monthly', benefits: 'A facial every month.' };
const member: Membership = {
  id: 'membership-1',
  patientId: 'patient-1',
  planId: 'glow',
  planName: 'Glow membership',
  price: { amount: 9_900, currency: 'USD' },
  interval: 'monthly',
  status: 'past-due',
  joinedAt: '2026-11-01T15:00:00Z',
  paidThrough: '2026-12-01T15:00:00Z',
  nextChargeAt: '2026-12-04T15:00:00Z',
  failedAttempts: 1,
  lastFailure: 'The card ending 0341 was declined: Your card was declined.',
  endedAt: null,
  owed: 9_900,
  owedInvoiceId: 'inv-7',
  benefits: 'A facial every month.',
};

describe('my membership', () => {
  it('says plainly that a payment was declined, why, when it is tried again, and where to pay; cancelling asks first', async () => {
    const user = userEvent.setup();
    let state: Membership = member;
    const fetch = renderAsPatient('/patient/membership', [
      route('GET', '/api/patients/patient-1/memberships', () => json({ items: [state] })),
      route('POST', '/api/memberships/membership-1/cancel', () => {
        state = { ...member, status: 'cancelled', nextChargeAt: null, owed: 0, owedInvoiceId: null };
        return json(state);
      }),
    ]);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('We couldn’t take $99.00 for this month.');
    expect(alert).toHaveTextContent('The card ending 0341 was declined');
    expect(alert).toHaveTextContent('We will try your card again on Friday, December 4, 2026.');
    expect(within(alert).getByRole('link', { name: 'Pay $99.00 now' })).toHaveAttribute('href', '/patient/invoices');
    expect(within(alert).getByRole('link', { name: 'Add a new card' })).toHaveAttribute('href', '/patient/cards');

    await user.click(screen.getByRole('button', { name: 'Cancel membership' }));
    const dialog = await screen.findByRole('dialog', { name: 'Cancel your Glow membership?' });
    expect(dialog).toHaveTextContent('the unpaid amount is written off');
    await user.click(within(dialog).getByRole('button', { name: 'Keep it' }));
    expect(fetch.requests.some((r) => r.method === 'POST')).toBe(false);

    await user.click(screen.getByRole('button', { name: 'Cancel membership' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Cancel membership' }));
    expect(await screen.findByText(/Your Glow membership is cancelled\. Nothing more will be charged/)).toBeInTheDocument();
    expect(await screen.findByText('Runs until')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Cancel membership' })).not.toBeInTheDocument();
  });

  it('offers the clinic’s plans to a patient who is not a member, and says why a join was refused with the way to add a card', async () => {
    const user = userEvent.setup();
    let joined: Membership | null = null;
    const fetch = renderAsPatient('/patient/membership', [
      route('GET', '/api/patients/patient-1/memberships', () => json({ items: joined ? [joined] : [] })),
      route('GET', '/api/membership-plans', () => json({ items: [glow] })),
      route('POST', '/api/memberships', (req) => {
        if (fetch.requests.filter((r) => r.method === 'POST').length === 1) {
          return problem(409, { title: 'Not possible', detail: 'There is no card on file. Pat Patient did not join Glow membership: nothing was charged.' });
        }
        joined = { ...member, status: 'active', failedAttempts: 0, lastFailure: null, owed: 0, owedInvoiceId: null, nextChargeAt: '2027-01-01T15:00:00Z', id: String(req.body && (req.body as { planId: string }).planId) };
        return json(joined);
      }),
    ]);

    const plan = await screen.findByRole('article', { name: 'Glow membership' });
    expect(plan).toHaveTextContent('$99.00 a month');
    await user.click(within(plan).getByRole('button', { name: 'Join for $99.00' }));
    const refused = await within(plan).findByRole('alert');
    expect(refused).toHaveTextContent('There is no card on file.');
    expect(within(refused).getByRole('link', { name: 'Add a card' })).toHaveAttribute('href', '/patient/cards');

    await user.click(within(plan).getByRole('button', { name: 'Join for $99.00' }));
    expect(await screen.findByText(/Welcome! Your Glow membership has started: \$99\.00 was charged to your card\./)).toBeInTheDocument();
    expect(await screen.findByText('Next payment')).toBeInTheDocument();
    const posts = fetch.requests.filter((r) => r.method === 'POST');
    expect(posts[0].body).toMatchObject({ patientId: 'patient-1', planId: 'glow' });
    expect((posts[1].body as { idempotencyKey: string }).idempotencyKey).not.toBe((posts[0].body as { idempotencyKey: string }).idempotencyKey);
  });
});
