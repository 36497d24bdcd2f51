import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeAuth, json, meFor, mockFetch, problem, renderApp, route } from '../../test/utils';

const botox = {
  id: 's1',
  etag: '"v1"',
  deleted: false,
  name: 'Botox',
  category: 'Neurotoxin',
  durationMinutes: 30,
  price: { amount: 35000, currency: 'USD' },
  onlineBookable: true,
};

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('resource list', () => {
  it('is busy while loading, then shows items in a table with the name linking to the item', async () => {
    const gate = deferred<Response>();
    const fetch = mockFetch(route('GET', '/api/services', () => gate.promise));
    renderApp('/staff/services', fakeAuth({ me: meFor('admin'), fetch }));

    expect(await screen.findByText('Loading services…')).toBeInTheDocument();
    const region = document.querySelector('.list-region')!;
    expect(region).toHaveAttribute('aria-busy', 'true');

    gate.resolve(json({ items: [botox], continuationToken: null }));

    const link = await screen.findByRole('link', { name: 'Botox' });
    expect(link).toHaveAttribute('href', '/staff/services/s1');
    const row = link.closest('tr')!;
    expect(within(row).getByText('$350.00')).toBeInTheDocument();
    expect(within(row).getByText('30 min')).toBeInTheDocument();
    expect(region).toHaveAttribute('aria-busy', 'false');
    expect(screen.queryByText('Loading services…')).not.toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: 'New service' })).toHaveLength(1);
  });

  it('shows the empty state with one create button for admins', async () => {
    const user = userEvent.setup();
    const fetch = mockFetch(
      route('GET', '/api/services', () => json({ items: [], continuationToken: null })),
      route('GET', '/api/staff', () => json({ items: [], continuationToken: null })),
    );
    renderApp('/staff/services', fakeAuth({ me: meFor('admin'), fetch }));

    expect(await screen.findByText('No services yet')).toBeInTheDocument();
    const create = screen.getAllByRole('button', { name: 'New service' });
    expect(create).toHaveLength(1);
    await user.click(create[0]);
    expect(await screen.findByRole('heading', { level: 1, name: 'New service' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeInTheDocument();
  });

  it.each([
    ['locations', 'New location', 'No locations yet'],
    ['team', 'New staff member', 'No staff members yet'],
    ['rooms', 'New room', 'No rooms yet'],
    ['equipment', 'New equipment', 'No equipment yet'],
  ])('names the create button of /staff/%s "%s"', async (segment, label, empty) => {
    const fetch = mockFetch((req) => (req.method === 'GET' ? json({ items: [], continuationToken: null }) : undefined));
    renderApp(`/staff/${segment}`, fakeAuth({ me: meFor('admin'), fetch }));
    expect(await screen.findByText(empty)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: label })).toBeInTheDocument();
  });

  it('offers no create button to front desk', async () => {
    const fetch = mockFetch(route('GET', '/api/services', () => json({ items: [], continuationToken: null })));
    renderApp('/staff/services', fakeAuth({ me: meFor('frontdesk'), fetch }));
    expect(await screen.findByText('No services yet')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'New service' })).not.toBeInTheDocument();
  });

  it('passes the search box to the API as q', async () => {
    const user = userEvent.setup();
    const fetch = mockFetch(
      route('GET', '/api/services', (req) =>
        json({ items: req.url.searchParams.get('q') === 'bot' ? [botox] : [], continuationToken: null }),
      ),
    );
    renderApp('/staff/services', fakeAuth({ me: meFor('admin'), fetch }));
    await screen.findByText('No services yet');

    await user.type(screen.getByLabelText('Search services'), 'bot');

    expect(await screen.findByRole('link', { name: 'Botox' })).toBeInTheDocument();
    expect(fetch.requests.at(-1)!.url.searchParams.get('q')).toBe('bot');
    expect(fetch.requests.at(-1)!.url.searchParams.get('pageSize')).toBe('50');
  });

  it('says when a search finds nothing', async () => {
    const user = userEvent.setup();
    const fetch = mockFetch(route('GET', '/api/services', () => json({ items: [], continuationToken: null })));
    renderApp('/staff/services', fakeAuth({ me: meFor('admin'), fetch }));
    await screen.findByText('No services yet');
    await user.type(screen.getByLabelText('Search services'), 'zzz{Enter}');
    expect(await screen.findByText('No services match “zzz”.')).toBeInTheDocument();
  });

  it('shows archived items only when asked, and restores them', async () => {
    const user = userEvent.setup();
    const fetch = mockFetch(
      route('GET', '/api/services', (req) =>
        json({
          items: req.url.searchParams.get('includeDeleted') === 'true' ? [botox, { ...botox, id: 's2', name: 'Old peel', deleted: true }] : [botox],
          continuationToken: null,
        }),
      ),
      route('POST', '/api/services/s2/restore', () => json({ ...botox, id: 's2', name: 'Old peel', deleted: false })),
    );
    renderApp('/staff/services', fakeAuth({ me: meFor('admin'), fetch }));
    await screen.findByRole('link', { name: 'Botox' });
    expect(screen.queryByRole('link', { name: 'Old peel' })).not.toBeInTheDocument();

    await user.click(screen.getByLabelText('Show archived'));

    const row = (await screen.findByRole('link', { name: 'Old peel' })).closest('tr')!;
    expect(within(row).getByText('Archived')).toBeInTheDocument();
    await user.click(within(row).getByRole('button', { name: 'Restore Old peel' }));
    await waitFor(() => expect(within(row).queryByText('Archived')).not.toBeInTheDocument());
    expect(screen.getByText('Restored “Old peel”.')).toBeInTheDocument();
  });

  it('shows an error with a retry', async () => {
    const user = userEvent.setup();
    let fail = true;
    const fetch = mockFetch(
      route('GET', '/api/services', () =>
        fail ? problem(503, { title: 'Service unavailable', detail: 'Try later.' }) : json({ items: [botox], continuationToken: null }),
      ),
    );
    renderApp('/staff/services', fakeAuth({ me: meFor('admin'), fetch }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Service unavailable');
    expect(alert).toHaveTextContent('Try later.');
    fail = false;
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('link', { name: 'Botox' })).toBeInTheDocument();
  });

  it('loads the next page with the continuation token', async () => {
    const user = userEvent.setup();
    const fetch = mockFetch(
      route('GET', '/api/services', (req) =>
        req.url.searchParams.get('continuationToken') === 'page-2'
          ? json({ items: [{ ...botox, id: 's9', name: 'Hydrafacial' }], continuationToken: null })
          : json({ items: [botox], continuationToken: 'page-2' }),
      ),
    );
    renderApp('/staff/services', fakeAuth({ me: meFor('admin'), fetch }));
    await user.click(await screen.findByRole('button', { name: 'Load more' }));
    expect(await screen.findByRole('link', { name: 'Hydrafacial' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Botox' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });
});
