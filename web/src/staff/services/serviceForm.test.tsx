import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Service } from '../../api/types';
import { fakeAuth, json, meFor, mockFetch, problem, renderApp, route, type Handler } from '../../test/utils';
import { serviceFromForm, serviceToForm, validateService, emptyServiceForm } from './servicesResource';

const practitioners = route('GET', '/api/staff', () =>
  json({
    items: [
      { id: 'st1', firstName: 'Ivy', lastName: 'Injector', role: 'practitioner', email: 'i@x', deleted: false },
      { id: 'st2', firstName: 'Fran', lastName: 'Desk', role: 'frontdesk', email: 'f@x', deleted: false },
    ],
    continuationToken: null,
  }),
);
const emptyServices = route('GET', '/api/services', () => json({ items: [], continuationToken: null }));

const botox: Service = {
  id: 's1',
  etag: '"v1"',
  deleted: false,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  name: 'Botox',
  category: 'Neurotoxin',
  description: 'Frown lines',
  durationMinutes: 30,
  bufferBeforeMinutes: 5,
  bufferAfterMinutes: 10,
  price: { amount: 35000, currency: 'USD' },
  deposit: { kind: 'fixed', amount: { amount: 5000, currency: 'USD' } },
  roomType: 'Treatment room',
  equipmentTypes: [],
  requiredFormIds: ['f1'],
  requiredConsentIds: [],
  requiredCertifications: ['RN licence'],
  onlineBookable: true,
  requiresConsultation: false,
  practitionerIds: ['st1'],
};

function renderNewService(...handlers: Handler[]) {
  const fetch = mockFetch(...handlers, practitioners, emptyServices);
  renderApp('/staff/services/new', fakeAuth({ me: meFor('admin'), fetch }));
  return fetch;
}

async function fillValidService(user: ReturnType<typeof userEvent.setup>) {
  await user.type(await screen.findByLabelText('Name'), 'Lip filler');
  await user.selectOptions(screen.getByLabelText('Category'), 'Dermal filler');
  await user.clear(screen.getByLabelText('Duration (minutes)'));
  await user.type(screen.getByLabelText('Duration (minutes)'), '45');
  await user.type(screen.getByLabelText('Price'), '350');
  await user.click(await screen.findByRole('checkbox', { name: 'Ivy Injector' }));
}

describe('service form', () => {
  it('blocks saving and shows required-field errors next to the inputs', async () => {
    const user = userEvent.setup();
    const fetch = renderNewService();

    await user.click(await screen.findByRole('button', { name: 'Save' }));

    const name = screen.getByLabelText('Name');
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(name).toHaveAccessibleDescription('Name is required.');
    expect(name).toHaveFocus();
    expect(screen.getByLabelText('Category')).toHaveAccessibleDescription('Category is required.');
    expect(screen.getByLabelText('Price')).toHaveAccessibleDescription(expect.stringContaining('Price: enter an amount'));
    expect(screen.getByRole('alert')).toHaveTextContent('Check the form');
    expect(fetch.requests.some((r) => r.method === 'POST')).toBe(false);
  });

  it('is where who performs the service is chosen: a labelled list of the practitioners', async () => {
    renderNewService();

    const group = await screen.findByRole('group', { name: 'Practitioners' });
    expect(await within(group).findByRole('checkbox', { name: 'Ivy Injector' })).not.toBeChecked();
    expect(within(group).queryByRole('checkbox', { name: 'Fran Desk' })).not.toBeInTheDocument();
    expect(group).toHaveTextContent('Who performs this service');
  });

  it('rejects negative numbers and bad money', async () => {
    const user = userEvent.setup();
    renderNewService();
    await user.clear(await screen.findByLabelText('Buffer after (minutes)'));
    await user.type(screen.getByLabelText('Buffer after (minutes)'), '-5');
    await user.type(screen.getByLabelText('Price'), '12.345');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(screen.getByLabelText('Buffer after (minutes)')).toHaveAccessibleDescription('Buffer after must be 0 or more.');
    expect(screen.getByLabelText('Price')).toHaveAccessibleDescription(expect.stringContaining('at most 2 decimal places'));
  });

  it('posts the service with the price in minor units and returns to the list', async () => {
    const user = userEvent.setup();
    const fetch = renderNewService(route('POST', '/api/services', (req) => json({ ...botox, ...(req.body as object), id: 'new1' }, { status: 201 })));

    await fillValidService(user);
    await user.selectOptions(screen.getByLabelText('Deposit'), 'fixed');
    await user.type(screen.getByLabelText('Deposit amount'), '50.5');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Services' })).toBeInTheDocument();
    expect((await screen.findByText('Saved “Lip filler”.')).closest('[role="status"]')).not.toBeNull();
    const post = fetch.requests.find((r) => r.method === 'POST')!;
    expect(post.headers.get('Authorization')).toBe('Bearer test-token');
    expect(post.body).toMatchObject({
      name: 'Lip filler',
      category: 'Dermal filler',
      durationMinutes: 45,
      bufferBeforeMinutes: 0,
      price: { amount: 35000, currency: 'USD' },
      deposit: { kind: 'fixed', amount: { amount: 5050, currency: 'USD' } },
      onlineBookable: true,
      practitionerIds: ['st1'],
    });
  });

  it('shows server field errors next to the matching inputs and the title in an alert', async () => {
    const user = userEvent.setup();
    renderNewService(
      route('POST', '/api/services', () =>
        problem(400, {
          title: 'The service is not valid',
          detail: 'Fix the fields below.',
          errors: {
            name: ['A service with this name already exists.'],
            'price.amount': ['Price is above the clinic maximum.'],
            'deposit.percent': ['Only shown in the summary.'],
          },
        }),
      ),
    );

    await fillValidService(user);
    await user.click(screen.getByRole('button', { name: 'Save' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The service is not valid');
    expect(alert).toHaveTextContent('Fix the fields below.');
    expect(screen.getByLabelText('Name')).toHaveAccessibleDescription('A service with this name already exists.');
    expect(screen.getByLabelText('Price')).toHaveAccessibleDescription(expect.stringContaining('Price is above the clinic maximum.'));
    // An error for a field that is not on screen is still shown, in the alert.
    await waitFor(() => expect(alert).toHaveTextContent('deposit.percent: Only shown in the summary.'));
    expect(screen.getByLabelText('Name')).toHaveFocus();
  });

  it('sends If-Match on save and offers a reload when someone else changed the service (412)', async () => {
    const user = userEvent.setup();
    let version = 1;
    const fetch = mockFetch(
      route('GET', '/api/services/s1', () => json({ ...botox, etag: `"v${version}"`, name: version === 1 ? 'Botox' : 'Botox (theirs)' })),
      route('PUT', '/api/services/s1', () => problem(412, { title: 'Precondition Failed' })),
      practitioners,
    );
    renderApp('/staff/services/s1', fakeAuth({ me: meFor('admin'), fetch }));

    const name = await screen.findByLabelText('Name');
    expect(name).toHaveValue('Botox');
    expect(screen.getByLabelText('Price')).toHaveValue('350.00');
    await user.clear(name);
    await user.type(name, 'Botox Cosmetic');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    const put = fetch.requests.find((r) => r.method === 'PUT')!;
    expect(put.headers.get('If-Match')).toBe('"v1"');
    expect(put.body).toMatchObject({ id: 's1', etag: '"v1"', name: 'Botox Cosmetic', createdAt: botox.createdAt });

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Someone else changed this service');
    version = 2;
    await user.click(within(alert).getByRole('button', { name: 'Reload' }));
    await waitFor(() => expect(screen.getByLabelText('Name')).toHaveValue('Botox (theirs)'));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('asks before deleting, then deletes', async () => {
    const user = userEvent.setup();
    const fetch = mockFetch(
      route('GET', '/api/services/s1', () => json(botox)),
      route('DELETE', '/api/services/s1', () => new Response(null, { status: 204 })),
      practitioners,
      emptyServices,
    );
    renderApp('/staff/services/s1', fakeAuth({ me: meFor('admin'), fetch }));

    await user.click(await screen.findByRole('button', { name: 'Delete' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete this service?' });
    expect(fetch.requests.some((r) => r.method === 'DELETE')).toBe(false);
    // The form behind the dialog is hidden, so the one "Delete" button left is the dialog's.
    expect(screen.getAllByRole('button', { name: 'Delete' })).toEqual([within(dialog).getByRole('button', { name: 'Delete' })]);
    expect(screen.getAllByRole('button', { name: 'Cancel' })).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Delete' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Services' })).toBeInTheDocument();
    expect(fetch.requests.some((r) => r.method === 'DELETE' && r.url.pathname === '/api/services/s1')).toBe(true);
  });

  it('is read-only for front desk: no Save, inputs disabled', async () => {
    const fetch = mockFetch(route('GET', '/api/services/s1', () => json(botox)), practitioners);
    renderApp('/staff/services/s1', fakeAuth({ me: meFor('frontdesk'), fetch }));
    expect(await screen.findByLabelText('Name')).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Save' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Delete' })).not.toBeInTheDocument();
    expect(screen.getByText(/Only admins can change it/)).toBeInTheDocument();
  });
});

describe('service form model', () => {
  it('round-trips a service through the form', () => {
    const { id, etag, deleted, createdAt, updatedAt, ...draft } = botox;
    void [id, etag, deleted, createdAt, updatedAt];
    expect(serviceFromForm(serviceToForm(botox))).toEqual(draft);
  });

  it('accepts a valid form and keys errors by API path', () => {
    const f = { ...emptyServiceForm(), name: 'Peel', category: 'Chemical peel', price: '120' };
    expect(validateService(f)).toEqual({});
    expect(Object.keys(validateService({ ...f, depositKind: 'percent', depositPercent: '120' }))).toEqual(['deposit.percent']);
    expect(Object.keys(validateService({ ...f, name: 'x'.repeat(101), durationMinutes: '0' }))).toEqual(['name', 'durationMinutes']);
  });
});
