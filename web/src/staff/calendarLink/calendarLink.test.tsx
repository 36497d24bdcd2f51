import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import { fakeAuth, json, meFor, mockFetch, renderApp, route } from '../../test/utils';

beforeAll(async () => {
  await import('../StaffRoutes');
});

const feedPath = '/api/practitioners/staff-ivy/calendar-feed';
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
    expect(await screen.findByRole('heading', { level: 2, name: 'No link yet' })).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Staff' })).toHaveTextContent('Calendar link');

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
      route('GET', feedPath, () => json({ active: true, createdAt: made.createdAt, createdBy: made.createdBy })),
      route('DELETE', feedPath, () => new Response(null, { status: 204 })),
    );
    renderApp('/staff/calendar-link', fakeAuth({ me: meFor('practitioner', { staffId: 'staff-ivy' }), fetch }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Your link is on' })).toBeInTheDocument();
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Turn off' }));
    await userEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Turn off' }));
    expect(await screen.findByText(/Your calendar link is off/)).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'No link yet' })).toBeInTheDocument();
  });

  it('is a practitioner’s own: the desk has no link and the page says it is not available', async () => {
    const fetch = mockFetch();
    renderApp('/staff/calendar-link', fakeAuth({ me: meFor('frontdesk'), fetch }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Not available for your account' })).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Staff' })).not.toHaveTextContent('Calendar link');
    expect(fetch.requests.some((r) => r.url.pathname.includes('calendar-feed'))).toBe(false);
  });
});
