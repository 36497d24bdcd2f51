import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { CommunicationEntry, FamilyMember, PatientRecord } from '../../api/patients';
import type { Role } from '../../api/types';
import { deskRecord as patientRecord } from '../../test/patients';
import { fakeAuth, json, meFor, mockFetch, problem, renderApp, route, type Handler, withStaffArea, expectToShow } from '../../test/utils';

withStaffArea('2026-11-24T14:00:00Z');

const deskRecord = (overrides: Partial<PatientRecord> = {}) => patientRecord({ pronouns: null, tags: [], ...overrides });

const entry = (id: string, extra: Partial<CommunicationEntry> = {}): CommunicationEntry => ({
  id,
  at: '2026-11-23T15:00:00Z',
  channel: 'email',
  direction: 'outbound',
  subject: 'Appointment reminder',
  body: null,
  by: 'MedSpa',
  byRole: null,
  ...extra,
});

function cardHandlers(extra: Handler[] = []): Handler[] {
  return [
    ...extra,
    route('GET', '/api/patients/p1', () => json(deskRecord(), { headers: { ETag: '"v1"' } })),
    route('GET', '/api/patients/p1/appointments', () => json({ upcoming: [], past: [], cancelled: [], noShows: 0, lateCancellations: 0 })),
  ];
}

function renderAs(role: Role, handlers: Handler[]) {
  const fetch = mockFetch(...cardHandlers(handlers));
  renderApp('/staff/patients/p1', fakeAuth({ me: meFor(role), fetch }));
  return fetch;
}

async function openTab(name: string) {
  const user = userEvent.setup();
  await user.click(await screen.findByRole('tab', { name }));
  return { user, panel: screen.getByRole('tabpanel', { name }) };
}

describe('communications tab', () => {
  it('lists the log newest first with channel, direction, who and subject; a logged contact is sent and the list reads again', async () => {
    let items: CommunicationEntry[] = [
      entry('c2', { channel: 'sms', subject: 'Your appointment tomorrow', at: '2026-11-23T15:00:00Z' }),
      entry('c1', { channel: 'note', direction: 'inbound', subject: 'Asked about prices', body: 'Wants a quote for filler.', by: 'Fran Desk', byRole: 'frontdesk', at: '2026-11-20T15:00:00Z' }),
    ];
    const fetch = renderAs('frontdesk', [
      route('GET', '/api/patients/p1/communications', () => json({ items })),
      route('POST', '/api/patients/p1/communications', (req) => {
        const body = req.body as { channel: 'phone'; direction: 'inbound'; subject: string; body?: string };
        const saved = entry('c3', { ...body, body: body.body ?? null, by: 'Fran Desk', byRole: 'frontdesk', at: '2026-11-24T14:00:00Z' });
        items = [saved, ...items];
        return json(saved, { status: 201 });
      }),
    ]);
    const { user, panel } = await openTab('Communications');
    const log = await within(panel).findByRole('list');
    const rows = within(log).getAllByRole('listitem');
    expect(rows).toHaveLength(2);
    expectToShow(rows[0], 'Text message', 'To the patient', 'by MedSpa', 'Your appointment tomorrow', /Nov 2026/);
    expectToShow(rows[1], 'From the patient', 'by Fran Desk (Front desk)', 'Wants a quote for filler.');

    const form = within(panel).getByRole('form', { name: 'Log a contact' });
    // The subject is needed before anything is sent.
    await user.click(within(form).getByRole('button', { name: 'Log contact' }));
    expect(await within(form).findByText('Enter a subject.')).toBeInTheDocument();
    expect(fetch.requests.some((r) => r.method === 'POST')).toBe(false);

    await user.selectOptions(within(form).getByRole('combobox', { name: 'Channel' }), 'Phone call');
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Direction' }), 'From the patient');
    await user.type(within(form).getByRole('textbox', { name: /Subject/ }), 'Called to move appointment');
    await user.type(within(form).getByRole('textbox', { name: /Note/ }), 'Moved to Friday.');
    await user.click(within(form).getByRole('button', { name: 'Log contact' }));
    expect(await within(form).findByRole('status')).toHaveTextContent('Logged “Called to move appointment”.');
    const post = fetch.requests.find((r) => r.method === 'POST')!;
    expect(post.body).toEqual({ channel: 'phone', direction: 'inbound', subject: 'Called to move appointment', body: 'Moved to Friday.' });
    await waitFor(() => expect(within(log).getAllByRole('listitem')).toHaveLength(3));
    expect(within(log).getAllByRole('listitem')[0]).toHaveTextContent('Phone call');
    expect(within(form).getByRole('textbox', { name: /Subject/ })).toHaveValue('');
  });

  it('says when nothing was sent or logged, and shows the API’s field errors next to their inputs', async () => {
    renderAs('practitioner', [
      route('GET', '/api/patients/p1/communications', () => json({ items: [] })),
      route('POST', '/api/patients/p1/communications', () =>
        problem(400, { title: 'Some fields need attention', errors: { subject: ['The subject is too long.'] } }),
      ),
    ]);
    const { user, panel } = await openTab('Communications');
    expect(await within(panel).findByText('No communications yet.')).toBeInTheDocument();
    const form = within(panel).getByRole('form', { name: 'Log a contact' });
    await user.type(within(form).getByRole('textbox', { name: /Subject/ }), 'Hello');
    await user.click(within(form).getByRole('button', { name: 'Log contact' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('Some fields need attention');
    expect(within(form).getByText('The subject is too long.')).toBeInTheDocument();
    expect(within(form).getByRole('textbox', { name: /Subject/ })).toHaveAttribute('aria-invalid', 'true');
  });
});

describe('family tab', () => {
  const members: FamilyMember[] = [{ patientId: 'p7', name: 'Mary Smith', relationship: 'parent', primaryContact: true }];

  it('lists members with links to their cards and a primary-contact badge', async () => {
    renderAs('practitioner', [route('GET', '/api/patients/p1/relationships', () => json({ items: members }))]);
    const { panel } = await openTab('Family');
    const link = await within(panel).findByRole('link', { name: 'Mary Smith' });
    expect(link).toHaveAttribute('href', '/staff/patients/p7');
    const item = link.closest('li')!;
    expect(item).toHaveTextContent('Parent');
    expect(item).toHaveTextContent('Primary contact');
    // Only the desk and admins link family members.
    expect(within(panel).queryByRole('form', { name: 'Add family member' })).not.toBeInTheDocument();
  });

  it('lets the desk search a patient, choose them and the relationship, and link them; primary contact only for a parent or guardian', async () => {
    let items: FamilyMember[] = [];
    const fetch = renderAs('frontdesk', [
      route('GET', '/api/patients/p1/relationships', () => json({ items })),
      route('GET', '/api/patients', (req) =>
        json({
          items:
            req.url.searchParams.get('q') === 'mary'
              ? [{ id: 'p7', firstName: 'Mary', lastName: 'Smith', dateOfBirth: '1960-02-01', email: 'mary@example.com', phone: null, status: 'active', archived: false }]
              : [],
          continuationToken: null,
        }),
      ),
      route('POST', '/api/patients/p1/relationships', () => {
        items = members;
        return json({ items }, { status: 201 });
      }),
    ]);
    const { user, panel } = await openTab('Family');
    expect(await within(panel).findByText('No family members linked.')).toBeInTheDocument();
    const form = within(panel).getByRole('form', { name: 'Add family member' });
    const primary = within(form).getByRole('checkbox', { name: 'Primary contact' });
    expect(primary).toBeDisabled();

    await user.type(within(form).getByRole('searchbox', { name: 'Find a patient' }), 'mary');
    await user.click(await within(form).findByRole('button', { name: 'Choose Mary Smith' }));
    expect(within(form).getByText('Mary Smith')).toBeInTheDocument();
    expect(fetch.requests.filter((r) => r.url.pathname === '/api/patients').map((r) => r.url.searchParams.get('q'))).toEqual(['mary']);

    await user.selectOptions(within(form).getByRole('combobox', { name: /Relationship/ }), 'Sibling');
    expect(primary).toBeDisabled();
    await user.selectOptions(within(form).getByRole('combobox', { name: /Relationship/ }), 'Parent');
    expect(primary).toBeEnabled();
    await user.click(primary);
    await user.click(within(form).getByRole('button', { name: 'Add family member' }));
    expect(await within(form).findByRole('status')).toHaveTextContent('Mary Smith is linked.');
    expect(fetch.requests.find((r) => r.method === 'POST')!.body).toEqual({ relatedPatientId: 'p7', relationship: 'parent', primaryContact: true });
    expect(await within(panel).findByRole('link', { name: 'Mary Smith' })).toHaveAttribute('href', '/staff/patients/p7');
  });

  it('asks for a family member before sending, and shows the API’s errors inline', async () => {
    renderAs('admin', [
      route('GET', '/api/patients/p1/relationships', () => json({ items: [] })),
      route('GET', '/api/patients', () =>
        json({ items: [{ id: 'p8', firstName: 'Tom', lastName: 'Smith', dateOfBirth: null, email: null, phone: null, status: 'active', archived: false }], continuationToken: null }),
      ),
      route('POST', '/api/patients/p1/relationships', () =>
        problem(400, { title: 'Some fields need attention', errors: { relatedPatientId: ['These patients are already linked.'] } }),
      ),
    ]);
    const { user, panel } = await openTab('Family');
    const form = await within(panel).findByRole('form', { name: 'Add family member' });
    await user.click(within(form).getByRole('button', { name: 'Add family member' }));
    expect(await within(form).findByText('Choose the family member.')).toBeInTheDocument();
    expect(within(form).getByText('Choose how they are related.')).toBeInTheDocument();

    await user.type(within(form).getByRole('searchbox', { name: 'Find a patient' }), 'tom');
    await user.click(await within(form).findByRole('button', { name: 'Choose Tom Smith' }));
    await user.selectOptions(within(form).getByRole('combobox', { name: /Relationship/ }), 'Spouse');
    await user.click(within(form).getByRole('button', { name: 'Add family member' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('Some fields need attention');
    expect(within(form).getByText('These patients are already linked.')).toBeInTheDocument();
  });
});
