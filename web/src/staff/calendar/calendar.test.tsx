import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Appointment } from '../../api/booking';
import type { Role } from '../../api/types';
import { appointment, policies } from '../../test/booking';
import { fakeAuth, json, meFor, mockFetch, problem, renderApp, route, type Handler, withStaffArea } from '../../test/utils';
import { liveServer } from '../../test/live';
import { actionsFor } from './statusRules';

const location = {
  id: 'loc1',
  name: 'Midtown',
  timeZone: 'America/New_York',
  address: { line1: '1 Main St', city: 'New York', region: 'NY', postalCode: '10001', country: 'US' },
  openingHours: [{ day: 'tuesday', open: '09:00', close: '17:00' }],
  closures: [],
  deleted: false,
  etag: '"l1"',
  createdAt: '',
  updatedAt: '',
};

const practitioners = [
  { id: 'p1', displayName: 'Ivy Injector' },
  { id: 'p2', displayName: 'Nora Nurse' },
];

type Hours = { date: string; closure: string | null; open: { startTime: string; endTime: string }[]; working: Record<string, { startTime: string; endTime: string }[]> };

const at = (date: string, hhmm: string) => `${date}T${hhmm}:00-05:00`;
const span = (date: string, from: string, to: string) => ({ startTime: at(date, from), endTime: at(date, to) });

/** Open 9:00–17:00 every shown day; both practitioners work all of it (unless `hours` says otherwise). */
function defaultHours(date: string, days: number): Hours[] {
  return Array.from({ length: days }, (_, i) => {
    const d = new Date(`${date}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() + i);
    const ymd = d.toISOString().slice(0, 10);
    return { date: ymd, closure: null, open: [span(ymd, '09:00', '17:00')], working: { p1: [span(ymd, '09:00', '17:00')], p2: [span(ymd, '09:00', '17:00')] } };
  });
}

function calendarHandlers(
  appointments: Appointment[],
  extra: Handler[] = [],
  options: { hours?: (date: string, days: number) => Hours[]; busy?: { practitionerId: string; startTime: string; endTime: string; source?: string }[] } = {},
): Handler[] {
  return [
    ...extra,
    route('GET', '/api/locations', () => json({ items: [location], continuationToken: null })),
    route('GET', '/api/appointments', (req) => {
      const date = req.url.searchParams.get('date')!;
      const days = Number(req.url.searchParams.get('days'));
      return json({
        timeZone: 'America/New_York',
        date,
        days,
        practitioners,
        rooms: [
          { id: 'r1', name: 'Room 1', type: 'treatment' },
          { id: 'r2', name: 'Room 2', type: 'treatment' },
        ],
        appointments,
        busy: options.busy ?? [],
        hours: (options.hours ?? defaultHours)(date, days),
      });
    }),
  ];
}

const booked = appointment({
  id: 'a1',
  practitionerId: 'p2',
  practitionerName: 'Nora Nurse',
  patientName: 'Pat Patient',
  serviceName: 'Botox',
  startTime: '2026-11-24T10:00:00-05:00',
  endTime: '2026-11-24T10:30:00-05:00',
  roomId: 'r2',
  status: 'scheduled',
  allowedActions: ['confirmed', 'arrived', 'no-show', 'cancelled', 'reschedule'],
});

/** The lines a compact block shows (without the text only screen readers get). */
function visibleLines(block: HTMLElement): string[] {
  return [...block.querySelectorAll('.cal__appt-line')].map((line) => {
    const copy = line.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.sr-only').forEach((n) => n.remove());
    return copy.textContent!.trim();
  });
}

function renderCalendar(role: Role, handlers: Handler[]) {
  const fetch = mockFetch(...handlers);
  renderApp('/staff/calendar', fakeAuth({ me: meFor(role), fetch }));
  return fetch;
}

withStaffArea('2026-11-24T14:00:00Z');

describe('status buttons', () => {
  it('are exactly the actions the API allows, in the panel\'s order', () => {
    const labels = (allowed?: string[]) => actionsFor(allowed).map((a) => a.label);
    expect(labels(['cancelled', 'confirmed', 'arrived', 'reschedule'])).toEqual(['Confirm', 'Check in', 'Cancel']);
    expect(labels(['scheduled', 'cancelled'])).toEqual(['Approve', 'Cancel']);
    expect(labels(['completed'])).toEqual(['Complete']);
    expect(labels([])).toEqual([]);
    expect(labels(undefined)).toEqual([]);
  });
});

describe('staff calendar', () => {
  it('shows a booking made elsewhere as soon as the server says this location changed (another location’s change reads nothing), and says when it is back to checking on its own', async () => {
    liveServer.up = true;
    const appointments = [booked];
    const fetch = renderCalendar('frontdesk', calendarHandlers(appointments));
    await screen.findByRole('group', { name: 'Nora Nurse' });
    await waitFor(() => expect(liveServer.connections).toHaveLength(1));
    expect(liveServer.connections[0].url).toBe('/api/live/calendar');
    const reads = () => fetch.requests.filter((r) => r.url.pathname === '/api/appointments').length;
    const before = reads();

    // Another desk books Ivy at 11:00; the server pushes the change (a different location's changes are not this page's).
    appointments.push(appointment({ ...booked, id: 'a2', practitionerId: 'p1', practitionerName: 'Ivy Injector', patientName: 'Olive Online',
      startTime: '2026-11-24T11:00:00-05:00', endTime: '2026-11-24T11:30:00-05:00' }));
    liveServer.push('calendarChanged', { locationId: 'elsewhere', date: '2026-11-24' });
    expect(reads()).toBe(before);
    liveServer.push('calendarChanged', { locationId: 'loc1', date: '2026-11-24' });
    expect(await within(screen.getByRole('group', { name: 'Ivy Injector' })).findByRole('button', { name: /Olive Online/ })).toBeInTheDocument();
    expect(reads()).toBe(before + 1);
    expect(screen.getByText('Live')).toBeInTheDocument();

    // The connection drops: the page says it checks on its own again.
    act(() => liveServer.connections[0].drop());
    expect(await screen.findByText('Checking every 15 s')).toBeInTheDocument();
  });

  it('puts each appointment block in its practitioner’s column, on the location’s day and hours', async () => {
    const fetch = renderCalendar('frontdesk', calendarHandlers([booked]));
    expect(await screen.findByRole('heading', { level: 1, name: 'Calendar' })).toBeInTheDocument();
    const nora = await screen.findByRole('group', { name: 'Nora Nurse' });
    // A 30-minute block is compact: time and patient on one line, the service under it; everything in its name and title.
    const block = within(nora).getByRole('button', { name: '10:00 AM Pat Patient, Botox, 10:00 AM–10:30 AM, Scheduled' });
    expect(visibleLines(block)).toEqual(['10:00 AM Pat Patient', 'Botox']);
    expect(block).toHaveAttribute('title', '10:00 AM Pat Patient, Botox, 10:00 AM–10:30 AM, Scheduled');
    const ivy = screen.getByRole('group', { name: 'Ivy Injector' });
    expect(within(ivy).queryByRole('button', { name: /Botox/ })).not.toBeInTheDocument();
    // Rows run from opening (9:00) to closing (17:00) in 15-minute steps.
    expect(within(ivy).getByRole('button', { name: 'Book 9:00 AM with Ivy Injector' })).toBeInTheDocument();
    expect(within(ivy).getByRole('button', { name: 'Book 4:45 PM with Ivy Injector' })).toBeInTheDocument();
    expect(within(ivy).queryByRole('button', { name: 'Book 5:00 PM with Ivy Injector' })).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Tuesday 24 November 2026' })).toBeInTheDocument();
    expect(await screen.findByText(/^Updated \d{1,2}:\d\d:\d\d [AP]M$/)).toBeInTheDocument();
    const req = fetch.requests.find((r) => r.url.pathname === '/api/appointments')!;
    expect(Object.fromEntries(req.url.searchParams)).toEqual({ locationId: 'loc1', date: '2026-11-24', days: '1' });
  });

  it('writes every time the clinic’s way when the clinic chose a 24-hour clock', async () => {
    renderCalendar('frontdesk', calendarHandlers([booked], [route('GET', '/api/booking/policies', () => json({ ...policies, clockFormat: '24h' }))]));
    const nora = await screen.findByRole('group', { name: 'Nora Nurse' });
    expect(await within(nora).findByRole('button', { name: '10:00 Pat Patient, Botox, 10:00–10:30, Scheduled' })).toBeInTheDocument();
    const ivy = screen.getByRole('group', { name: 'Ivy Injector' });
    expect(within(ivy).getByRole('button', { name: 'Book 16:45 with Ivy Injector' })).toBeInTheDocument();
    expect(screen.queryByText(/\b(AM|PM)\b/)).not.toBeInTheDocument();
    expect(await screen.findByText(/^Updated \d\d:\d\d:\d\d$/)).toBeInTheDocument();
  });

  it('switches to rooms, moves by day and shows a week', async () => {
    const user = userEvent.setup();
    const fetch = renderCalendar('frontdesk', calendarHandlers([booked]));
    await screen.findByRole('group', { name: 'Nora Nurse' });
    await user.click(screen.getByRole('button', { name: 'By room' }));
    expect(within(screen.getByRole('group', { name: 'Room 2' })).getByRole('button', { name: /Botox/ })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Next day' }));
    await waitFor(() =>
      expect(fetch.requests.some((r) => r.url.searchParams.get('date') === '2026-11-25')).toBe(true),
    );
    await user.click(screen.getByRole('button', { name: 'Today' }));
    await user.click(screen.getByRole('button', { name: 'Week' }));
    await waitFor(() => expect(fetch.requests.some((r) => r.url.searchParams.get('days') === '7')).toBe(true));
    expect(await screen.findByRole('group', { name: 'Tue 24 Nov' })).toBeInTheDocument();
    expect(within(screen.getByRole('group', { name: 'Tue 24 Nov' })).getByRole('button', { name: /Botox/ })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Mon 30 Nov' })).toBeInTheDocument();
  });

  it('opens an appointment and changes its status with the legal buttons only', async () => {
    const user = userEvent.setup();
    const fetch = renderCalendar(
      'frontdesk',
      calendarHandlers(
        [booked],
        [
          route('POST', '/api/appointments/a1/status', (req) => {
            const status = (req.body as { status: string }).status;
            return json({ ...booked, status, allowedActions: status === 'arrived' ? ['completed'] : [] });
          }),
        ],
      ),
    );
    await user.click(await screen.findByRole('button', { name: /Pat Patient, Botox/ }));
    const panel = screen.getByRole('dialog', { name: 'Botox — Pat Patient' });
    const actions = within(panel).getByRole('group', { name: 'Change status' });
    expect(within(actions).getAllByRole('button').map((b) => b.textContent)).toEqual(['Confirm', 'Check in', 'No-show', 'Cancel']);

    await user.click(within(actions).getByRole('button', { name: 'Check in' }));
    expect(await within(panel).findByText('Status changed to Arrived.')).toBeInTheDocument();
    expect(within(within(panel).getByRole('group', { name: 'Change status' })).getAllByRole('button').map((b) => b.textContent)).toEqual([
      'Complete',
    ]);
    const post = fetch.requests.find((r) => r.url.pathname === '/api/appointments/a1/status')!;
    expect(post.body).toEqual({ status: 'arrived' });
    // Nothing was missing: no warning.
    expect(within(panel).queryByRole('alert')).not.toBeInTheDocument();
    // The calendar reloads right after the change.
    await waitFor(() => expect(fetch.requests.filter((r) => r.url.pathname === '/api/appointments')).toHaveLength(2));
  });

  it('edits the notes from the panel with the appointment\'s version', async () => {
    const user = userEvent.setup();
    const fetch = renderCalendar(
      'frontdesk',
      calendarHandlers(
        [{ ...booked, notes: 'Sensitive skin' }],
        [route('PUT', '/api/booking/appointments/a1', (req) => json({ ...booked, notes: (req.body as { notes: string }).notes, etag: '"e2"' }))],
      ),
    );
    await user.click(await screen.findByRole('button', { name: /Pat Patient, Botox/ }));
    const panel = screen.getByRole('dialog', { name: 'Botox — Pat Patient' });
    expect(within(panel).getByText('Sensitive skin')).toBeInTheDocument();

    await user.click(within(panel).getByRole('button', { name: 'Edit notes' }));
    const box = within(panel).getByLabelText('Notes for this appointment');
    await user.clear(box);
    await user.type(box, 'Sensitive skin; fragrance-free products');
    await user.click(within(panel).getByRole('button', { name: 'Save notes' }));

    expect(await within(panel).findByText('Notes saved.')).toBeInTheDocument();
    expect(within(panel).getByText('Sensitive skin; fragrance-free products')).toBeInTheDocument();
    const put = fetch.requests.find((r) => r.method === 'PUT')!;
    expect(put.body).toEqual({ notes: 'Sensitive skin; fragrance-free products' });
    expect(put.headers.get('If-Match')).toBe('"e1"');
  });

  it('says why a booking was released, for the desk too', async () => {
    const user = userEvent.setup();
    renderCalendar(
      'frontdesk',
      calendarHandlers([{ ...booked, status: 'cancelled', allowedActions: [], statusReasonCode: 'deposit-declined' } as typeof booked]),
    );
    await user.click(await screen.findByRole('checkbox', { name: 'Show cancelled' }));
    await user.click(await screen.findByRole('button', { name: /Pat Patient, Botox/ }));
    expect(within(screen.getByRole('dialog')).getByText(/the deposit payment was declined/)).toBeInTheDocument();
  });

  it('shows the problem when a status change is refused', async () => {
    const user = userEvent.setup();
    renderCalendar(
      'frontdesk',
      calendarHandlers(
        [booked],
        [route('POST', '/api/appointments/a1/status', () => problem(409, { title: 'Not allowed', detail: 'It is too early to mark a no-show.' }))],
      ),
    );
    await user.click(await screen.findByRole('button', { name: /Pat Patient, Botox/ }));
    const panel = screen.getByRole('dialog');
    await user.click(within(panel).getByRole('button', { name: 'No-show' }));
    expect(await within(panel).findByRole('alert')).toHaveTextContent('It is too early to mark a no-show.');
  });

  it('lets practitioners only check in and complete, and not book', async () => {
    const user = userEvent.setup();
    // The API tells a practitioner what they may do on their own appointment: check in (later, complete).
    renderCalendar('practitioner', calendarHandlers([{ ...booked, allowedActions: ['arrived'] }]));
    const nora = await screen.findByRole('group', { name: 'Nora Nurse' });
    expect(within(nora).queryByRole('button', { name: /^Book / })).not.toBeInTheDocument();
    await user.click(within(nora).getByRole('button', { name: /Botox/ }));
    const actions = within(screen.getByRole('dialog')).getByRole('group', { name: 'Change status' });
    expect(within(actions).getAllByRole('button').map((b) => b.textContent)).toEqual(['Check in']);
  });

  it('books a found patient into an empty cell by phone or walk-in', async () => {
    const user = userEvent.setup();
    const fetch = renderCalendar(
      'frontdesk',
      calendarHandlers(
        [booked],
        [
          route('GET', '/api/services', () =>
            json({
              items: [
                { id: 'svc-botox', name: 'Botox', durationMinutes: 30, practitionerIds: ['p1', 'p2'], deleted: false },
                { id: 'svc-peel', name: 'Peel', durationMinutes: 45, practitionerIds: ['p2'], deleted: false },
              ],
              continuationToken: null,
            }),
          ),
          route('GET', '/api/patients', () =>
            json({ items: [{ id: 'pt9', firstName: 'Sam', lastName: 'Smith', email: 'sam@example.com', phone: '' }] }),
          ),
          route('POST', '/api/booking/appointments', (req) =>
            json(appointment({ id: 'a9', patientName: 'Sam Smith', startTime: (req.body as { startTime: string }).startTime }), {
              status: 201,
            }),
          ),
        ],
      ),
    );
    const ivy = await screen.findByRole('group', { name: 'Ivy Injector' });
    await user.click(within(ivy).getByRole('button', { name: 'Book 9:15 AM with Ivy Injector' }));
    const dialog = screen.getByRole('dialog', { name: 'Book an appointment' });
    expect(within(dialog).getByText('Tue 24 Nov 2026, 9:15 AM')).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Practitioner')).toHaveValue('p1');

    await user.click(within(dialog).getByRole('button', { name: 'Book' }));
    expect(within(dialog).getByLabelText('Service')).toHaveAccessibleDescription('Choose a service.');
    expect(fetch.requests.some((r) => r.method === 'POST')).toBe(false);

    await user.type(within(dialog).getByLabelText('Find patient'), 'sam');
    await user.click(within(dialog).getByRole('button', { name: 'Search' }));
    expect(await within(dialog).findByRole('radio', { name: /Sam Smith/ })).toBeChecked();
    // Only services Ivy performs.
    expect(within(within(dialog).getByLabelText('Service')).queryByRole('option', { name: /Peel/ })).not.toBeInTheDocument();
    await user.selectOptions(within(dialog).getByLabelText('Service'), 'svc-botox');
    await user.selectOptions(within(dialog).getByLabelText('Source'), 'Walk-in');
    await user.click(within(dialog).getByRole('button', { name: 'Book' }));

    expect(await screen.findByText('Booked Botox for Sam Smith at 9:15 AM.')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    const post = fetch.requests.find((r) => r.method === 'POST' && r.url.pathname === '/api/booking/appointments')!;
    expect(post.body).toEqual({
      serviceId: 'svc-botox',
      locationId: 'loc1',
      startTime: '2026-11-24T09:15:00-05:00',
      practitionerId: 'p1',
      patientId: 'pt9',
      bookingSource: 'walk-in',
    });
    expect(fetch.requests.find((r) => r.url.pathname === '/api/patients')!.url.searchParams.get('q')).toBe('sam');
  });

  it('quick-creates a new patient, then books', async () => {
    const user = userEvent.setup();
    const fetch = renderCalendar(
      'admin',
      calendarHandlers(
        [],
        [
          route('GET', '/api/services', () =>
            json({ items: [{ id: 'svc-botox', name: 'Botox', durationMinutes: 30, practitionerIds: [], deleted: false }], continuationToken: null }),
          ),
          route('POST', '/api/patients', () => json({ id: 'pt10', firstName: 'Lee', lastName: 'Ng', email: 'lee@example.com' }, { status: 201 })),
          route('POST', '/api/booking/appointments', () => json(appointment({ id: 'a10', patientName: 'Lee Ng' }), { status: 201 })),
        ],
      ),
    );
    const nora = await screen.findByRole('group', { name: 'Nora Nurse' });
    await user.click(within(nora).getByRole('button', { name: 'Book 11:00 AM with Nora Nurse' }));
    const dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'New patient' }));
    await user.type(within(dialog).getByLabelText('First name'), 'Lee');
    await user.type(within(dialog).getByLabelText('Last name'), 'Ng');
    await user.type(within(dialog).getByLabelText('Email'), 'lee@example.com');
    await user.type(within(dialog).getByLabelText('Phone'), '555 0101');
    await user.selectOptions(within(dialog).getByLabelText('Service'), 'svc-botox');
    await user.selectOptions(within(dialog).getByLabelText('Source'), 'Phone');
    await user.click(within(dialog).getByRole('button', { name: 'Book' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(fetch.requests.find((r) => r.method === 'POST' && r.url.pathname === '/api/patients')!.body).toEqual({
      firstName: 'Lee',
      lastName: 'Ng',
      email: 'lee@example.com',
      phone: '555 0101',
    });
    expect(fetch.requests.find((r) => r.method === 'POST' && r.url.pathname === '/api/booking/appointments')!.body).toMatchObject({
      patientId: 'pt10',
      practitionerId: 'p2',
      startTime: '2026-11-24T11:00:00-05:00',
      bookingSource: 'phone',
    });
  });

  it('checks a patient in by the code a scanner types', async () => {
    const user = userEvent.setup();
    const fetch = renderCalendar(
      'frontdesk',
      calendarHandlers(
        [booked],
        [
          route('POST', '/api/appointments/check-in', (req) =>
            (req.body as { code: string }).code === 'K7Q2MX'
              ? json({ ...booked, status: 'arrived' })
              : problem(404, { title: 'No appointment has that code' }),
          ),
        ],
      ),
    );
    const code = await screen.findByLabelText('Check-in code');
    const form = code.closest('form')!;
    await user.type(code, 'NOPE{Enter}');
    expect(await within(form).findByRole('alert')).toHaveTextContent('No appointment has that code');

    await user.clear(code);
    await user.type(code, 'K7Q2MX');
    await user.click(within(form).getByRole('button', { name: 'Check in' }));
    expect(await screen.findByText('Checked in Pat Patient for Botox at 10:00 AM.')).toBeInTheDocument();
    expect(code).toHaveValue('');
    expect(code).toHaveFocus();
    expect(fetch.requests.filter((r) => r.url.pathname === '/api/appointments/check-in').map((r) => r.body)).toEqual([
      { code: 'NOPE' },
      { code: 'K7Q2MX' },
    ]);
    await waitFor(() => expect(fetch.requests.filter((r) => r.url.pathname === '/api/appointments')).toHaveLength(2));
  });
});

describe('from the panel to the patient', () => {
  it.each(['admin', 'frontdesk', 'practitioner'] as const)('offers %s a link to the patient’s card', async (role) => {
    const user = userEvent.setup();
    renderCalendar(role, calendarHandlers([booked]));
    await user.click(await screen.findByRole('button', { name: /Pat Patient, Botox/ }));
    const panel = screen.getByRole('dialog', { name: 'Botox — Pat Patient' });
    expect(within(panel).getByRole('link', { name: 'Open patient card' })).toHaveAttribute('href', '/staff/patients/patient-1');
  });

  it('opens the card, allergies first, for the practitioner who treats the patient', async () => {
    const user = userEvent.setup();
    const record = {
      id: 'patient-1',
      firstName: 'Pat',
      lastName: 'Patient',
      displayName: 'Pat Patient',
      communicationPreferences: { emailReminders: true, smsReminders: true, marketingEmails: false },
      archived: false,
      createdAt: '',
      updatedAt: '',
      etag: '"v1"',
      medicalAlerts: [],
      allergies: ['Lidocaine'],
      medications: [],
      status: 'active',
      profileType: 'patient',
      tags: [],
    };
    renderCalendar(
      'practitioner',
      calendarHandlers(
        [booked],
        [
          route('GET', '/api/patients/patient-1', () => json(record)),
          route('GET', '/api/patients/patient-1/appointments', () => json({ upcoming: [booked], past: [], cancelled: [], noShows: 0, lateCancellations: 0 })),
        ],
      ),
    );
    await user.click(await screen.findByRole('button', { name: /Pat Patient, Botox/ }));
    await user.click(within(screen.getByRole('dialog', { name: 'Botox — Pat Patient' })).getByRole('link', { name: 'Open patient card' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Pat Patient' })).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByRole('region', { name: /^Allergies/ })).toHaveTextContent('Lidocaine');
  });
});

describe('what cannot be booked', () => {
  it('blocks a closed day: a Closed message, shaded columns, no Book buttons', async () => {
    renderCalendar(
      'frontdesk',
      calendarHandlers([], [], { hours: (date) => [{ date, closure: 'Thanksgiving', open: [], working: { p1: [], p2: [] } }] }),
    );
    const ivy = await screen.findByRole('group', { name: 'Ivy Injector' });
    expect(screen.getByRole('note')).toHaveTextContent('Closed — Thanksgiving. Midtown is closed on Tuesday 24 November 2026; nothing can be booked on this day.');
    expect(screen.queryAllByRole('button', { name: /^Book / })).toHaveLength(0);
    expect(within(ivy).getByText('Closed — Thanksgiving')).toBeInTheDocument();
  });

  it('shades a practitioner’s hours off and offers only their working times', async () => {
    renderCalendar(
      'frontdesk',
      calendarHandlers([], [], {
        hours: (date) => [
          { date, closure: null, open: [span(date, '09:00', '17:00')], working: { p1: [span(date, '11:00', '15:00')], p2: [span(date, '09:00', '17:00')] } },
        ],
      }),
    );
    const ivy = await screen.findByRole('group', { name: 'Ivy Injector' });
    expect(within(ivy).queryByRole('button', { name: 'Book 9:00 AM with Ivy Injector' })).not.toBeInTheDocument();
    expect(within(ivy).queryByRole('button', { name: 'Book 10:45 AM with Ivy Injector' })).not.toBeInTheDocument();
    expect(within(ivy).getByRole('button', { name: 'Book 11:00 AM with Ivy Injector' })).toBeInTheDocument();
    expect(within(ivy).getByRole('button', { name: 'Book 2:45 PM with Ivy Injector' })).toBeInTheDocument();
    expect(within(ivy).queryByRole('button', { name: 'Book 3:00 PM with Ivy Injector' })).not.toBeInTheDocument();
    // Two shaded stretches, each saying so (with its times for screen readers).
    expect(within(ivy).getAllByText('Not working')).toHaveLength(2);
    expect(within(ivy).getByText('9:00 AM–11:00 AM')).toBeInTheDocument();
    expect(within(screen.getByRole('group', { name: 'Nora Nurse' })).getByRole('button', { name: 'Book 9:00 AM with Nora Nurse' })).toBeInTheDocument();
    // The one tab stop is the first time that can be booked.
    expect(within(ivy).getByRole('button', { name: 'Book 11:00 AM with Ivy Injector' })).toHaveAttribute('tabindex', '0');
    expect(screen.getAllByRole('button', { name: /^Book / }).filter((b) => b.tabIndex === 0)).toHaveLength(1);
  });

  it('marks a closed day in the week view', async () => {
    const user = userEvent.setup();
    renderCalendar(
      'frontdesk',
      calendarHandlers([], [], {
        hours: (date, days) => defaultHours(date, days).map((d) => (d.date === '2026-11-26' ? { ...d, closure: 'Thanksgiving', open: [], working: {} } : d)),
      }),
    );
    await screen.findByRole('group', { name: 'Ivy Injector' });
    await user.click(screen.getByRole('button', { name: 'Week' }));
    const thursday = await screen.findByRole('group', { name: 'Thu 26 Nov' });
    expect(within(thursday).getByText('Closed — Thanksgiving')).toBeInTheDocument();
    expect(within(thursday).queryAllByRole('button')).toHaveLength(0);
    expect(within(screen.getByRole('group', { name: 'Wed 25 Nov' })).getByRole('button', { name: 'Book Wed 25 Nov at 9:00 AM' })).toBeInTheDocument();
  });
});

describe('reading the day', () => {
  it('shows a practitioner colleagues’ time as Busy blocks that name no patient and cannot be opened', async () => {
    renderCalendar(
      'practitioner',
      calendarHandlers([{ ...booked, allowedActions: ['arrived'] }], [], {
        busy: [{ practitionerId: 'p1', startTime: at('2026-11-24', '10:00'), endTime: at('2026-11-24', '11:00') }],
      }),
    );
    const ivy = await screen.findByRole('group', { name: 'Ivy Injector' });
    expect(within(ivy).getByText('Busy')).toBeInTheDocument();
    expect(within(ivy).getByText('10:00 AM–11:00 AM')).toBeInTheDocument();
    expect(within(ivy).queryAllByRole('button')).toHaveLength(0);
    expect(within(ivy).queryByText(/Pat Patient|Botox/)).not.toBeInTheDocument();
    // Their own appointment is still a full, clickable block.
    expect(within(screen.getByRole('group', { name: 'Nora Nurse' })).getByRole('button', { name: /Pat Patient, Botox/ })).toBeInTheDocument();
  });

  it('shows the desk a practitioner’s busy time from their own calendar in their column, with no detail', async () => {
    renderCalendar(
      'frontdesk',
      calendarHandlers([booked], [], {
        busy: [{ practitionerId: 'p1', startTime: at('2026-11-24', '13:00'), endTime: at('2026-11-24', '14:30'), source: 'own-calendar' }],
      }),
    );
    const ivy = await screen.findByRole('group', { name: 'Ivy Injector' });
    const away = within(ivy).getByText('Busy in own calendar').parentElement!;
    expect(away).toHaveTextContent('Busy in own calendar 1:00 PM–2:30 PM');
    expect(away).toHaveClass('cal__busy--own');
    expect(away.tagName).toBe('DIV'); // nothing to open: only when, never what
    expect(within(screen.getByRole('group', { name: 'Nora Nurse' })).queryByText(/own calendar/)).not.toBeInTheDocument();
  });

  it('gives 15-minute appointments one line and longer ones the full block', async () => {
    const short = { ...booked, id: 'a2', serviceName: 'Lip flip', startTime: at('2026-11-24', '11:00'), endTime: at('2026-11-24', '11:15') };
    const long = { ...booked, id: 'a3', serviceName: 'HydraFacial', startTime: at('2026-11-24', '13:00'), endTime: at('2026-11-24', '14:00') };
    renderCalendar('frontdesk', calendarHandlers([short, long]));
    const nora = await screen.findByRole('group', { name: 'Nora Nurse' });
    const compact = within(nora).getByRole('button', { name: '11:00 AM Pat Patient, Lip flip, 11:00 AM–11:15 AM, Scheduled' });
    expect(visibleLines(compact)).toEqual(['11:00 AM Pat Patient']);
    expect(compact).toHaveClass('cal__appt--compact');
    const full = within(nora).getByRole('button', { name: /HydraFacial/ });
    expect(full).not.toHaveClass('cal__appt--compact');
    expect(full).toHaveTextContent('1:00 PM–2:00 PM HydraFacial Pat Patient Scheduled');
  });

  it('puts the patient first in short blocks that share their time with others', async () => {
    const one = { ...booked, id: 'a4', patientName: 'Ann Lee', serviceName: 'Lip flip', startTime: at('2026-11-24', '11:00'), endTime: at('2026-11-24', '11:15') };
    const two = { ...one, id: 'a5', patientName: 'Bo Ray' };
    renderCalendar('frontdesk', calendarHandlers([one, two]));
    const nora = await screen.findByRole('group', { name: 'Nora Nurse' });
    expect(within(nora).getByRole('button', { name: 'Ann Lee 11:00 AM, Lip flip, 11:00 AM–11:15 AM, Scheduled' })).toBeInTheDocument();
    expect(visibleLines(within(nora).getByRole('button', { name: /^Bo Ray/ }))).toEqual(['Bo Ray 11:00 AM']);
  });

  it('draws a line for now on today’s columns only', async () => {
    const user = userEvent.setup();
    vi.setSystemTime(new Date('2026-11-24T15:30:00Z'));
    renderCalendar('frontdesk', calendarHandlers([]));
    const ivy = await screen.findByRole('group', { name: 'Ivy Injector' });
    expect(within(ivy).getByText('Now, 10:30 AM')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Week' }));
    await screen.findByRole('group', { name: 'Tue 24 Nov' });
    expect(screen.getAllByText('Now, 10:30 AM')).toHaveLength(1);
    expect(within(screen.getByRole('group', { name: 'Tue 24 Nov' })).getByText('Now, 10:30 AM')).toBeInTheDocument();
  });
});

describe('rescheduling from the panel', () => {
  const slots = () =>
    route('GET', '/api/booking/availability', () =>
      json({
        timeZone: 'America/New_York',
        slots: [
          { startTime: '2026-11-24T10:00:00-05:00', endTime: '2026-11-24T10:30:00-05:00', practitionerIds: ['p2'] },
          { startTime: '2026-11-24T20:00:00Z', endTime: '2026-11-24T20:30:00Z', practitionerIds: ['p2'] },
        ],
      }),
    );

  it('offers Reschedule only when the API allows it', async () => {
    const user = userEvent.setup();
    renderCalendar('frontdesk', calendarHandlers([{ ...booked, allowedActions: ['arrived'] }]));
    await user.click(await screen.findByRole('button', { name: /Pat Patient, Botox/ }));
    expect(within(screen.getByRole('dialog')).queryByRole('button', { name: 'Reschedule' })).not.toBeInTheDocument();
  });

  it('moves the appointment with the time picker, sending If-Match', async () => {
    const user = userEvent.setup();
    const fetch = renderCalendar(
      'frontdesk',
      calendarHandlers(
        [{ ...booked, etag: '"e1"' }],
        [
          slots(),
          route('PUT', '/api/booking/appointments/a1', (req) =>
            json({ ...booked, startTime: (req.body as { startTime: string }).startTime, endTime: '2026-11-24T20:30:00Z', etag: '"e2"' }),
          ),
        ],
      ),
    );
    await user.click(await screen.findByRole('button', { name: /Pat Patient, Botox/ }));
    const panel = screen.getByRole('dialog', { name: 'Botox — Pat Patient' });
    await user.click(within(panel).getByRole('button', { name: 'Reschedule' }));
    // The current time is left out; 20:00Z is 3:00 PM in New York.
    await user.click(await within(panel).findByRole('button', { name: '3:00 PM' }));
    expect(within(panel).queryByRole('button', { name: '10:00 AM' })).not.toBeInTheDocument();
    await user.click(within(panel).getByRole('button', { name: 'Confirm new time' }));

    expect(await within(panel).findByText('Moved to Tuesday 24 November 2026 at 3:00 PM.')).toBeInTheDocument();
    const put = fetch.requests.find((r) => r.method === 'PUT')!;
    expect(put.headers.get('If-Match')).toBe('"e1"');
    expect(put.body).toMatchObject({ startTime: '2026-11-24T20:00:00Z', practitionerId: 'p2' });
    await waitFor(() => expect(fetch.requests.filter((r) => r.url.pathname === '/api/appointments')).toHaveLength(2));
  });

  it('loads a fresh copy when its copy was stale, says so plainly, and the next try sends the new version', async () => {
    const user = userEvent.setup();
    let puts = 0;
    const fetch = renderCalendar(
      'frontdesk',
      calendarHandlers(
        [{ ...booked, etag: '"e1"' }],
        [
          slots(),
          route('GET', '/api/booking/appointments/a1', () => json({ ...booked, notes: 'Changed at the desk', etag: '"fresh"' })),
          route('PUT', '/api/booking/appointments/a1', (req) =>
            ++puts === 1
              ? problem(412, { title: 'Precondition Failed', detail: 'ETag mismatch.' })
              : json({ ...booked, startTime: (req.body as { startTime: string }).startTime, etag: '"e3"' }),
          ),
        ],
      ),
    );
    await user.click(await screen.findByRole('button', { name: /Pat Patient, Botox/ }));
    const panel = screen.getByRole('dialog');
    await user.click(within(panel).getByRole('button', { name: 'Reschedule' }));
    await user.click(await within(panel).findByRole('button', { name: '3:00 PM' }));
    await user.click(within(panel).getByRole('button', { name: 'Confirm new time' }));

    const alert = await within(panel).findByRole('alert');
    expect(alert).toHaveTextContent('This appointment changed since you opened it');
    expect(alert).not.toHaveTextContent(/precondition|etag/i);
    expect(await within(panel).findByText('Changed at the desk')).toBeInTheDocument();
    await user.click(await within(panel).findByRole('button', { name: '3:00 PM' }));
    await user.click(within(panel).getByRole('button', { name: 'Confirm new time' }));
    expect(await within(panel).findByText(/^Moved to /)).toBeInTheDocument();
    expect(fetch.requests.filter((r) => r.method === 'PUT')[1]!.headers.get('If-Match')).toBe('"fresh"');
  });
});

describe('forms an appointment still needs', () => {
  const history = { formId: 'f-history', name: 'Medical history', kind: 'intake' as const };
  const consent = { formId: 'f-filler', name: 'Dermal filler consent', kind: 'consent' as const };
  const needsForms = { ...booked, startTime: at('2026-11-24', '13:00'), endTime: at('2026-11-24', '14:00'), missingForms: [history, consent] };

  it('marks a block whose forms are missing with words, not colour alone, and lists them in the panel', async () => {
    const user = userEvent.setup();
    const short = { ...booked, id: 'a2', serviceName: 'Lip flip', startTime: at('2026-11-24', '11:00'), endTime: at('2026-11-24', '11:15'), missingForms: [consent] };
    const complete = { ...booked, id: 'a3', serviceName: 'HydraFacial', startTime: at('2026-11-24', '15:00'), endTime: at('2026-11-24', '16:00'), missingForms: [] };
    renderCalendar('frontdesk', calendarHandlers([needsForms, short, complete]));
    const nora = await screen.findByRole('group', { name: 'Nora Nurse' });

    const full = within(nora).getByRole('button', { name: /Botox/ });
    expect(full).toHaveAccessibleName(expect.stringMatching(/Scheduled Forms missing$/));
    expect(within(full).getByText('Forms missing')).toBeVisible();
    expect(full).toHaveAttribute('title', expect.stringContaining('Forms missing'));
    // A one-line block has room for a sign only: the words are in its name and title.
    const compact = within(nora).getByRole('button', { name: '11:00 AM Pat Patient, Lip flip, 11:00 AM–11:15 AM, Scheduled, Forms missing' });
    expect(visibleLines(compact)).toEqual(['⚠11:00 AM Pat Patient']);
    // Nothing missing (or no list at all): no marker.
    expect(within(nora).getByRole('button', { name: /HydraFacial/ })).not.toHaveTextContent('Forms missing');

    await user.click(full);
    const panel = screen.getByRole('dialog', { name: 'Botox — Pat Patient' });
    const list = within(panel).getByRole('list', { name: 'Forms missing for this appointment' });
    expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Medical history (Intake form)',
      'Dermal filler consent (Consent)',
    ]);
  });

  it('says nothing is missing by leaving the list out', async () => {
    const user = userEvent.setup();
    renderCalendar('frontdesk', calendarHandlers([booked]));
    await user.click(await screen.findByRole('button', { name: /Pat Patient, Botox/ }));
    expect(within(screen.getByRole('dialog')).queryByText('Forms missing')).not.toBeInTheDocument();
  });

  it('checks the patient in, then warns which forms are still missing', async () => {
    const user = userEvent.setup();
    const fetch = renderCalendar(
      'frontdesk',
      calendarHandlers(
        [needsForms],
        [route('POST', '/api/appointments/a1/status', () => json({ ...needsForms, status: 'arrived', allowedActions: ['completed'], missingForms: [consent] }))],
      ),
    );
    await user.click(await screen.findByRole('button', { name: /Botox Pat Patient/ }));
    const panel = screen.getByRole('dialog', { name: 'Botox — Pat Patient' });
    await user.click(within(panel).getByRole('button', { name: 'Check in' }));

    expect(await within(panel).findByText('Status changed to Arrived.')).toBeInTheDocument();
    const warning = within(panel).getByRole('alert');
    expect(warning).toHaveTextContent('Checked in with forms missing');
    expect(warning).toHaveTextContent('Pat Patient has not completed Dermal filler consent.');
    expect(warning).not.toHaveTextContent('Medical history');
    expect(fetch.requests.find((r) => r.method === 'POST')!.body).toEqual({ status: 'arrived' });
    // The panel lists what the answer says is missing now.
    expect(within(within(panel).getByRole('list', { name: 'Forms missing for this appointment' })).getAllByRole('listitem')).toHaveLength(1);
  });

  it('warns the desk that checked a patient in by code which forms are still missing', async () => {
    const user = userEvent.setup();
    renderCalendar(
      'frontdesk',
      calendarHandlers([needsForms], [route('POST', '/api/appointments/check-in', () => json({ ...needsForms, status: 'arrived' }))]),
    );
    const code = await screen.findByLabelText('Check-in code');
    await user.type(code, 'K7Q2MX{Enter}');
    const form = code.closest('form')!;
    expect(await within(form).findByText('Checked in Pat Patient for Botox at 1:00 PM.')).toBeInTheDocument();
    expect(within(form).getByRole('alert')).toHaveTextContent('Pat Patient has not completed Medical history and Dermal filler consent.');
  });

  it('asks for a reason when completing is refused for a missing consent, then completes with it', async () => {
    const user = userEvent.setup();
    const arrived = { ...needsForms, status: 'arrived' as const, allowedActions: ['completed'], missingForms: [consent] };
    const fetch = renderCalendar(
      'practitioner',
      calendarHandlers(
        [arrived],
        [
          route('POST', '/api/appointments/a1/status', (req) =>
            (req.body as { overrideReason?: string }).overrideReason
              ? json({ ...arrived, status: 'completed', allowedActions: [] })
              : problem(409, { title: 'A consent is missing', detail: 'Dermal filler consent is not signed.', missingForms: [consent] }),
          ),
        ],
      ),
    );
    await user.click(await screen.findByRole('button', { name: /Botox Pat Patient/ }));
    const panel = screen.getByRole('dialog', { name: 'Botox — Pat Patient' });
    await user.click(within(panel).getByRole('button', { name: 'Complete' }));

    const dialog = await screen.findByRole('dialog', { name: 'Consent missing' });
    expect(dialog).toHaveTextContent('Dermal filler consent (Consent)');
    expect(within(panel).queryByRole('alert')).not.toBeInTheDocument();
    const reason = within(dialog).getByRole('textbox', { name: 'Reason for completing without it' });
    expect(reason).toHaveFocus();
    expect(reason).toBeRequired();

    // No reason, no second try.
    await user.click(within(dialog).getByRole('button', { name: 'Complete without it' }));
    expect(reason).toHaveAttribute('aria-invalid', 'true');
    expect(reason).toHaveAccessibleDescription(expect.stringContaining('Enter the reason for completing without it.'));
    expect(fetch.requests.filter((r) => r.method === 'POST')).toHaveLength(1);

    await user.type(reason, '  Signed on paper; scanned tomorrow. ');
    await user.click(within(dialog).getByRole('button', { name: 'Complete without it' }));

    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Consent missing' })).not.toBeInTheDocument());
    const posts = fetch.requests.filter((r) => r.method === 'POST').map((r) => r.body);
    expect(posts).toEqual([{ status: 'completed' }, { status: 'completed', overrideReason: 'Signed on paper; scanned tomorrow.' }]);
    expect(within(panel).getByRole('status')).toHaveTextContent(
      'Status changed to Completed without Dermal filler consent. Your reason is recorded in the audit log.',
    );
  });

  it('puts the API’s word on the reason next to it', async () => {
    const user = userEvent.setup();
    const arrived = { ...needsForms, status: 'arrived' as const, allowedActions: ['completed'], missingForms: [consent] };
    renderCalendar(
      'practitioner',
      calendarHandlers(
        [arrived],
        [
          route('POST', '/api/appointments/a1/status', (req) =>
            (req.body as { overrideReason?: string }).overrideReason
              ? problem(400, { title: 'The request was not valid', errors: { overrideReason: ['Why the visit goes ahead without it: 1 to 500 characters of plain text.'] } })
              : problem(409, { title: 'Not possible', missingForms: [consent] }),
          ),
        ],
      ),
    );
    await user.click(await screen.findByRole('button', { name: /Botox Pat Patient/ }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Complete' }));
    const dialog = await screen.findByRole('dialog', { name: 'Consent missing' });
    const reason = within(dialog).getByRole('textbox', { name: 'Reason for completing without it' });
    await user.type(reason, '<b>because</b>');
    await user.click(within(dialog).getByRole('button', { name: 'Complete without it' }));
    await waitFor(() => expect(reason).toHaveAttribute('aria-invalid', 'true'));
    expect(reason).toHaveAccessibleDescription(expect.stringContaining('1 to 500 characters of plain text.'));
    expect(reason).toHaveFocus();
    expect(screen.getByRole('dialog', { name: 'Consent missing' })).toBeInTheDocument();
  });

  it('shows a 409 that names no missing forms as the refusal it is', async () => {
    const user = userEvent.setup();
    const arrived = { ...needsForms, status: 'arrived' as const, allowedActions: ['completed'] };
    const fetch = renderCalendar(
      'practitioner',
      calendarHandlers([arrived], [route('POST', '/api/appointments/a1/status', () => problem(409, { title: 'Not yet', detail: 'The visit has not started.' }))]),
    );
    await user.click(await screen.findByRole('button', { name: /Botox Pat Patient/ }));
    const panel = screen.getByRole('dialog', { name: 'Botox — Pat Patient' });
    await user.click(within(panel).getByRole('button', { name: 'Complete' }));
    // A 409 that names no missing forms is just a refusal.
    expect(await within(panel).findByRole('alert')).toHaveTextContent('The visit has not started.');
    expect(screen.queryByRole('dialog', { name: 'Consent missing' })).not.toBeInTheDocument();
    expect(fetch.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('closes the reason dialog without completing on "Don’t complete"', async () => {
    const user = userEvent.setup();
    const arrived = { ...needsForms, status: 'arrived' as const, allowedActions: ['completed'], missingForms: [consent] };
    const fetch = renderCalendar(
      'practitioner',
      calendarHandlers([arrived], [route('POST', '/api/appointments/a1/status', () => problem(409, { title: 'A consent is missing', missingForms: [consent] }))]),
    );
    await user.click(await screen.findByRole('button', { name: /Botox Pat Patient/ }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Complete' }));
    const dialog = await screen.findByRole('dialog', { name: 'Consent missing' });
    await user.click(within(dialog).getByRole('button', { name: 'Don’t complete' }));
    expect(screen.queryByRole('dialog', { name: 'Consent missing' })).not.toBeInTheDocument();
    expect(screen.getByRole('dialog', { name: 'Botox — Pat Patient' })).toHaveTextContent('Arrived');
    expect(fetch.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('charges a no-show fee to the card on file from the appointment, and says what the server refuses', async () => {
    const user = userEvent.setup();
    const noShow = { ...booked, status: 'no-show' as const, lateCancellation: true, allowedActions: [] };
    let first = true;
    const fetch = renderCalendar(
      'frontdesk',
      calendarHandlers(
        [noShow],
        [
          route('POST', '/api/appointments/a1/fee', () => {
            if (first) {
              first = false;
              return problem(409, { title: 'Not possible', detail: 'The card on file (visa ending 4242) expired 03/26.' });
            }
            return json({ id: 'invoice-00000009', invoiceNumber: 'INV-000009', currency: 'USD', status: 'paid', totals: { total: 5000 } }, { headers: { ETag: '"v1"' } });
          }),
        ],
      ),
    );
    await user.click(await screen.findByRole('button', { name: /Pat Patient.*Botox/ }));
    const panel = screen.getByRole('dialog', { name: 'Botox — Pat Patient' });

    await user.click(within(panel).getByRole('button', { name: 'Charge no-show fee' }));
    expect(await within(panel).findByText(/expired 03\/26/)).toBeInTheDocument();
    await user.click(within(panel).getByRole('button', { name: 'Charge no-show fee' }));
    expect(await within(panel).findByText(/Charged: \$50\.00 no-show fee on/)).toBeInTheDocument();
    expect(within(panel).getByRole('link', { name: 'INV-000009' })).toHaveAttribute('href', '/staff/invoices/invoice-00000009');
    expect(fetch.requests.filter((r) => r.url.pathname === '/api/appointments/a1/fee')).toHaveLength(2);
  });

  it('offers no fee to a practitioner', async () => {
    const user = userEvent.setup();
    renderCalendar('practitioner', calendarHandlers([{ ...booked, status: 'no-show' as const, allowedActions: [] }]));
    await user.click(await screen.findByRole('button', { name: /Pat Patient.*Botox/ }));
    expect(within(screen.getByRole('dialog', { name: 'Botox — Pat Patient' })).queryByRole('button', { name: /Charge/ })).not.toBeInTheDocument();
  });
});
