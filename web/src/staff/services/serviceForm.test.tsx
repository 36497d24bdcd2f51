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
const form = (id: string, name: string, kind: string, publishedVersion: number | null = 1) => ({
  id,
  name,
  kind,
  description: null,
  publishedVersion,
  hasDraft: publishedVersion === null,
  expirationMonths: null,
  updatedAt: '2026-10-01T00:00:00Z',
});
const clinicForms = route('GET', '/api/forms', () =>
  json({
    items: [
      form('f-filler', 'Dermal filler consent', 'consent'),
      form('f-laser', 'Laser questionnaire', 'intake', null),
      form('f-history', 'Medical history', 'intake'),
      form('f-photo', 'Photo release', 'photoRelease'),
    ],
  }),
);

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

describe('the forms a service requires', () => {
  const names = (group: HTMLElement) => within(group).getAllByRole('checkbox').map((c) => c.closest('div')!.textContent);

  it('are picked by name from the clinic’s forms: intake forms in one list, consents and photo releases in the other', async () => {
    const user = userEvent.setup();
    const fetch = renderNewService(
      clinicForms,
      route('POST', '/api/services', (req) => json({ ...botox, ...(req.body as object), id: 'new1' }, { status: 201 })),
    );
    const intake = await screen.findByRole('group', { name: 'Required intake forms' });
    await within(intake).findByRole('checkbox', { name: 'Medical history' });
    expect(names(intake)).toEqual(['Laser questionnaire (not published yet)', 'Medical history']);
    const consents = screen.getByRole('group', { name: 'Required consents' });
    expect(names(consents)).toEqual(['Dermal filler consent', 'Photo release']);
    expect(within(consents).getByRole('checkbox', { name: 'Photo release' })).not.toBeChecked();

    await fillValidService(user);
    await user.click(within(intake).getByRole('checkbox', { name: 'Medical history' }));
    await user.click(within(consents).getByRole('checkbox', { name: 'Photo release' }));
    await user.click(within(consents).getByRole('checkbox', { name: 'Dermal filler consent' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Services' })).toBeInTheDocument();
    const post = fetch.requests.find((r) => r.method === 'POST')!;
    expect(post.body).toMatchObject({ requiredFormIds: ['f-history'], requiredConsentIds: ['f-photo', 'f-filler'] });
  });

  it('keeps ids the clinic’s list does not know, shown as unknown forms, and sends them back unless unticked', async () => {
    const user = userEvent.setup();
    const service = { ...botox, requiredFormIds: ['f-gone', 'f-history'], requiredConsentIds: ['f-history'] };
    const fetch = mockFetch(
      route('GET', '/api/services/s1', () => json(service)),
      route('PUT', '/api/services/s1', (req) => json({ ...service, ...(req.body as object), etag: '"v2"' })),
      clinicForms,
      practitioners,
      emptyServices,
    );
    renderApp('/staff/services/s1', fakeAuth({ me: meFor('admin'), fetch }));

    const intake = await screen.findByRole('group', { name: 'Required intake forms' });
    expect(await within(intake).findByRole('checkbox', { name: 'Unknown form (f-gone)' })).toBeChecked();
    expect(within(intake).getByRole('checkbox', { name: 'Medical history' })).toBeChecked();
    expect(within(intake).getByRole('checkbox', { name: 'Laser questionnaire (not published yet)' })).not.toBeChecked();
    // An intake form named among the consents keeps its place there, by its name and kind.
    const consents = screen.getByRole('group', { name: 'Required consents' });
    expect(within(consents).getByRole('checkbox', { name: 'Medical history (Intake form)' })).toBeChecked();

    await user.click(within(consents).getByRole('checkbox', { name: 'Medical history (Intake form)' }));
    await user.click(within(consents).getByRole('checkbox', { name: 'Dermal filler consent' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(fetch.requests.some((r) => r.method === 'PUT')).toBe(true));
    const put = fetch.requests.find((r) => r.method === 'PUT')!;
    expect(put.body).toMatchObject({ requiredFormIds: ['f-gone', 'f-history'], requiredConsentIds: ['f-filler'] });
  });

  it('are read-only for the desk', async () => {
    const fetch = mockFetch(route('GET', '/api/services/s1', () => json(botox)), clinicForms, practitioners);
    renderApp('/staff/services/s1', fakeAuth({ me: meFor('frontdesk'), fetch }));
    const intake = await screen.findByRole('group', { name: 'Required intake forms' });
    expect(await within(intake).findByRole('checkbox', { name: 'Medical history' })).toBeDisabled();
    expect(within(intake).getByRole('checkbox', { name: 'Unknown form (f1)' })).toBeChecked();
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
