import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NY, appointment, policies } from '../test/booking';
import { fakeAuth, json, meFor, mockFetch, problem, renderApp, route, type Handler } from '../test/utils';

// What the API allows the patient on each (it decides; the page only shows the buttons it lists).
const upcoming = [
  appointment({ id: 'a1', serviceName: 'Botox', startTime: '2026-11-24T13:00:00-05:00', allowedActions: ['cancelled', 'reschedule'] }),
  appointment({
    id: 'a2',
    serviceName: 'Lip filler',
    startTime: '2026-11-30T10:00:00-05:00',
    status: 'pending-deposit',
    holdExpiresAt: '2026-11-23T15:10:00Z',
    allowedActions: ['cancelled'],
  }),
];
const past = [appointment({ id: 'a3', serviceName: 'HydraFacial', startTime: '2026-10-01T09:00:00-04:00', status: 'completed' })];
const cancelled = [appointment({ id: 'a4', serviceName: 'Peel', status: 'cancelled', lateCancellation: true })];

function handlers(extra: Handler[] = []): Handler[] {
  return [
    ...extra,
    route('GET', '/api/booking/my-appointments', () => json({ upcoming, past, cancelled })),
    route('GET', '/api/booking/locations', () => json({ items: [NY] })),
    route('GET', '/api/booking/policies', () => json(policies)),
  ];
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-23T15:00:00Z'));
});
afterEach(() => vi.useRealTimers());

describe('my appointments', () => {
  it('shows Upcoming, Past and Cancelled as tabs with tab panels', async () => {
    const user = userEvent.setup();
    renderApp('/patient/appointments', fakeAuth({ me: meFor('patient'), fetch: mockFetch(...handlers()) }));
    expect(await screen.findByRole('heading', { level: 1, name: 'My appointments' })).toBeInTheDocument();
    const tablist = screen.getByRole('tablist', { name: 'Appointments' });
    const tabs = within(tablist).getAllByRole('tab');
    expect(tabs.map((t) => t.textContent)).toEqual(['Upcoming', 'Past', 'Cancelled']);
    expect(tabs[0]).toHaveAttribute('aria-selected', 'true');

    const panel = await screen.findByRole('tabpanel', { name: 'Upcoming' });
    expect(within(panel).getByRole('heading', { name: /Botox/ })).toBeInTheDocument();
    expect(within(panel).getByText('Tuesday 24 November 2026 at 1:00 PM')).toBeInTheDocument();
    const pending = within(panel).getByRole('heading', { name: /Lip filler/ }).closest('li')!;
    expect(within(pending).getByText('Awaiting deposit')).toBeInTheDocument();
    expect(within(pending).getByRole('link', { name: 'Pay deposit' })).toHaveAttribute('href', '/patient/book?pay=a2');
    const first = within(panel).getByRole('heading', { name: /Botox/ }).closest('li')!;
    expect(within(first).getByRole('button', { name: 'Reschedule' })).toBeInTheDocument();
    expect(within(first).getByRole('button', { name: 'Cancel' })).toBeInTheDocument();

    await user.click(screen.getByRole('tab', { name: 'Past' }));
    expect(screen.getByRole('tab', { name: 'Past' })).toHaveAttribute('aria-selected', 'true');
    const pastPanel = screen.getByRole('tabpanel', { name: 'Past' });
    expect(within(pastPanel).getByRole('heading', { name: /HydraFacial/ })).toBeInTheDocument();
    expect(within(pastPanel).queryByRole('button', { name: 'Cancel' })).not.toBeInTheDocument();

    // Arrow keys move between tabs.
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('tab', { name: 'Cancelled' })).toHaveFocus();
    const cancelledPanel = screen.getByRole('tabpanel', { name: 'Cancelled' });
    expect(within(cancelledPanel).getByText('Cancelled')).toBeInTheDocument();
    expect(within(cancelledPanel).getByText(/Late cancellation/)).toBeInTheDocument();
  });

  it('shows the empty state and the way to book on the home page', async () => {
    const user = userEvent.setup();
    const fetch = mockFetch(
      route('GET', '/api/booking/my-appointments', () => json({ upcoming: [], past: [], cancelled: [] })),
      route('GET', '/api/booking/locations', () => json({ items: [NY] })),
      route('GET', '/api/booking/services', () => json({ items: [] })),
    );
    renderApp('/patient', fakeAuth({ me: meFor('patient'), fetch }));
    expect(await screen.findByRole('heading', { name: 'Welcome, Pat Patient' })).toBeInTheDocument();
    expect(await screen.findByText('No upcoming appointments')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Book an appointment' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Book an appointment' })).toBeInTheDocument();
  });

  it('shows the cancellation policy before the person confirms, then cancels', async () => {
    vi.setSystemTime(new Date('2026-11-23T20:00:00Z'));
    const user = userEvent.setup();
    const fetch = mockFetch(
      ...handlers([
        route('DELETE', '/api/booking/appointments/a1', () =>
          json({ ...upcoming[0], status: 'cancelled', lateCancellation: true }),
        ),
      ]),
    );
    renderApp('/patient', fakeAuth({ me: meFor('patient'), fetch }));
    const card = (await screen.findByRole('heading', { name: /Botox/ })).closest('li')!;
    await user.click(within(card).getByRole('button', { name: 'Cancel' }));

    const dialog = screen.getByRole('dialog', { name: 'Cancel appointment?' });
    expect(within(dialog).getByText('Cancelling less than 24 hours before may incur a fee.')).toBeInTheDocument();
    // 1:00 PM tomorrow in New York is 22 hours away: inside the notice.
    expect(within(dialog).getByText(/less than 24 hours away, so a fee may apply/)).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Keep appointment' })).toHaveFocus();
    expect(fetch.requests.some((r) => r.method === 'DELETE')).toBe(false);

    await user.type(within(dialog).getByLabelText('Reason (optional)'), 'Feeling unwell');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel appointment' }));

    expect(await screen.findByText(/Your Botox appointment was cancelled\. .*a fee may apply/)).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    const del = fetch.requests.find((r) => r.method === 'DELETE')!;
    expect(del.url.searchParams.get('reason')).toBe('Feeling unwell');
    await waitFor(() =>
      expect(fetch.requests.filter((r) => r.url.pathname === '/api/booking/my-appointments')).toHaveLength(2),
    );
  });

  it('reschedules with the day and time picker, sending If-Match', async () => {
    const user = userEvent.setup();
    const fetch = mockFetch(
      ...handlers([
        route('GET', '/api/booking/availability', () =>
          json({
            timeZone: 'America/New_York',
            slots: [
              { startTime: '2026-11-24T13:00:00-05:00', endTime: '2026-11-24T13:30:00-05:00', practitionerIds: ['p1'] },
              { startTime: '2026-11-24T20:00:00Z', endTime: '2026-11-24T20:30:00Z', practitionerIds: ['p1'] },
            ],
          }),
        ),
        route('PUT', '/api/booking/appointments/a1', (req) =>
          json({ ...upcoming[0], startTime: (req.body as { startTime: string }).startTime, etag: '"e2"' }),
        ),
      ]),
    );
    renderApp('/patient', fakeAuth({ me: meFor('patient'), fetch }));
    const card = (await screen.findByRole('heading', { name: /Botox/ })).closest('li')!;
    await user.click(within(card).getByRole('button', { name: 'Reschedule' }));
    const dialog = screen.getByRole('dialog', { name: 'Reschedule Botox' });
    // The current time is left out; 20:00Z is 3:00 PM in New York.
    await user.click(await within(dialog).findByRole('button', { name: '3:00 PM' }));
    expect(within(dialog).queryByRole('button', { name: '1:00 PM' })).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Confirm new time' }));

    expect(await screen.findByText(/now on Tuesday 24 November 2026 at 3:00 PM/)).toBeInTheDocument();
    const put = fetch.requests.find((r) => r.method === 'PUT')!;
    expect(put.headers.get('If-Match')).toBe('"e1"');
    expect(put.body).toMatchObject({ startTime: '2026-11-24T20:00:00Z', practitionerId: 'p1' });
  });

  it('keeps the dialog open and explains a conflict when rescheduling fails', async () => {
    const user = userEvent.setup();
    const fetch = mockFetch(
      ...handlers([
        route('GET', '/api/booking/availability', () =>
          json({
            timeZone: 'America/New_York',
            slots: [{ startTime: '2026-11-24T20:00:00Z', endTime: '2026-11-24T20:30:00Z', practitionerIds: ['p1'] }],
          }),
        ),
        route('PUT', '/api/booking/appointments/a1', () =>
          problem(409, { title: 'That time was just taken', detail: 'Please choose another time.' }),
        ),
      ]),
    );
    renderApp('/patient', fakeAuth({ me: meFor('patient'), fetch }));
    const card = (await screen.findByRole('heading', { name: /Botox/ })).closest('li')!;
    await user.click(within(card).getByRole('button', { name: 'Reschedule' }));
    const dialog = screen.getByRole('dialog', { name: 'Reschedule Botox' });
    await user.click(await within(dialog).findByRole('button', { name: '3:00 PM' }));
    await user.click(within(dialog).getByRole('button', { name: 'Confirm new time' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Please choose another time.');
  });

  it('takes a fresh copy when its copy was out of date, and the next try sends the new version', async () => {
    const user = userEvent.setup();
    let puts = 0;
    const fetch = mockFetch(
      ...handlers([
        route('GET', '/api/booking/availability', () =>
          json({
            timeZone: 'America/New_York',
            slots: [{ startTime: '2026-11-24T20:00:00Z', endTime: '2026-11-24T20:30:00Z', practitionerIds: ['p1'] }],
          }),
        ),
        route('GET', '/api/booking/appointments/a1', () => json({ ...upcoming[0], etag: '"fresh"' })),
        route('PUT', '/api/booking/appointments/a1', (req) =>
          ++puts === 1
            ? problem(428, { title: 'Please reload', detail: 'Out of date.' })
            : json({ ...upcoming[0], startTime: (req.body as { startTime: string }).startTime, etag: '"e3"' }),
        ),
      ]),
    );
    renderApp('/patient', fakeAuth({ me: meFor('patient'), fetch }));
    const card = (await screen.findByRole('heading', { name: /Botox/ })).closest('li')!;
    await user.click(within(card).getByRole('button', { name: 'Reschedule' }));
    const dialog = screen.getByRole('dialog', { name: 'Reschedule Botox' });
    await user.click(await within(dialog).findByRole('button', { name: '3:00 PM' }));
    await user.click(within(dialog).getByRole('button', { name: 'Confirm new time' }));

    expect(await within(dialog).findByRole('alert')).toHaveTextContent('This appointment changed since you opened it');
    expect(within(dialog).getByRole('alert')).not.toHaveTextContent(/precondition|etag/i);
    await waitFor(() => expect(fetch.requests.some((r) => r.method === 'GET' && r.url.pathname === '/api/booking/appointments/a1')).toBe(true));
    await user.click(await within(dialog).findByRole('button', { name: '3:00 PM' }));
    await user.click(within(dialog).getByRole('button', { name: 'Confirm new time' }));

    expect(await screen.findByText(/now on Tuesday 24 November 2026 at 3:00 PM/)).toBeInTheDocument();
    const secondPut = fetch.requests.filter((r) => r.method === 'PUT')[1]!;
    expect(secondPut.headers.get('If-Match')).toBe('"fresh"');
  });

  it('offers the check-in code, the calendar file and directions on an upcoming card, and says why a released booking ended', async () => {
    const user = userEvent.setup();
    const withAddress = {
      ...upcoming[0],
      locationAddress: { line1: '1 Main St', city: 'New York', region: 'NY', postalCode: '10001', country: 'US' },
      locationAddressText: '1 Main St, New York, NY 10001, US',
    };
    const declined = appointment({
      id: 'a5',
      serviceName: 'IPL photofacial',
      status: 'cancelled',
      statusReason: 'Your card was declined.',
      statusReasonCode: 'deposit-declined',
    } as Partial<typeof upcoming[0]>);
    const expired = appointment({ id: 'a6', serviceName: 'Laser', status: 'cancelled', statusReasonCode: 'hold-expired' } as Partial<typeof upcoming[0]>);
    const ics = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n';
    const fetch = mockFetch(
      route('GET', '/api/booking/appointments/a1/calendar.ics', () => new Response(ics, { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } })),
      route('GET', '/api/booking/my-appointments', () => json({ upcoming: [withAddress, upcoming[1]], past, cancelled: [...cancelled, declined, expired] })),
      route('GET', '/api/booking/locations', () => json({ items: [NY] })),
      route('GET', '/api/booking/policies', () => json(policies)),
    );
    const blobs: Blob[] = [];
    const createObjectURL = vi.fn((b: Blob) => {
      blobs.push(b);
      return 'blob:calendar';
    });
    const revokeObjectURL = vi.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    renderApp('/patient/appointments', fakeAuth({ me: meFor('patient'), fetch }));

    const card = (await screen.findByRole('heading', { name: /Botox/ })).closest('li')!;
    expect(within(card).getByText('1 Main St, New York, NY 10001, US')).toBeInTheDocument();

    // Directions: a maps search of the location's name and address, in a new tab.
    const directions = within(card).getByRole('link', { name: /Directions/ });
    const url = new URL(directions.getAttribute('href')!);
    expect(url.origin + url.pathname).toBe('https://www.google.com/maps/search/');
    expect(url.searchParams.get('query')).toBe('Midtown, 1 Main St, New York, NY 10001, US');
    expect(directions).toHaveAttribute('target', '_blank');

    // Add to calendar: fetched with the person's token and handed to the browser as a text/calendar download.
    const add = within(card).getByRole('link', { name: 'Add to calendar' });
    expect(add).toHaveAttribute('href', '/api/booking/appointments/a1/calendar.ics');
    await user.click(add);
    await waitFor(() => expect(clicked).toHaveBeenCalled());
    const get = fetch.requests.find((r) => r.url.pathname.endsWith('/calendar.ics'))!;
    expect(get.headers.get('Authorization')).toBe('Bearer test-token');
    expect(blobs[0].type).toBe('text/calendar;charset=utf-8');
    expect(await blobs[0].text()).toBe(ics);
    expect((clicked.mock.contexts[0] as HTMLAnchorElement).download).toBe('botox-2026-11-24.ics');

    // The check-in code: a QR image large enough to scan, and the code as text.
    await user.click(within(card).getByRole('button', { name: 'Check-in code' }));
    const dialog = screen.getByRole('dialog', { name: 'Check-in code' });
    const qr = await within(dialog).findByRole('img', { name: /Check-in QR code K7Q2MX/ });
    expect(Number(qr.getAttribute('width'))).toBeGreaterThanOrEqual(200);
    expect(within(dialog).getByText('K7Q2MX')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();

    // A hold awaiting its deposit has no usable code yet.
    const pending = screen.getByRole('heading', { name: /Lip filler/ }).closest('li')!;
    expect(within(pending).queryByRole('button', { name: 'Check-in code' })).not.toBeInTheDocument();

    // Released bookings say why, instead of looking as if the patient cancelled.
    await user.click(screen.getByRole('tab', { name: 'Cancelled' }));
    const panel = screen.getByRole('tabpanel', { name: 'Cancelled' });
    const released = within(panel).getByRole('heading', { name: /IPL photofacial/ }).closest('li')!;
    expect(released).toHaveTextContent('Cancelled — the deposit payment was declined');
    expect(within(released).getByText(/released, not cancelled by you/)).toBeInTheDocument();
    const ranOut = within(panel).getByRole('heading', { name: /Laser/ }).closest('li')!;
    expect(ranOut).toHaveTextContent('Cancelled — the hold expired before the deposit was paid');
    const own = within(panel).getByRole('heading', { name: /Peel/ }).closest('li')!;
    expect(own).not.toHaveTextContent('—');
    clicked.mockRestore();
  });
});
