import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import { fakeAuth, json, meFor, mockFetch, renderApp, route } from '../test/utils';

beforeAll(async () => {
  await import('../staff/StaffRoutes');
});

describe('lot recall (admin)', () => {
  it('finds every patient injected from a lot, each a link to their card and the visit’s chart', async () => {
    const user = userEvent.setup();
    const fetch = mockFetch(
      route('GET', '/api/charts/lots/C3301', () =>
        json({
          items: [
            { chartId: 'chart-1', patientId: 'p1', patientName: 'Maria Lopez', visitStart: '2026-12-01T10:00:00-05:00', practitionerName: 'Isabel Injector', serviceName: 'Xeomin', product: 'Xeomin', lot: 'C3301', units: 8, millilitres: 0 },
            { chartId: 'chart-2', patientId: 'p2', patientName: 'Ana Ruiz', visitStart: '2026-11-20T15:30:00-05:00', practitionerName: 'Isabel Injector', serviceName: 'Xeomin', product: 'Xeomin', lot: 'C3301', units: 20, millilitres: 0 },
          ],
        })),
      route('GET', '/api/charts/lots/NOPE', () => json({ items: [] })),
    );
    renderApp('/staff/lot-recall', fakeAuth({ me: meFor('admin'), fetch }));

    await user.type(await screen.findByRole('textbox', { name: 'Lot number' }), ' C3301 ');
    await user.click(screen.getByRole('button', { name: 'Find patients' }));
    expect(await screen.findByText('2 patients, 2 visits with lot C3301.')).toBeInTheDocument();
    const table = screen.getByRole('table');
    expect(within(table).getByRole('link', { name: 'Maria Lopez' })).toHaveAttribute('href', '/staff/patients/p1');
    expect(within(table).getByRole('link', { name: 'Tue 1 Dec 2026, 10:00 AM' })).toHaveAttribute('href', '/staff/charts/chart-1');
    expect(within(table).getAllByRole('row')[2]).toHaveTextContent('20 units');

    await user.clear(screen.getByRole('textbox', { name: 'Lot number' }));
    await user.type(screen.getByRole('textbox', { name: 'Lot number' }), 'NOPE');
    await user.click(screen.getByRole('button', { name: 'Find patients' }));
    expect(await screen.findByText('No chart names lot NOPE')).toBeInTheDocument();
  });
});
