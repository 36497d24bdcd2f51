import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import { fakeAuth, json, meFor, mockFetch, problem, renderApp, route } from '../../test/utils';

beforeAll(async () => {
  await import('../StaffRoutes');
});

const feedPath = '/api/practitioners/staff-ivy/calendar-feed';
const connectionsPath = '/api/practitioners/staff-ivy/calendar-connections';
const noConnections = route('GET', connectionsPath, () => json({ items: [] }));
const made = {
  active: true,
  url: 'https://demo.medspa.test/api/calendar-feeds/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdE/appointments.ics',
  path: '/api/calendar-feeds/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdE/appointments.ics',
  createdAt: '2026-12-01T15:00:00Z',
  createdBy: 'practitioner@demo.medspa.test',
};

describe('a practitioner’s calendar link', () => {
  it('makes a link, shows it once with where to paste it, and replaces it after asking', async () => {
    let active = false;
    const fetch = mockFetch(
      noConnections,
      route('GET', feedPath, () => json(active ? { active: true, createdAt: made.createdAt, createdBy: made.createdBy } : { active: false })),
      route('POST', feedPath, () => {
        active = true;
        return json(made, { status: 201 });
      }),
      route('DELETE', feedPath, () => {
        active = false;
        return new Response(null, { status: 204 });
      }),
    );
    renderApp('/staff/calendar-link', fakeAuth({ me: meFor('practitioner', { staffId: 'staff-ivy' }), fetch }));
    expect(await screen.findByRole('heading', { level: 3, name: 'No link yet' })).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Staff' })).toHaveTextContent('My calendars');

    await userEvent.click(screen.getByRole('button', { name: 'Make my calendar link' }));
    expect(await screen.findByRole('textbox', { name: 'Copy this link now: it is shown only once.' })).toHaveValue(made.url);
    expect(screen.getByText(/Google Calendar: Other calendars/)).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Replace link' }));
    const dialog = await screen.findByRole('dialog', { name: 'Replace your calendar link?' });
    expect(within(dialog).getByText(/Calendars using your current link stop updating/)).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Replace link' }));
    await waitFor(() => expect(fetch.requests.filter((r) => r.method === 'POST')).toHaveLength(2));
    expect(fetch.requests.map((r) => r.method).filter((m) => m !== 'GET')).toEqual(['POST', 'DELETE', 'POST']);
  });

  it('says a link is on without showing it again, and turns it off after asking', async () => {
    const fetch = mockFetch(
      noConnections,
      route('GET', feedPath, () => json({ active: true, createdAt: made.createdAt, createdBy: made.createdBy })),
      route('DELETE', feedPath, () => new Response(null, { status: 204 })),
    );
    renderApp('/staff/calendar-link', fakeAuth({ me: meFor('practitioner', { staffId: 'staff-ivy' }), fetch }));
    expect(await screen.findByRole('heading', { level: 3, name: 'Your link is on' })).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: /Copy this link/ })).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Turn off' }));
    await userEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Turn off' }));
    expect(await screen.findByText(/Your calendar link is off/)).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 3, name: 'No link yet' })).toBeInTheDocument();
  });

  it('is a practitioner’s own: the desk has no link and the page says it is not available', async () => {
    const fetch = mockFetch();
    renderApp('/staff/calendar-link', fakeAuth({ me: meFor('frontdesk'), fetch }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Not available for your account' })).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Staff' })).not.toHaveTextContent('My calendars');
    expect(fetch.requests.some((r) => r.url.pathname.includes('calendar-feed'))).toBe(false);
  });

  it('connects a Microsoft 365 calendar: an email for an object id is caught on the page, the server’s refusal shown at the field, then listed and disconnected', async () => {
    const userId = '6f1d2c3b-4a5e-4f60-8a71-92b3c4d5e6f7';
    const connected = {
      provider: 'microsoft', calendarId: userId, connectedAt: '2026-12-01T15:00:00Z', connectedBy: 'practitioner@demo.medspa.test',
      syncedAt: '2026-12-01T15:00:01Z', busyTimes: 2, nextBusy: { start: '2026-12-03T15:00:00Z', end: '2026-12-03T16:00:00Z' }, problem: null,
    };
    let tries = 0;
    const fetch = mockFetch(
      route('GET', feedPath, () => json({ active: false })),
      route('GET', connectionsPath, () => json({ items: [] })),
      route('POST', connectionsPath, () =>
        ++tries === 1
          ? problem(400, { title: 'Please check the details', errors: { calendarId: ['Microsoft 365 did not let us watch this calendar: no such user.'] } })
          : json(connected, { status: 201 }),
      ),
      route('DELETE', `${connectionsPath}/microsoft`, () => new Response(null, { status: 204 })),
    );
    renderApp('/staff/calendar-link', fakeAuth({ me: meFor('practitioner', { staffId: 'staff-ivy' }), fetch }));
    expect(await screen.findByText('No calendar connected.')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('radio', { name: 'Microsoft 365 (Outlook)' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Calendar' }), 'ivy@clinic.example');
    await userEvent.click(screen.getByRole('button', { name: 'Connect calendar' }));
    expect(await screen.findByText(/not your email address/)).toBeInTheDocument();
    expect(fetch.requests.some((r) => r.method === 'POST')).toBe(false);

    await userEvent.clear(screen.getByRole('textbox', { name: 'Calendar' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Calendar' }), userId);
    await userEvent.click(screen.getByRole('button', { name: 'Connect calendar' }));
    expect(await screen.findByText(/did not let us watch this calendar: no such user/)).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Connect calendar' }));
    expect(await screen.findByRole('heading', { level: 3, name: 'Microsoft 365 (Outlook)' })).toBeInTheDocument();
    expect(screen.getByText(/2 busy times ahead/)).toBeInTheDocument();
    expect(fetch.requests.filter((r) => r.method === 'POST').at(-1)!.body).toEqual({ provider: 'microsoft', calendarId: userId });

    await userEvent.click(screen.getByRole('button', { name: 'Disconnect Microsoft 365 (Outlook)' }));
    await userEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Disconnect' }));
    expect(await screen.findByText(/disconnected: its busy times no longer block bookings/)).toBeInTheDocument();
    expect(screen.getByText('No calendar connected.')).toBeInTheDocument();
  });
});
