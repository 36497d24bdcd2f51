import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PatientRecord } from '../api/patients';
import { NY, appointment, botox, facial, policies } from '../test/booking';
import { fullRecord, retypePhone, savedWithIfMatch } from '../test/patients';
import { fakeAuth, json, meFor, mockFetch, problem, renderApp, route, type Handler } from '../test/utils';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-23T15:00:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** A record as its patient reads it: the clinical lists, not how the clinic files them. */
function ownRecord(overrides: Partial<PatientRecord> = {}): PatientRecord {
  const { status: _s, profileType: _p, tags: _t, ...rest } = fullRecord({
    id: 'patient-1',
    firstName: 'Pat',
    lastName: 'Patient',
    displayName: 'Pat Patient',
    preferredName: null,
    medications: [],
    ...overrides,
  });
  return rest;
}

function renderAsPatient(path: string, handlers: Handler[]) {
  const fetch = mockFetch(...handlers);
  renderApp(path, fakeAuth({ me: meFor('patient'), fetch }));
  return fetch;
}

describe('My details', () => {
  it('saves a changed phone with If-Match, sends the clinic’s lists back as read, and says so', async () => {
    const user = userEvent.setup();
    let current = ownRecord();
    const fetch = renderAsPatient('/patient/profile', [
      route('GET', '/api/patients/patient-1', () => json(current, { headers: { ETag: current.etag } })),
      route('PUT', '/api/patients/patient-1', () => {
        current = ownRecord({ phone: '+12125550199', etag: '"v2"' });
        return json(current, { headers: { ETag: '"v2"' } });
      }),
    ]);
    expect(await screen.findByRole('heading', { level: 1, name: 'My details' })).toBeInTheDocument();
    // What the clinic notes is shown, not edited.
    const notes = await screen.findByRole('region', { name: 'What the clinic has on file' });
    expect(within(notes).getByText('Lidocaine — hives')).toBeInTheDocument();
    expect(within(notes).getByText('Pacemaker')).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: /Allerg/ })).not.toBeInTheDocument();

    await retypePhone(user, '(212) 555-0199');
    await user.click(screen.getByRole('button', { name: 'Save details' }));

    expect(await screen.findByText('Your details are saved.')).toBeInTheDocument();
    const put = savedWithIfMatch(fetch.requests);
    expect(put.body).toMatchObject({
      firstName: 'Pat',
      lastName: 'Patient',
      phone: '(212) 555-0199',
      email: 'jon@example.com',
      allergies: ['Lidocaine — hives'],
      medicalAlerts: ['Pacemaker'],
      communicationPreferences: { emailReminders: true, smsReminders: true, marketingEmails: false },
    });
    expect(put.body).not.toHaveProperty('status');
    expect(put.body).not.toHaveProperty('tags');
    expect(screen.getByRole('textbox', { name: 'Phone' })).toHaveValue('+1 (212) 555-0199');
  });

  it('puts the API’s field error next to its input and focuses it', async () => {
    const user = userEvent.setup();
    renderAsPatient('/patient/profile', [
      route('GET', '/api/patients/patient-1', () => json(ownRecord(), { headers: { ETag: '"v1"' } })),
      route('PUT', '/api/patients/patient-1', () =>
        problem(400, { title: 'The request was not valid', errors: { Phone: ['Enter a phone number the clinic can call.'] } }),
      ),
    ]);
    const phone = await screen.findByRole('textbox', { name: 'Phone' });
    await user.clear(phone);
    await user.type(phone, '555 0000000');
    await user.click(screen.getByRole('button', { name: 'Save details' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('The request was not valid');
    await waitFor(() => expect(phone).toHaveFocus());
    expect(phone).toHaveAttribute('aria-invalid', 'true');
    expect(phone).toHaveAccessibleDescription(/Enter a phone number the clinic can call\./);
    expect(phone.closest('.field')).toHaveTextContent('Enter a phone number the clinic can call.');
    expect(screen.queryByText('Your details are saved.')).not.toBeInTheDocument();
  });

  it('checks the form before sending: an email that is not one is marked on its input', async () => {
    const user = userEvent.setup();
    const fetch = renderAsPatient('/patient/profile', [route('GET', '/api/patients/patient-1', () => json(ownRecord(), { headers: { ETag: '"v1"' } }))]);
    const email = await screen.findByRole('textbox', { name: 'Email' });
    await user.clear(email);
    await user.type(email, 'not-an-email');
    await user.click(screen.getByRole('button', { name: 'Save details' }));
    await waitFor(() => expect(email).toHaveFocus());
    expect(email.closest('.field')).toHaveTextContent('Enter a valid email address.');
    expect(fetch.requests.some((r) => r.method === 'PUT')).toBe(false);
  });

  it('reads the record again when someone else saved first (412)', async () => {
    const user = userEvent.setup();
    let reads = 0;
    renderAsPatient('/patient/profile', [
      route('GET', '/api/patients/patient-1', () => {
        reads += 1;
        const r = reads === 1 ? ownRecord() : ownRecord({ email: 'pat@new.example', etag: '"v2"' });
        return json(r, { headers: { ETag: r.etag } });
      }),
      route('PUT', '/api/patients/patient-1', () => problem(412, { title: 'Someone else changed this item' })),
    ]);
    const phone = await screen.findByRole('textbox', { name: 'Phone' });
    await user.type(phone, '1');
    await user.click(screen.getByRole('button', { name: 'Save details' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Your details changed since you opened them');
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Email' })).toHaveValue('pat@new.example'));
    expect(reads).toBe(2);
  });

  it('downloads the patient’s data as a JSON file and links to who viewed the record', async () => {
    const user = userEvent.setup();
    const createObjectURL = vi.fn((blob: Blob) => (blob ? 'blob:record' : ''));
    // jsdom has no object URLs: a URL class that has them, for this test only.
    class UrlWithObjects extends URL {
      static createObjectURL = createObjectURL;
      static revokeObjectURL = vi.fn();
    }
    vi.stubGlobal('URL', UrlWithObjects);
    const fetch = renderAsPatient('/patient/profile', [
      route('GET', '/api/patients/patient-1', () => json(ownRecord(), { headers: { ETag: '"v1"' } })),
      route('GET', '/api/patients/patient-1/export', () => json({ patient: { id: 'patient-1' }, appointments: [] })),
    ]);
    await user.click(await screen.findByRole('button', { name: 'Download my data' }));
    expect(await screen.findByText('Your data was downloaded.')).toBeInTheDocument();
    expect(fetch.requests.some((r) => r.url.pathname === '/api/patients/patient-1/export')).toBe(true);
    const blob = createObjectURL.mock.calls[0][0];
    expect(JSON.parse(await blob.text())).toEqual({ patient: { id: 'patient-1' }, appointments: [] });
    expect(screen.getByRole('link', { name: 'Who viewed my record' })).toHaveAttribute('href', '/patient/access-log');
  });

  it('is linked from the patient’s home, with My family', async () => {
    renderAsPatient('/patient', [route('GET', '/api/booking/my-appointments', () => json({ upcoming: [], past: [], cancelled: [] }))]);
    expect(await screen.findByRole('link', { name: 'My details' })).toHaveAttribute('href', '/patient/profile');
    expect(screen.getByRole('link', { name: 'My family' })).toHaveAttribute('href', '/patient/family');
  });
});

const lily = ownRecord({
  id: 'kid-1',
  firstName: 'Lily',
  lastName: 'Patient',
  displayName: 'Lily Patient',
  dateOfBirth: '2015-06-01',
  email: null,
  phone: null,
  allergies: [],
  medicalAlerts: [],
  etag: '"k1"',
});

function familyHandlers(): Handler[] {
  return [
    route('GET', '/api/patients/patient-1/relationships', () =>
      json({
        items: [
          { patientId: 'kid-1', name: 'Lily Patient', relationship: 'child', primaryContact: false },
          { patientId: 'sp-1', name: 'Sam Patient', relationship: 'spouse', primaryContact: false },
          { patientId: 'kid-2', name: 'Noah Other', relationship: 'child', primaryContact: false },
        ],
      }),
    ),
    route('GET', '/api/patients/kid-1', () => json(lily, { headers: { ETag: lily.etag } })),
    route('GET', '/api/patients/kid-2', () => problem(404, { title: 'Not found' })),
    route('GET', '/api/patients/kid-1/appointments', () =>
      json({
        upcoming: [appointment({ id: 'a9', patientId: 'kid-1', patientName: 'Lily Patient', serviceName: 'HydraFacial' })],
        past: [],
        cancelled: [],
        noShows: 0,
        lateCancellations: 0,
      }),
    ),
    route('GET', '/api/booking/locations', () => json({ items: [NY] })),
    route('GET', '/api/booking/services', () => json({ items: [botox, facial] })),
    route('GET', '/api/booking/practitioners', () => json({ items: [{ id: 'p1', displayName: 'Ivy Injector', bio: '', photoUrl: '' }] })),
    route('GET', '/api/booking/availability', () =>
      json({ timeZone: 'America/New_York', slots: [{ startTime: '2026-11-24T18:00:00Z', endTime: '2026-11-24T19:00:00Z', practitionerIds: ['p1'] }] }),
    ),
    route('GET', '/api/booking/policies', () => json(policies)),
  ];
}

describe('My family', () => {
  it('lists the children the patient manages with their upcoming appointments, and books for one', async () => {
    const user = userEvent.setup();
    const fetch = renderAsPatient('/patient/family', [
      ...familyHandlers(),
      route('POST', '/api/booking/appointments', () =>
        json(
          appointment({
            id: 'a10',
            patientId: 'kid-1',
            patientName: 'Lily Patient',
            serviceId: facial.id,
            serviceName: 'HydraFacial',
            startTime: '2026-11-24T13:00:00-05:00',
            endTime: '2026-11-24T14:00:00-05:00',
          }),
          { status: 201 },
        ),
      ),
    ]);
    expect(await screen.findByRole('heading', { level: 1, name: 'My family' })).toBeInTheDocument();
    const card = await screen.findByRole('region', { name: 'Lily Patient' });
    expect(await within(card).findByText('HydraFacial')).toBeInTheDocument();
    expect(within(card).getByText('Tue 24 Nov 2026, 1:00 PM')).toBeInTheDocument();
    expect(within(card).getByRole('link', { name: 'Edit details for Lily Patient' })).toHaveAttribute('href', '/patient/family/kid-1');
    // A spouse is not someone the patient books for; a child whose record does not name them is not theirs to manage.
    expect(screen.queryByRole('region', { name: 'Sam Patient' })).not.toBeInTheDocument();
    const other = screen.getByRole('region', { name: 'Noah Other' });
    expect(await within(other).findByText(/has not recorded you as Noah Other’s parent or guardian/)).toBeInTheDocument();
    expect(within(other).queryByRole('link')).not.toBeInTheDocument();

    await user.click(within(card).getByRole('link', { name: 'Book for Lily Patient' }));
    expect(await screen.findByRole('note')).toHaveTextContent('Booking for Lily Patient');
    await user.click(await screen.findByRole('radio', { name: /HydraFacial/ }));
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await screen.findByRole('radiogroup', { name: 'Practitioner' });
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await user.click(await screen.findByRole('button', { name: '1:00 PM' }));
    await user.click(await screen.findByRole('button', { name: 'Book appointment' }));

    expect(await screen.findByRole('heading', { name: "You're booked" })).toBeInTheDocument();
    expect(screen.getByText('This appointment is for Lily Patient.')).toBeInTheDocument();
    const post = fetch.requests.find((r) => r.method === 'POST' && r.url.pathname === '/api/booking/appointments')!;
    expect(post.body).toEqual({
      serviceId: facial.id,
      locationId: 'loc1',
      startTime: '2026-11-24T18:00:00Z',
      patientId: 'kid-1',
    });
  });

  it('edits a child’s details with the same form, on the child’s record', async () => {
    const user = userEvent.setup();
    const fetch = renderAsPatient('/patient/family/kid-1', [
      ...familyHandlers(),
      route('PUT', '/api/patients/kid-1', () => json({ ...lily, preferredName: 'Lil', etag: '"k2"' }, { headers: { ETag: '"k2"' } })),
    ]);
    expect(await screen.findByRole('heading', { level: 1, name: 'Lily Patient’s details' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to my family' })).toHaveAttribute('href', '/patient/family');
    expect(screen.queryByRole('button', { name: 'Download my data' })).not.toBeInTheDocument();
    await user.type(screen.getByRole('textbox', { name: 'Preferred name' }), 'Lil');
    await user.click(screen.getByRole('button', { name: 'Save details' }));
    expect(await screen.findByText('Lily Patient’s details are saved.')).toBeInTheDocument();
    const put = fetch.requests.find((r) => r.method === 'PUT')!;
    expect(put.url.pathname).toBe('/api/patients/kid-1');
    expect(put.headers.get('If-Match')).toBe('"k1"');
    expect(put.body).toMatchObject({ firstName: 'Lily', preferredName: 'Lil' });
  });

  it('says so when the booking is for someone the patient cannot book for', async () => {
    renderAsPatient('/patient/book?for=kid-2', familyHandlers());
    expect(await screen.findByRole('alert')).toHaveTextContent('You cannot book for this person');
    expect(screen.queryByRole('radio')).not.toBeInTheDocument();
  });
});
