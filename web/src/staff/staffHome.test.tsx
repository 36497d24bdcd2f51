import { screen } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import { fakeAuth, json, meFor, mockFetch, renderApp, route } from '../test/utils';

beforeAll(async () => {
  await import('./StaffRoutes');
});

describe('the staff home', () => {
  it('reminds a practitioner of the charts still to sign, the first to lock first, each a link to its chart', async () => {
    const fetch = mockFetch(
      route('GET', '/api/charts/to-sign', () =>
        json({
          items: [
            { id: 'chart-a', patientId: 'p1', serviceName: 'Xeomin', templateName: 'Neurotoxin', practitionerName: 'Isabel Injector', visitStart: '2026-12-01T10:00:00-05:00', locksAt: '2026-12-02T10:00:00-05:00' },
          ],
        })),
    );
    renderApp('/staff', fakeAuth({ me: meFor('practitioner'), fetch }));

    expect(await screen.findByRole('heading', { name: 'Charts to sign (1)' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Neurotoxin · Xeomin · Tue 1 Dec 2026, 10:00 AM' })).toHaveAttribute('href', '/staff/charts/chart-a');
    expect(screen.getByText(/locks unsigned Wed 2 Dec 2026, 10:00 AM/)).toBeInTheDocument();
  });

  it('shows nothing about charts to the desk, and does not ask', async () => {
    const fetch = mockFetch();
    renderApp('/staff', fakeAuth({ me: meFor('frontdesk'), fetch }));
    expect(await screen.findByRole('heading', { level: 1, name: /Welcome/ })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: /Charts to sign/ })).not.toBeInTheDocument();
    expect(fetch.requests.some((r) => r.url.pathname === '/api/charts/to-sign')).toBe(false);
  });
});
