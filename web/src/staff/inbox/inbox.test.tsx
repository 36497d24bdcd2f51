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

  it('the desk texts a patient back from the inbox; the reply is kept with the message, which is filed as done', async () => {
    const fetch = mockFetch(
      route('GET', '/api/messages/inbox', () => json({ items: [question] })),
      route('POST', '/api/messages/inbox/inbox%3AIncoming_1/reply', (req) => {
        const body = req.body as { text: string };
        return json({ ...question, done: true, doneBy: 'frontdesk@demo.medspa.test', doneAt: '2026-12-01T15:10:00Z', replies: [{ text: body.text, by: 'frontdesk@demo.medspa.test', at: '2026-12-01T15:10:00Z' }] });
      }),
    );
    renderApp('/staff/inbox', fakeAuth({ me: meFor('frontdesk'), fetch }));
    const box = await screen.findByRole('textbox', { name: 'Reply to Ada Lovelace by text' });
    expect(screen.getByRole('button', { name: 'Send reply' })).toBeDisabled();
    await userEvent.type(box, 'Of course, see you both on Friday!');
    expect(screen.getByText(/266 characters left/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Send reply' }));

    expect(await screen.findByRole('heading', { level: 2, name: 'Open (0)' })).toBeInTheDocument();
    expect(screen.getByText('Of course, see you both on Friday!')).toBeInTheDocument();
    const sent = fetch.requests.find((r) => r.method === 'POST')!.body as { text: string; idempotencyKey: string };
    expect(sent.text).toBe('Of course, see you both on Friday!');
    expect(sent.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('is the desk’s and the admins’: a practitioner has no link and the page says it is not available', async () => {
    const fetch = mockFetch(route('GET', '/api/messages/inbox', () => json({ items: [] })));
    renderApp('/staff/inbox', fakeAuth({ me: meFor('practitioner'), fetch }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Not available for your account' })).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Staff' })).not.toHaveTextContent('Inbox');
    expect(fetch.requests.some((r) => r.url.pathname.startsWith('/api/messages/inbox'))).toBe(false);
  });
});
