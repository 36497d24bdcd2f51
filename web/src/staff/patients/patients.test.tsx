import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { lastVisitBounds, type PatientListItem, type PatientRecord } from '../../api/patients';
import { localDate } from '../../booking/time';
import type { Role } from '../../api/types';
import { appointment } from '../../test/booking';
import { deskRecord, fullRecord, retypePhone, savedWithIfMatch } from '../../test/patients';
import { fakeAuth, json, meFor, mockFetch, problem, renderApp, route, type Handler, withStaffArea } from '../../test/utils';

withStaffArea('2026-11-24T14:00:00Z');

const row = (id: string, first: string, last: string, extra: Partial<PatientListItem> = {}): PatientListItem => ({
  id,
  firstName: first,
  lastName: last,
  preferredName: null,
  dateOfBirth: '1985-04-23',
  email: `${first.toLowerCase()}@example.com`,
  phone: '+12125550147',
  status: 'active',
  archived: false,
  ...extra,
});

const emptyHistory = { upcoming: [], past: [], cancelled: [], noShows: 0, lateCancellations: 0 };

function cardHandlers(read: () => PatientRecord, extra: Handler[] = []): Handler[] {
  return [
    ...extra,
    route('GET', '/api/patients/p1', () => json(read(), { headers: { ETag: read().etag } })),
    route('GET', '/api/patients/p1/appointments', () => json(emptyHistory)),
  ];
}

function renderAs(role: Role, path: string, handlers: Handler[]) {
  const fetch = mockFetch(...handlers);
  renderApp(path, fakeAuth({ me: meFor(role), fetch }));
  return fetch;
}

describe('patient list', () => {
  it('searches as the desk types, pages on with “Load more”, and says when nothing matches', async () => {
    const user = userEvent.setup();
    const fetch = renderAs('frontdesk', '/staff/patients', [
      route('GET', '/api/patients', (req) => {
        const q = req.url.searchParams.get('q');
        const token = req.url.searchParams.get('continuationToken');
        if (q === 'zz') return json({ items: [], continuationToken: null });
        if (q === 'smi') return json({ items: [row('p1', 'Jonathan', 'Smith', { preferredName: 'Jon' })], continuationToken: null });
        if (token === 'page-2') return json({ items: [row('p3', 'Cara', 'Young', { archived: false, status: 'inactive' })], continuationToken: null });
        return json({ items: [row('p2', 'Ada', 'Adams', { phone: null }), row('p1', 'Jonathan', 'Smith', { preferredName: 'Jon' })], continuationToken: 'page-2' });
      }),
    ]);
    expect(await screen.findByRole('heading', { level: 1, name: 'Patients' })).toBeInTheDocument();
    expect(within(screen.getByRole('navigation', { name: 'Staff' })).getByRole('link', { name: 'Patients' })).toHaveAttribute('aria-current', 'page');
    const table = await screen.findByRole('table');
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Name', 'Date of birth', 'Phone', 'Email', 'Last visit', 'Status']);
    const smith = within(table).getByRole('row', { name: /Smith, Jonathan/ });
    expect(within(smith).getByRole('link', { name: 'Smith, Jonathan' })).toHaveAttribute('href', '/staff/patients/p1');
    expect(smith).toHaveTextContent('(prefers Jon)');
    expect(smith).toHaveTextContent('23 Apr 1985');
    expect(smith).toHaveTextContent('+1 (212) 555-0147');
    expect(smith).toHaveTextContent('jonathan@example.com');
    expect(smith).toHaveTextContent('Active');

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByRole('link', { name: 'Young, Cara' })).toBeInTheDocument();
    expect(screen.getAllByRole('link', { name: /, / })).toHaveLength(3);
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
    const next = fetch.requests.find((r) => r.url.searchParams.get('continuationToken') === 'page-2')!;
    expect(next.url.searchParams.get('pageSize')).toBe('50');

    // Typing searches by itself after a pause, once for the whole word.
    await user.type(screen.getByRole('searchbox', { name: 'Search patients' }), 'smi');
    await waitFor(() => expect(screen.getAllByRole('link', { name: /, / })).toHaveLength(1));
    expect(fetch.requests.filter((r) => r.url.pathname === '/api/patients').map((r) => r.url.searchParams.get('q'))).toEqual([null, null, 'smi']);

    await user.clear(screen.getByRole('searchbox', { name: 'Search patients' }));
    await user.type(screen.getByRole('searchbox', { name: 'Search patients' }), 'zz{Enter}');
    expect(await screen.findByText('No patients match “zz”.')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('filters by status and shows archived patients only when asked', async () => {
    const user = userEvent.setup();
    const fetch = renderAs('admin', '/staff/patients', [
      route('GET', '/api/patients', (req) =>
        json({
          items: req.url.searchParams.get('includeArchived') === 'true' ? [row('p9', 'Old', 'Record', { archived: true })] : [],
          continuationToken: null,
        }),
      ),
    ]);
    expect(await screen.findByText('No patients yet.')).toBeInTheDocument();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'Inactive');
    expect(await screen.findByText('No patients match the status inactive.')).toBeInTheDocument();
    expect(fetch.requests.at(-1)!.url.searchParams.get('status')).toBe('inactive');
    await user.click(screen.getByRole('checkbox', { name: 'Show archived' }));
    const archived = await screen.findByRole('row', { name: /Record, Old/ });
    expect(archived).toHaveTextContent('Archived');
    expect(fetch.requests.at(-1)!.url.searchParams.get('includeArchived')).toBe('true');
  });

  it('finds lapsed patients by their last visit, counted back from today', async () => {
    const user = userEvent.setup();
    const fetch = renderAs('frontdesk', '/staff/patients', [
      route('GET', '/api/patients', (req) =>
        json({ items: req.url.searchParams.get('lastVisitTo') ? [row('p7', 'Lapsed', 'Lena', { lastVisitOn: '2026-01-10' })] : [], continuationToken: null }),
      ),
    ]);
    expect(await screen.findByText('No patients yet.')).toBeInTheDocument();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Last visit' }), 'More than 6 months ago');

    const lena = await screen.findByRole('row', { name: /Lena, Lapsed/ });
    expect(lena).toHaveTextContent('10 Jan 2026');
    const sent = fetch.requests.at(-1)!.url.searchParams;
    expect(sent.get('lastVisitTo')).toBe(lastVisitBounds('over180', localDate(new Date().toISOString())).lastVisitTo);
    expect(sent.get('lastVisitFrom')).toBeNull();
  });

  it('says when the list cannot be read, with a way to try again', async () => {
    renderAs('frontdesk', '/staff/patients', [route('GET', '/api/patients', () => problem(500, { title: 'The server had a problem' }))]);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The server had a problem');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });

  it('tells a practitioner to open patients from the calendar', async () => {
    const fetch = renderAs('practitioner', '/staff/patients', []);
    expect(await screen.findByText('Open a patient from the calendar')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'calendar' })).toHaveAttribute('href', '/staff/calendar');
    expect(screen.queryByRole('button', { name: 'New patient' })).not.toBeInTheDocument();
    expect(fetch.requests.some((r) => r.url.pathname === '/api/patients')).toBe(false);
  });
});

describe('new patient', () => {
  const list = route('GET', '/api/patients', () => json({ items: [], continuationToken: null }));

  it('needs names and a way to reach the patient, then creates them and opens their card', async () => {
    const user = userEvent.setup();
    const fetch = renderAs('frontdesk', '/staff/patients', [
      list,
      route('POST', '/api/patients', () => json({ id: 'p1', firstName: 'Jonathan', lastName: 'Smith', email: 'jon@example.com', phone: null }, { status: 201 })),
      ...cardHandlers(() => deskRecord()),
    ]);
    await user.click(await screen.findByRole('button', { name: 'New patient' }));
    const dialog = screen.getByRole('dialog', { name: 'New patient' });
    await user.click(within(dialog).getByRole('button', { name: 'Add patient' }));
    expect(within(dialog).getByText('First name is required.')).toBeInTheDocument();
    expect(within(dialog).getByText('Last name is required.')).toBeInTheDocument();
    expect(within(dialog).getByRole('textbox', { name: 'Email' })).toHaveAttribute('aria-invalid', 'true');
    expect(within(dialog).getByRole('textbox', { name: 'First name' })).toHaveFocus();
    expect(fetch.requests.some((r) => r.method === 'POST')).toBe(false);

    await user.type(within(dialog).getByRole('textbox', { name: 'First name' }), 'Jonathan');
    await user.type(within(dialog).getByRole('textbox', { name: 'Last name' }), 'Smith');
    await user.type(within(dialog).getByRole('textbox', { name: 'Email' }), 'jon@example.com');
    await user.type(within(dialog).getByLabelText('Date of birth (optional)'), '1985-04-23');
    await user.click(within(dialog).getByRole('button', { name: 'Add patient' }));

    expect(await screen.findByRole('heading', { level: 1, name: /Jon Smith/ })).toBeInTheDocument();
    expect(screen.getByText('Added Jonathan Smith.')).toBeInTheDocument();
    const post = fetch.requests.find((r) => r.method === 'POST')!;
    expect(post.body).toEqual({ firstName: 'Jonathan', lastName: 'Smith', email: 'jon@example.com', dateOfBirth: '1985-04-23' });
  });

  it('opens the existing record when the patient is already on file (200), instead of making a second', async () => {
    const user = userEvent.setup();
    renderAs('frontdesk', '/staff/patients', [
      list,
      route('POST', '/api/patients', () => json({ id: 'p1', firstName: 'Jonathan', lastName: 'Smith', email: 'jon@example.com', phone: '+12125550147' })),
      ...cardHandlers(() => deskRecord()),
    ]);
    await user.click(await screen.findByRole('button', { name: 'New patient' }));
    const dialog = screen.getByRole('dialog', { name: 'New patient' });
    await user.type(within(dialog).getByRole('textbox', { name: 'First name' }), 'Jon');
    await user.type(within(dialog).getByRole('textbox', { name: 'Last name' }), 'Smith');
    await user.type(within(dialog).getByRole('textbox', { name: 'Phone' }), '(212) 555-0147');
    await user.click(within(dialog).getByRole('button', { name: 'Add patient' }));
    expect(await screen.findByText(/^This patient already exists/)).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: /Jon Smith/ })).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('shows the API’s field errors next to their inputs', async () => {
    const user = userEvent.setup();
    renderAs('admin', '/staff/patients', [
      list,
      route('POST', '/api/patients', () => problem(400, { title: 'Some fields need attention', errors: { phone: ['Enter a phone number.'] } })),
    ]);
    await user.click(await screen.findByRole('button', { name: 'New patient' }));
    const dialog = screen.getByRole('dialog', { name: 'New patient' });
    await user.type(within(dialog).getByRole('textbox', { name: 'First name' }), 'Jon');
    await user.type(within(dialog).getByRole('textbox', { name: 'Last name' }), 'Smith');
    await user.type(within(dialog).getByRole('textbox', { name: 'Phone' }), '555 55555');
    await user.click(within(dialog).getByRole('button', { name: 'Add patient' }));
    const phone = within(dialog).getByRole('textbox', { name: 'Phone' });
    await waitFor(() => expect(phone).toHaveAttribute('aria-invalid', 'true'));
    expect(phone).toHaveAccessibleDescription('Enter a phone number.');
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Some fields need attention');
  });
});

describe('patient card', () => {
  it.each(['admin', 'practitioner'] as const)('shows %s the allergies and medical alerts above the tabs', async (role) => {
    renderAs(role, '/staff/patients/p1', cardHandlers(() => fullRecord()));
    const heading = await screen.findByRole('heading', { level: 1, name: /Jon Smith/ });
    const allergies = screen.getByRole('region', { name: /^Allergies/ });
    expect(allergies).toHaveTextContent('Lidocaine — hives');
    expect(screen.getByRole('region', { name: /^Medical alerts/ })).toHaveTextContent('Pacemaker');
    const tablist = screen.getByRole('tablist', { name: 'Patient card' });
    expect(allergies.compareDocumentPosition(tablist) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(heading.compareDocumentPosition(allergies) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    // Who they are, at a glance.
    expect(screen.getByText('Jonathan Smith')).toBeInTheDocument();
    expect(screen.getByText('he/him')).toBeInTheDocument();
    expect(screen.getByText('23 Apr 1985 (41 years)')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '+1 (212) 555-0147' })).toHaveAttribute('href', 'tel:+12125550147');
    expect(screen.getByRole('link', { name: 'jon@example.com' })).toHaveAttribute('href', 'mailto:jon@example.com');
  });

  it('tells the desk when the patient replied STOP to the clinic’s texts, and says nothing otherwise', async () => {
    renderAs('frontdesk', '/staff/patients/p1', cardHandlers(() => fullRecord({ smsOptedOut: true })));
    await screen.findByRole('heading', { level: 1, name: /Jon Smith/ });
    expect(screen.getByText(/Replied STOP: no texts until they reply START/)).toBeInTheDocument();
  });

  it('says nothing about texts when the patient never replied STOP', async () => {
    renderAs('frontdesk', '/staff/patients/p1', cardHandlers(() => fullRecord()));
    await screen.findByRole('heading', { level: 1, name: /Jon Smith/ });
    expect(screen.queryByText(/Replied STOP/)).not.toBeInTheDocument();
  });

  it('says “No known allergies” when none are recorded', async () => {
    renderAs('practitioner', '/staff/patients/p1', cardHandlers(() => fullRecord({ allergies: [], medicalAlerts: [] })));
    expect(await screen.findByRole('region', { name: 'Allergies' })).toHaveTextContent('No known allergies');
    expect(screen.getByRole('region', { name: 'Medical alerts' })).toHaveTextContent('No medical alerts');
  });

  it('shows the desk nothing clinical', async () => {
    const user = userEvent.setup();
    renderAs('frontdesk', '/staff/patients/p1', cardHandlers(() => deskRecord()));
    expect(await screen.findByRole('heading', { level: 1, name: /Jon Smith/ })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: /Allergies/ })).not.toBeInTheDocument();
    expect(screen.queryByText(/allerg/i)).not.toBeInTheDocument();
    expect(screen.queryByText(/medical alert/i)).not.toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: 'Details' }));
    expect(screen.queryByRole('group', { name: /Clinical|Allergies|Medications/ })).not.toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Tags' })).toBeInTheDocument();
  });

  it('when the clinic lets its desk read clinical fields, shows them read-only', async () => {
    const user = userEvent.setup();
    renderAs('frontdesk', '/staff/patients/p1', cardHandlers(() => fullRecord({ allergies: ['Lidocaine'] })));
    expect(await screen.findByRole('region', { name: /Allergies/ })).toHaveTextContent('Lidocaine');
    await user.click(screen.getByRole('tab', { name: 'Details' }));
    expect(screen.getByRole('group', { name: 'Clinical' })).toBeDisabled();
  });

  it('gives a patient the desk registered online access, and says why when it cannot', async () => {
    const user = userEvent.setup();
    let calls = 0;
    const fetch = renderAs(
      'frontdesk',
      '/staff/patients/p1',
      cardHandlers(() => deskRecord(), [
        route('POST', '/api/patients/p1/online-access', () =>
          ++calls === 1
            ? json({ email: 'jon@example.com', alreadyHad: false })
            : problem(409, { title: 'Conflict', detail: 'jon@example.com already signs in to another account.' }),
        ),
      ]),
    );
    await user.click(await screen.findByRole('button', { name: 'Give online access' }));
    expect(await screen.findByRole('status')).toHaveTextContent('can now sign in online with jon@example.com');
    expect(fetch.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Give online access' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Online access was not given');
    expect(alert).toHaveTextContent('already signs in to another account');
  });

  it('lists upcoming, past and cancelled appointments with no-show and late-cancellation counts', async () => {
    renderAs('frontdesk', '/staff/patients/p1', [
      route('GET', '/api/patients/p1/appointments', () =>
        json({
          upcoming: [appointment({ id: 'a1', serviceName: 'Botox', startTime: '2026-12-01T13:00:00-05:00', endTime: '2026-12-01T13:30:00-05:00' })],
          past: [appointment({ id: 'a2', serviceName: 'HydraFacial', status: 'no-show', startTime: '2026-10-01T10:00:00-04:00', endTime: '2026-10-01T11:00:00-04:00' })],
          cancelled: [appointment({ id: 'a3', serviceName: 'Lip filler', status: 'cancelled', lateCancellation: true })],
          noShows: 1,
          lateCancellations: 1,
        }),
      ),
      ...cardHandlers(() => deskRecord()),
    ]);
    const panel = await screen.findByRole('tabpanel', { name: 'Appointments' });
    expect(await within(panel).findByRole('region', { name: 'Upcoming appointments' })).toHaveTextContent('Tue 1 Dec 2026, 1:00 PM–1:30 PM');
    expect(within(panel).getByRole('region', { name: 'Past appointments' })).toHaveTextContent('No-show');
    expect(within(panel).getByRole('region', { name: 'Cancelled appointments' })).toHaveTextContent('Late cancellation');
    expect(within(panel).getByText('No-shows').nextSibling).toHaveTextContent('1');
    expect(within(panel).getByText('Late cancellations').nextSibling).toHaveTextContent('1');
  });

  it('shows the membership on the Billing tab, and the tabs are reachable with the arrow keys; the desk has no Charts tab', async () => {
    const user = userEvent.setup();
    renderAs('frontdesk', '/staff/patients/p1', [
      route('GET', '/api/patients/p1/memberships', () => json({ items: [] })),
      route('GET', '/api/membership-plans', () => json({ items: [{ id: 'glow', name: 'Glow membership', price: { amount: 9_900, currency: 'USD' }, interval: 'monthly' }] })),
      ...cardHandlers(() => deskRecord()),
    ]);
    const tabs = await screen.findAllByRole('tab');
    expect(tabs.map((t) => t.textContent)).toEqual(['Appointments', 'Details', 'Forms & consents', 'Communications', 'Family', 'Billing']);
    tabs[0].focus();
    await user.keyboard('{End}');
    expect(screen.getByRole('tab', { name: 'Billing' })).toHaveAttribute('aria-selected', 'true');
    const billing = screen.getByRole('tabpanel', { name: 'Billing' });
    expect(await within(billing).findByRole('button', { name: 'Join and charge $99.00 to the card on file' })).toBeInTheDocument();
    expect(within(billing).getByRole('combobox', { name: 'Plan' })).toHaveDisplayValue('Glow membership — $99.00 a month');
    await user.keyboard('{ArrowLeft}');
    expect(screen.getByRole('tab', { name: 'Family' })).toHaveAttribute('aria-selected', 'true');
  });

  it('has no Billing tab for a practitioner: they do not handle money', async () => {
    renderAs('practitioner', '/staff/patients/p1', cardHandlers(() => fullRecord()));
    const tabs = await screen.findAllByRole('tab');
    expect(tabs.map((t) => t.textContent)).not.toContain('Billing');
  });

  it('says so when the patient does not exist or is not the caller’s to open', async () => {
    renderAs('practitioner', '/staff/patients/nobody', []);
    expect(await screen.findByRole('heading', { level: 1, name: 'This patient was not found' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to the calendar' })).toHaveAttribute('href', '/staff/calendar');
  });
});

describe('patient details', () => {
  it('saves the whole profile with If-Match once something changed, and shows what was saved', async () => {
    const user = userEvent.setup();
    let current = deskRecord();
    const fetch = renderAs(
      'frontdesk',
      '/staff/patients/p1',
      cardHandlers(
        () => current,
        [
          route('PUT', '/api/patients/p1', () => {
            current = deskRecord({ phone: '+16465550123', etag: '"v2"' });
            return json(current, { headers: { ETag: '"v2"' } });
          }),
        ],
      ),
    );
    await user.click(await screen.findByRole('tab', { name: 'Details' }));
    const save = screen.getByRole('button', { name: 'Save details' });
    expect(save).toBeDisabled();
    await retypePhone(user, '(646) 555-0123');
    expect(save).toBeEnabled();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Language for messages' }), 'Spanish');
    await user.click(save);
    expect(await screen.findByText('Details saved.')).toBeInTheDocument();
    const put = savedWithIfMatch(fetch.requests);
    expect(put.body).toEqual({
      firstName: 'Jonathan',
      lastName: 'Smith',
      preferredName: 'Jon',
      pronouns: 'he/him',
      dateOfBirth: '1985-04-23',
      email: 'jon@example.com',
      phone: '(646) 555-0123',
      alternatePhone: null,
      address: null,
      communicationPreferences: { emailReminders: true, smsReminders: true, marketingEmails: false, language: 'es' },
      privacyPreferences: { voicemailOk: true, discussWithFamily: false, firstNameOnlyInPublic: false },
      status: 'active',
      profileType: 'patient',
      tags: ['VIP'],
    });
    // The saved number, as the API stored it, in the header and in the form; nothing left to save.
    expect(screen.getByRole('link', { name: '+1 (646) 555-0123' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Phone' })).toHaveValue('+1 (646) 555-0123');
    expect(screen.getByRole('button', { name: 'Save details' })).toBeDisabled();
  });

  it('lets an admin edit the clinical lists and sends them', async () => {
    const user = userEvent.setup();
    const fetch = renderAs(
      'admin',
      '/staff/patients/p1',
      cardHandlers(() => fullRecord(), [route('PUT', '/api/patients/p1', (req) => json({ ...fullRecord(), ...(req.body as object), etag: '"v2"' }))]),
    );
    await user.click(await screen.findByRole('tab', { name: 'Details' }));
    const allergies = screen.getByRole('group', { name: 'Allergies' });
    await user.click(within(allergies).getByRole('button', { name: 'Add allergy' }));
    await user.click(screen.getByRole('button', { name: 'Save details' }));
    // An empty line is the person's to fill or remove.
    expect(await within(allergies).findByText('Enter the allergy, or remove this line.')).toBeInTheDocument();
    await user.type(within(allergies).getByRole('textbox', { name: 'Allergy 2' }), 'Latex');
    await user.click(screen.getByRole('button', { name: 'Save details' }));
    expect(await screen.findByText('Details saved.')).toBeInTheDocument();
    const put = fetch.requests.find((r) => r.method === 'PUT')!;
    expect(put.body).toMatchObject({ allergies: ['Lidocaine — hives', 'Latex'], medicalAlerts: ['Pacemaker'], medications: [], tags: ['VIP'] });
    expect(screen.getByRole('region', { name: /^Allergies/ })).toHaveTextContent('Latex');
  });

  it('keeps a practitioner’s filing fields read-only', async () => {
    const user = userEvent.setup();
    renderAs('practitioner', '/staff/patients/p1', cardHandlers(() => fullRecord()));
    await user.click(await screen.findByRole('tab', { name: 'Details' }));
    expect(screen.getByRole('combobox', { name: 'Status' })).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Add tag' })).not.toBeInTheDocument();
    expect(within(screen.getByRole('group', { name: 'Allergies' })).getByRole('button', { name: 'Add allergy' })).toBeEnabled();
  });

  it('when someone else saved first, shows their version and says so instead of overwriting it', async () => {
    const user = userEvent.setup();
    let current = deskRecord();
    renderAs(
      'frontdesk',
      '/staff/patients/p1',
      cardHandlers(
        () => current,
        [
          route('PUT', '/api/patients/p1', () => {
            current = deskRecord({ email: 'jon.smith@example.com', etag: '"v2"' });
            return problem(412, { title: 'Precondition failed' });
          }),
        ],
      ),
    );
    await user.click(await screen.findByRole('tab', { name: 'Details' }));
    await user.type(screen.getByRole('textbox', { name: 'Pronouns' }), 'x');
    await user.click(screen.getByRole('button', { name: 'Save details' }));
    expect(await screen.findByText('This patient’s record changed since you opened it')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Email' })).toHaveValue('jon.smith@example.com'));
    expect(screen.getByRole('textbox', { name: 'Pronouns' })).toHaveValue('he/him');
    expect(screen.queryByText(/Precondition/)).not.toBeInTheDocument();
  });

  it('shows the API’s field errors next to their inputs, and a refusal’s reason', async () => {
    const user = userEvent.setup();
    let answer = problem(400, { title: 'Some fields need attention', errors: { phone: ['Enter a phone number that can be called.'], 'address.country': ['A two-letter country code like US.'] } });
    renderAs('frontdesk', '/staff/patients/p1', cardHandlers(() => deskRecord(), [route('PUT', '/api/patients/p1', () => answer)]));
    await user.click(await screen.findByRole('tab', { name: 'Details' }));
    await user.type(screen.getByRole('textbox', { name: 'Address line 1' }), '1 Main St');
    await user.type(screen.getByRole('textbox', { name: 'City' }), 'New York');
    await user.type(screen.getByRole('textbox', { name: 'Country' }), 'US');
    await user.click(screen.getByRole('button', { name: 'Save details' }));
    const phone = screen.getByRole('textbox', { name: 'Phone' });
    await waitFor(() => expect(phone).toHaveAttribute('aria-invalid', 'true'));
    expect(phone).toHaveAccessibleDescription(expect.stringContaining('Enter a phone number that can be called.'));
    expect(phone).toHaveFocus();
    expect(screen.getByRole('textbox', { name: 'Country' })).toHaveAccessibleDescription(expect.stringContaining('A two-letter country code like US.'));

    answer = problem(403, { title: 'Forbidden', detail: 'You may not change status, profile type or tags on a patient’s record.' });
    await user.click(screen.getByRole('button', { name: 'Save details' }));
    expect(await screen.findByText('You may not change status, profile type or tags on a patient’s record.')).toBeInTheDocument();
  });
});

describe('archive and restore', () => {
  it('lets an admin archive (with If-Match, after confirming) and restore the record', async () => {
    const user = userEvent.setup();
    let current = fullRecord();
    const fetch = renderAs(
      'admin',
      '/staff/patients/p1',
      cardHandlers(
        () => current,
        [
          route('DELETE', '/api/patients/p1', () => {
            current = fullRecord({ archived: true, etag: '"v2"' });
            return new Response(null, { status: 204 });
          }),
          route('POST', '/api/patients/p1/restore', () => {
            current = fullRecord({ archived: false, etag: '"v3"' });
            return json(current);
          }),
        ],
      ),
    );
    await user.click(await screen.findByRole('button', { name: 'Archive patient' }));
    const confirm = screen.getByRole('dialog', { name: 'Archive this patient?' });
    expect(within(confirm).getByRole('button', { name: 'Keep patient' })).toHaveFocus();
    await user.click(within(confirm).getByRole('button', { name: 'Archive patient' }));
    expect(await screen.findByText(/^Archived Jon Smith\./)).toBeInTheDocument();
    expect(screen.getByRole('note')).toHaveTextContent('This patient is hidden from the patient list and search');
    expect(fetch.requests.find((r) => r.method === 'DELETE')!.headers.get('If-Match')).toBe('"v1"');
    expect(screen.queryByRole('button', { name: 'Archive patient' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Restore patient' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Restore this patient?' })).getByRole('button', { name: 'Restore patient' }));
    expect(await screen.findByText('Restored Jon Smith.')).toBeInTheDocument();
    expect(fetch.requests.find((r) => r.method === 'POST')!.headers.get('If-Match')).toBe('"v2"');
    expect(screen.queryByRole('note')).not.toBeInTheDocument();
  });

  it.each(['frontdesk', 'practitioner'] as const)('offers %s no archive or restore', async (role) => {
    renderAs(role, '/staff/patients/p1', cardHandlers(() => (role === 'frontdesk' ? deskRecord({ archived: true }) : fullRecord({ archived: true }))));
    expect(await screen.findByRole('note')).toHaveTextContent('An admin can restore the record.');
    expect(screen.queryByRole('button', { name: /Archive|Restore/ })).not.toBeInTheDocument();
  });
});
