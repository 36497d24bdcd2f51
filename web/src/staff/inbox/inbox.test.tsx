import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import type { InboxMessage } from '../../api/messages';
import { fakeAuth, json, meFor, mockFetch, renderApp, route } from '../../test/utils';

beforeAll(async () => {
  await import('../StaffRoutes');
});

const question: InboxMessage = {
  id: 'inbox:Incoming_1', patientId: 'patient-demo-0001', patientName: 'Ada Lovelace', from: '+12125550111',
  text: 'Can I bring my sister along?', reason: 'A reply for the desk', at: '2026-12-01T15:04:00Z', done: false,
};

describe('the desk inbox', () => {
  it('the desk reads a patient’s text, opens their record from it, and files it as done', async () => {
    const fetch = mockFetch(
      route('GET', '/api/messages/inbox', () => json({ items: [question] })),
      route('POST', '/api/messages/inbox/inbox%3AIncoming_1/done', () => json({ ...question, done: true, doneBy: 'frontdesk@demo.medspa.test', doneAt: '2026-12-01T15:10:00Z' })),
    );
    renderApp('/staff/inbox', fakeAuth({ me: meFor('frontdesk'), fetch }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Open (1)' })).toBeInTheDocument();
    expect(screen.getByText('Can I bring my sister along?')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Ada Lovelace' })).toHaveAttribute('href', '/staff/patients/patient-demo-0001');
    expect(screen.getByRole('navigation', { name: 'Staff' })).toHaveTextContent('Inbox');

    await userEvent.click(screen.getByRole('button', { name: "Done: Ada Lovelace's text" }));
    await waitFor(() => expect(fetch.requests.some((r) => r.method === 'POST')).toBe(true));
    expect(await screen.findByRole('heading', { level: 2, name: 'Open (0)' })).toBeInTheDocument();
    expect(screen.getByText('Nothing waiting')).toBeInTheDocument();
    const filed = screen.getByRole('heading', { level: 2, name: 'Done' }).nextElementSibling as HTMLElement;
    expect(within(filed).getByText(/Done by frontdesk@demo.medspa.test/)).toBeInTheDocument();
  });

  it('is the desk’s and the admins’: a practitioner has no link and the page says it is not available', async () => {
    const fetch = mockFetch(route('GET', '/api/messages/inbox', () => json({ items: [] })));
    renderApp('/staff/inbox', fakeAuth({ me: meFor('practitioner'), fetch }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Not available for your account' })).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Staff' })).not.toHaveTextContent('Inbox');
    expect(fetch.requests.some((r) => r.url.pathname.startsWith('/api/messages/inbox'))).toBe(false);
  });
});
