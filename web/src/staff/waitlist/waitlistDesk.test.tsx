import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WaitlistEntry } from '../../api/waitlist';
import { fakeAuth, json, meFor, mockFetch, renderApp, route } from '../../test/utils';

beforeAll(async () => {
  await import('../StaffRoutes');
});

const location = { id: 'loc-1', name: 'SoHo', timeZone: 'America/New_York' };
const waiting: WaitlistEntry = {
  id: 'wl-1', patientId: 'p1', patientName: 'Ada Lovelace', serviceId: 'svc-botox', serviceName: 'Botox – one area', locationId: 'loc-1',
  locationName: 'SoHo', practitionerName: null, fromDate: '2026-12-07', toDate: '2026-12-11', timesOfDay: ['morning'], status: 'offered',
  currentOfferId: 'offer-1', createdAt: '2026-12-01T15:00:00Z',
};

function handlers(state: { entries: WaitlistEntry[] }) {
  return [
    route('GET', '/api/booking/locations', () => json({ items: [location] })),
    route('GET', '/api/booking/waitlist', (req) => json({ items: req.url.searchParams.get('locationId') === 'loc-1' ? state.entries : [] })),
    route('GET', '/api/booking/services', () => json({ items: [{ id: 'svc-filler', name: 'Lip filler' }] })),
    route('GET', '/api/booking/practitioners', () => json({ items: [] })),
    route('GET', '/api/patients', (req) =>
      json({
        items: req.url.searchParams.get('q') === 'grace' ? [{ id: 'p2', firstName: 'Grace', lastName: 'Hopper', email: 'grace@example.com', phone: null, status: 'active', archived: false }] : [],
        continuationToken: null,
      }),
    ),
  ];
}

describe('the desk’s waitlist', () => {
  it('shows who waits at a location and takes one off after asking', async () => {
    const user = userEvent.setup();
    const state = { entries: [waiting] };
    const fetch = mockFetch(
      route('DELETE', '/api/booking/waitlist/wl-1', () => {
        state.entries = [];
        return json({ ...waiting, status: 'removed' });
      }),
      ...handlers(state),
    );
    renderApp('/staff/waitlist', fakeAuth({ me: meFor('frontdesk'), fetch }));

    const table = await screen.findByRole('region', { name: 'Patients waiting' });
    const row = within(table).getByRole('row', { name: /Ada Lovelace/ });
    expect(row).toHaveTextContent('Botox – one area');
    expect(row).toHaveTextContent('Monday 7 December 2026 to Friday 11 December 2026');
    expect(row).toHaveTextContent('Time offered');
    await user.click(within(row).getByRole('button', { name: /Remove/ }));
    await user.click(await screen.findByRole('button', { name: 'Take off the waitlist' }));

    expect(await screen.findByText('Ada Lovelace is off the waitlist for Botox – one area.')).toBeInTheDocument();
    expect(await screen.findByText('No one is waiting at this location.')).toBeInTheDocument();
  });

  it('adds a patient found by name, on their behalf', async () => {
    const user = userEvent.setup();
    const state = { entries: [] as WaitlistEntry[] };
    const fetch = mockFetch(
      route('POST', '/api/booking/waitlist', (req) => {
        state.entries = [{ ...waiting, id: 'wl-2', patientId: 'p2', patientName: 'Grace Hopper', serviceId: 'svc-filler', serviceName: 'Lip filler', status: 'active' }];
        expect(req.body).toMatchObject({ patientId: 'p2', serviceId: 'svc-filler', locationId: 'loc-1' });
        return json(state.entries[0], { status: 201 });
      }),
      ...handlers(state),
    );
    renderApp('/staff/waitlist', fakeAuth({ me: meFor('frontdesk'), fetch }));

    await screen.findByText('No one is waiting at this location.');
    await user.type(screen.getByRole('searchbox', { name: 'Find a patient' }), 'grace');
    await user.click(await screen.findByRole('button', { name: 'Choose Grace Hopper' }));
    await user.selectOptions(screen.getByRole('combobox', { name: /^Where/ }), 'loc-1');
    await user.selectOptions(await screen.findByRole('combobox', { name: /^Treatment/ }), await screen.findByRole('option', { name: 'Lip filler' }));
    await user.click(screen.getByRole('button', { name: 'Add to the waitlist' }));

    expect(await screen.findByText('Grace Hopper is on the waitlist for Lip filler.')).toBeInTheDocument();
    await waitFor(() => expect(fetch.requests.filter((r) => r.method === 'POST')).toHaveLength(1));
    expect(await screen.findByRole('row', { name: /Grace Hopper/ })).toHaveTextContent('Waiting');
  });

  it('is the desk’s and the admins’: a practitioner is told it is not available', async () => {
    renderApp('/staff/waitlist', fakeAuth({ me: meFor('practitioner'), fetch: mockFetch(...handlers({ entries: [] })) }));
    expect(await screen.findByRole('heading', { name: 'Not available for your account' })).toBeInTheDocument();
  });
});
