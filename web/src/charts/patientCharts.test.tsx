import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import { appointment } from '../test/booking';
import { draftChart, neurotoxinTemplate } from '../test/charts';
import { fullRecord, deskRecord } from '../test/patients';
import { clinicalPhoto } from '../test/photos';
import { fakeAuth, json, meFor, mockFetch, problem, renderApp, route } from '../test/utils';

beforeAll(async () => {
  await import('../staff/StaffRoutes');
  await import('../patient/PatientArea');
});

const visit = appointment({ id: 'appt-1', serviceName: 'Xeomin', status: 'confirmed' });
const history = { upcoming: [visit], past: [], cancelled: [], noShows: 0, lateCancellations: 0 };

describe('charts on the patient card', () => {
  it('lists the patient’s charts and starts the chart of a visit from a template, then opens it', async () => {
    const user = userEvent.setup();
    const fetch = mockFetch(
      route('GET', '/api/patients/p1', () => json(fullRecord(), { headers: { ETag: '"v1"' } })),
      route('GET', '/api/patients/p1/appointments', () => json(history)),
      route('GET', '/api/charts/patient/p1', () => json({ items: [draftChart({ id: 'chart-0', status: 'signed', templateName: 'SOAP note', amendments: [] })] })),
      route('GET', '/api/charts/templates', () => json({ items: [neurotoxinTemplate] })),
      route('POST', '/api/charts', () => json(draftChart(), { status: 201, headers: { ETag: '"c1"' } })),
      route('GET', '/api/charts/chart-1', () => json(draftChart(), { headers: { ETag: '"c1"' } })),
    );
    renderApp('/staff/patients/p1', fakeAuth({ me: meFor('practitioner'), fetch }));
    await user.click(await screen.findByRole('tab', { name: 'Charts' }));
    const table = await screen.findByRole('region', { name: 'Charts of this patient' });
    expect(within(table).getByRole('link', { name: 'SOAP note · Xeomin' })).toBeInTheDocument();
    expect(table).toHaveTextContent('Signed');

    await user.selectOptions(screen.getByRole('combobox', { name: 'Visit' }), 'appt-1');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Template' }), 'template-neurotoxin');
    await user.click(screen.getByRole('button', { name: 'Start chart' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Neurotoxin · Xeomin' })).toBeInTheDocument();
    expect(fetch.requests.find((r) => r.method === 'POST')!.body).toEqual({ appointmentId: 'appt-1', templateId: 'template-neurotoxin', copyLastMap: true });
  });

  it('says why a chart was not started', async () => {
    const user = userEvent.setup();
    const fetch = mockFetch(
      route('GET', '/api/patients/p1', () => json(fullRecord(), { headers: { ETag: '"v1"' } })),
      route('GET', '/api/patients/p1/appointments', () => json(history)),
      route('GET', '/api/charts/patient/p1', () => json({ items: [] })),
      route('GET', '/api/charts/templates', () => json({ items: [neurotoxinTemplate] })),
      route('POST', '/api/charts', () => problem(403, { title: 'Forbidden', detail: 'Chart your own visits: this one is another practitioner’s.' })),
    );
    renderApp('/staff/patients/p1', fakeAuth({ me: meFor('practitioner'), fetch }));
    await user.click(await screen.findByRole('tab', { name: 'Charts' }));
    expect(await screen.findByText('No charts yet.')).toBeInTheDocument();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Visit' }), 'appt-1');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Template' }), 'template-neurotoxin');
    await user.click(screen.getByRole('button', { name: 'Start chart' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The chart was not started');
    expect(alert).toHaveTextContent('another practitioner');
  });

  it('is not on the desk’s card', async () => {
    const fetch = mockFetch(
      route('GET', '/api/patients/p1', () => json(deskRecord(), { headers: { ETag: '"v1"' } })),
      route('GET', '/api/patients/p1/appointments', () => json(history)),
    );
    renderApp('/staff/patients/p1', fakeAuth({ me: meFor('frontdesk'), fetch }));
    expect(await screen.findByRole('tab', { name: 'Appointments' })).toBeInTheDocument();
    expect(screen.queryByRole('tab', { name: 'Charts' })).not.toBeInTheDocument();
  });
});

describe('my treatments (patient)', () => {
  it('shows what was done and the after-care of each shared visit, never internal notes', async () => {
    const fetch = mockFetch(
      route('GET', '/api/charts/patient/patient-1', () =>
        json({
          items: [{
            id: 'chart-1', visitStart: '2026-12-01T10:00:00-05:00', serviceName: 'Xeomin', practitionerName: 'Isabel Injector', treatment: 'neurotoxin',
            products: [{ product: 'Xeomin', units: 10.5, millilitres: 0 }], areas: ['Forehead', 'Glabella'], afterCare: 'No exercise today.\nStay upright for 4 hours.',
            sharedAt: '2026-12-01T16:00:00Z',
          }],
        })),
    );
    renderApp('/patient/treatments', fakeAuth({ me: meFor('patient'), fetch }));
    const treatment = await screen.findByRole('region', { name: /Xeomin/ });
    expect(treatment).toHaveTextContent('Xeomin: 10.5 units');
    expect(treatment).toHaveTextContent('Areas treated: Forehead, Glabella');
    expect(treatment).toHaveTextContent('Stay upright for 4 hours.');
    expect(screen.queryByRole('region', { name: 'Your before and after' })).not.toBeInTheDocument(); // no photos shared
  });

  it('compares the patient’s own before and after of the same angle', async () => {
    const user = userEvent.setup();
    const photos = [
      clinicalPhoto({ id: 'after', patientId: 'patient-1', visitStart: '2026-12-01T10:00:00-05:00' }),
      clinicalPhoto({ id: 'before', patientId: 'patient-1', chartId: 'chart-0', visitStart: '2026-09-01T10:00:00-04:00' }),
    ];
    const fetch = mockFetch(
      route('GET', '/api/charts/patient/patient-1', () => json({ items: [] })),
      route('GET', '/api/patients/patient-1/photos', () => json({ items: photos })),
    );
    renderApp('/patient/treatments', fakeAuth({ me: meFor('patient'), fetch }));

    const compare = await screen.findByRole('region', { name: 'Your before and after' });
    expect(within(compare).getByRole('img', { name: /^Before: Front, Tue 1 Sep 2026/ })).toHaveAttribute('src', expect.stringContaining('/before.jpg'));
    expect(within(compare).getByRole('img', { name: /^After: Front, Tue 1 Dec 2026/ })).toHaveAttribute('src', expect.stringContaining('/after.jpg'));
    await user.selectOptions(within(compare).getByRole('combobox', { name: 'Before' }), 'after');
    expect(within(compare).getAllByRole('img', { name: /Tue 1 Dec 2026/ })).toHaveLength(2);
  });

  it('says when nothing is shared yet', async () => {
    renderApp('/patient/treatments', fakeAuth({ me: meFor('patient'), fetch: mockFetch(route('GET', '/api/charts/patient/patient-1', () => json({ items: [] }))) }));
    expect(await screen.findByText(/Nothing shared yet/)).toBeInTheDocument();
  });
});
