import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { FormSummary, OutstandingForm, PatientForms, Submission, SubmissionSummary } from '../../api/forms';
import type { Role } from '../../api/types';
import { appointment } from '../../test/booking';
import { medicalHistory, pregnantField, sexAtBirthField, signatureField } from '../../test/forms';
import { deskRecord, fullRecord } from '../../test/patients';
import { fakeAuth, json, meFor, mockFetch, problem, renderApp, route, type Handler, withStaffArea } from '../../test/utils';

withStaffArea('2026-11-24T14:00:00Z');

const SIGNATURE = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

const clinicForms: FormSummary[] = [
  { id: 'f-filler', name: 'Dermal filler consent', kind: 'consent', description: null, publishedVersion: 2, hasDraft: false, expirationMonths: 12, updatedAt: '2026-10-01T00:00:00Z' },
  { id: 'f-history', name: 'Medical history', kind: 'intake', description: null, publishedVersion: 3, hasDraft: true, expirationMonths: null, updatedAt: '2026-10-01T00:00:00Z' },
  { id: 'f-photo', name: 'Photo release', kind: 'photoRelease', description: null, publishedVersion: 1, hasDraft: false, expirationMonths: null, updatedAt: '2026-10-01T00:00:00Z' },
  { id: 'f-draft', name: 'Laser questionnaire', kind: 'intake', description: null, publishedVersion: null, hasDraft: true, expirationMonths: null, updatedAt: '2026-10-01T00:00:00Z' },
];

const requiredHistory: OutstandingForm = {
  formId: 'f-history',
  name: 'Medical history',
  kind: 'intake',
  reason: 'required',
  appointmentId: 'a1',
  startTime: '2026-11-26T13:00:00-05:00',
};
const expiredConsent: OutstandingForm = { formId: 'f-filler', name: 'Dermal filler consent', kind: 'consent', reason: 'expired', appointmentId: null, startTime: null };

const summary = (overrides: Partial<SubmissionSummary> = {}): SubmissionSummary => ({
  id: 's2',
  formId: 'f-filler',
  formName: 'Dermal filler consent',
  kind: 'consent',
  version: 2,
  patientId: 'p1',
  patientName: 'Jon Smith',
  signerName: 'Jonathan Smith',
  submittedAt: '2025-11-20T15:30:00Z',
  expiresAt: '2026-11-20T15:30:00Z',
  expired: true,
  supersededBy: null,
  ...overrides,
});

const history: SubmissionSummary = summary({
  id: 's1',
  formId: 'f-history',
  formName: 'Medical history',
  kind: 'intake',
  version: 3,
  submittedAt: '2026-11-20T15:30:00Z',
  expiresAt: null,
  expired: false,
});

const submission: Submission = {
  id: 's1',
  formId: 'f-history',
  formName: 'Medical history',
  kind: 'intake',
  version: 3,
  patientId: 'p1',
  appointmentId: 'a1',
  answers: { sexAtBirth: 'Male', allergies: ['Latex', 'Lidocaine'], smoker: 'no', signature: SIGNATURE },
  signerName: 'Jonathan Smith',
  submittedAt: '2026-11-20T15:30:00Z',
  submittedBy: { name: 'Jonathan Smith', role: 'patient' },
  ipAddress: '203.0.113.7',
  userAgent: 'Mozilla/5.0 (iPad; CPU OS 18_0 like Mac OS X)',
  legalText: null,
  contentHash: 'sha256:9f86d081884c7d659a2feaa0c55ad015',
  expiresAt: null,
  supersededBy: null,
  content: {
    ...medicalHistory,
    sections: [
      {
        title: 'About you',
        fields: [
          sexAtBirthField,
          pregnantField,
          { id: 'allergies', type: 'multiChoice', label: 'Known allergies', required: false, options: ['Latex', 'Lidocaine', 'Eggs'], help: null, visibleIf: null },
          { id: 'smoker', type: 'yesNo', label: 'Do you smoke?', required: true, options: [], help: null, visibleIf: null },
        ],
      },
      { title: 'Signature', fields: [signatureField] },
    ],
  },
};

function renderCard(role: Role, forms: () => PatientForms, extra: Handler[] = [], upcoming = [appointment({ patientId: 'p1' })]) {
  const record = role === 'frontdesk' ? deskRecord() : fullRecord();
  const fetch = mockFetch(
    ...extra,
    route('GET', '/api/patients/p1', () => json(record)),
    route('GET', '/api/patients/p1/forms', () => json(forms())),
    route('GET', '/api/patients/p1/appointments', () => json({ upcoming, past: [], cancelled: [], noShows: 0, lateCancellations: 0 })),
    route('GET', '/api/forms', () => json({ items: clinicForms })),
  );
  renderApp('/staff/patients/p1', fakeAuth({ me: meFor(role), fetch }));
  return fetch;
}

async function openFormsTab() {
  const user = userEvent.setup();
  await user.click(await screen.findByRole('tab', { name: 'Forms & consents' }));
  return { user, panel: screen.getByRole('tabpanel', { name: 'Forms & consents' }) };
}

describe('forms & consents tab', () => {
  it('names the forms an upcoming appointment still needs on the Appointments tab', async () => {
    renderCard('frontdesk', () => ({ outstanding: [requiredHistory], submissions: [] }), [], [
      appointment({ id: 'a1', patientId: 'p1', serviceName: 'Lip filler', missingForms: [{ formId: 'f-history', name: 'Medical history', kind: 'intake' }] }),
      appointment({ id: 'a2', patientId: 'p1', serviceName: 'Botox', missingForms: [] }),
    ]);
    await screen.findByRole('tab', { name: 'Appointments' });
    const panel = screen.getByRole('tabpanel', { name: 'Appointments' });
    const rows = within(await within(panel).findByRole('region', { name: 'Upcoming appointments' })).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('Lip filler');
    expect(rows[1]).toHaveTextContent('Forms missing: Medical history');
    expect(rows[2]).toHaveTextContent('Botox');
    expect(rows[2]).not.toHaveTextContent('Forms missing');
  });


  it('lets the desk see what is outstanding, send a form, and see it listed as requested', async () => {
    let outstanding: OutstandingForm[] = [requiredHistory, expiredConsent];
    const fetch = renderCard('frontdesk', () => ({ outstanding, submissions: [] }), [
      route('POST', '/api/forms/f-photo/send', () => {
        outstanding = [...outstanding, { formId: 'f-photo', name: 'Photo release', kind: 'photoRelease', reason: 'requested', appointmentId: null, startTime: null }];
        return json({ sentAt: '2026-11-24T14:00:00Z', link: '/patient/forms/f-photo' }, { status: 202 });
      }),
    ]);

    // The header says it on the first tab already, and takes the person to the list.
    const badge = await screen.findByRole('button', { name: /^2 forms missing/ });
    expect(screen.getByRole('tab', { name: 'Appointments' })).toHaveAttribute('aria-selected', 'true');
    const user = userEvent.setup();
    await user.click(badge);
    const panel = screen.getByRole('tabpanel', { name: 'Forms & consents' });
    expect(panel).toBeVisible();

    const outstandingList = within(panel).getByRole('region', { name: /^Outstanding/ });
    const items = within(outstandingList).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([
      expect.stringContaining('Medical history'),
      expect.stringContaining('Dermal filler consent'),
    ]);
    expect(items[0]).toHaveTextContent('Intake form');
    expect(items[0]).toHaveTextContent('Required for the appointment on Thu 26 Nov 2026, 1:00 PM');
    expect(items[1]).toHaveTextContent('Consent');
    expect(items[1]).toHaveTextContent('Consent expired');
    expect(within(items[0]).getByRole('button', { name: 'Send Medical history' })).toBeEnabled();
    expect(within(panel).getByText('No forms completed yet.')).toBeInTheDocument();

    const form = within(panel).getByRole('form', { name: 'Send a form' });
    const select = within(form).getByRole('combobox', { name: 'Form' });
    // Only published forms can be sent.
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Choose a form',
      'Dermal filler consent (Consent)',
      'Medical history (Intake form)',
      'Photo release (Photo release)',
    ]);
    await user.click(within(form).getByRole('button', { name: 'Send form' }));
    expect(within(form).getByText('Choose the form to send.')).toBeInTheDocument();
    expect(fetch.requests.some((r) => r.method === 'POST')).toBe(false);

    await user.selectOptions(select, 'f-photo');
    await user.click(within(form).getByRole('button', { name: 'Send form' }));
    expect(await within(panel).findByRole('status')).toHaveTextContent('Sent “Photo release” to Jon Smith.');
    const post = fetch.requests.find((r) => r.method === 'POST')!;
    expect(post.url.pathname).toBe('/api/forms/f-photo/send');
    expect(post.body).toEqual({ patientId: 'p1' });
    expect(select).toHaveValue('');

    // The list is read again: the form is there, requested; the header counts it.
    await waitFor(() => expect(within(outstandingList).getAllByRole('listitem')).toHaveLength(3));
    expect(within(outstandingList).getAllByRole('listitem')[2]).toHaveTextContent('Photo release Photo releaseRequested: sent to the patient');
    expect(screen.getByRole('button', { name: /^3 forms missing/ })).toBeInTheDocument();
  });

  it('sends an outstanding form again with its appointment', async () => {
    const fetch = renderCard('frontdesk', () => ({ outstanding: [requiredHistory], submissions: [] }), [
      route('POST', '/api/forms/f-history/send', () => json({ sentAt: '2026-11-24T14:00:00Z', link: '/patient/forms/f-history' }, { status: 202 })),
    ]);
    expect(await screen.findByRole('button', { name: /^1 form missing/ })).toBeInTheDocument();
    const { user, panel } = await openFormsTab();
    await user.click(await within(panel).findByRole('button', { name: 'Send Medical history' }));
    expect(await within(panel).findByRole('status')).toHaveTextContent('Sent “Medical history” to Jon Smith.');
    expect(fetch.requests.find((r) => r.method === 'POST')!.body).toEqual({ patientId: 'p1', appointmentId: 'a1' });
  });

  it('shows the API’s refusal when sending fails', async () => {
    renderCard('frontdesk', () => ({ outstanding: [requiredHistory], submissions: [] }), [
      route('POST', '/api/forms/f-history/send', () => problem(409, { title: 'Not possible', detail: 'The patient has no email or phone.' })),
    ]);
    const { user, panel } = await openFormsTab();
    await user.click(await within(panel).findByRole('button', { name: 'Send Medical history' }));
    expect(await within(panel).findByRole('alert')).toHaveTextContent('The patient has no email or phone.');
  });

  it('says when nothing is outstanding or on file, and shows no badge', async () => {
    renderCard('practitioner', () => ({ outstanding: [], submissions: [] }));
    const { panel } = await openFormsTab();
    expect(await within(panel).findByText(/Nothing outstanding/)).toBeInTheDocument();
    expect(within(panel).getByText('No forms completed yet.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /forms? missing/ })).not.toBeInTheDocument();
  });

  it('lists completed forms with version, signer, date, expiry and superseded ones marked', async () => {
    renderCard('practitioner', () => ({
      outstanding: [],
      submissions: [history, summary(), summary({ id: 's0', version: 1, submittedAt: '2024-11-20T15:30:00Z', expired: true, supersededBy: 's2' })],
    }));
    const { panel } = await openFormsTab();
    const table = await within(panel).findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    const cells = (row: HTMLElement) => within(row).getAllByRole('cell').map((c) => c.textContent);
    expect(within(rows[0]).getByRole('rowheader')).toHaveTextContent('Medical history, Intake form');
    expect(cells(rows[0])).toEqual(['3', 'Jonathan Smith', 'Fri 20 Nov 2026, 3:30 PM', 'Never', 'View Medical history, version 3']);
    expect(cells(rows[1]).slice(0, 4)).toEqual(['2', 'Jonathan Smith', 'Thu 20 Nov 2025, 3:30 PM', 'Expired 20 Nov 2026']);
    expect(within(rows[1]).getByRole('rowheader')).not.toHaveTextContent('Superseded');
    expect(within(rows[2]).getByRole('rowheader')).toHaveTextContent('Superseded');
  });

  it('shows a clinician the answers per question, the signature and the evidence', async () => {
    const fetch = renderCard('practitioner', () => ({ outstanding: [], submissions: [history] }), [
      route('GET', '/api/patients/p1/forms/s1', () => json({ ...submission, intact: true })),
    ]);
    const { user, panel } = await openFormsTab();
    await user.click(await within(panel).findByRole('button', { name: 'View Medical history, version 3' }));
    const dialog = screen.getByRole('dialog', { name: 'Medical history, version 3' });

    const answers = await within(dialog).findByRole('region', { name: 'Answers' });
    const answer = (label: string) => within(answers).getByText(label).closest('div')!;
    expect(answer('Sex assigned at birth')).toHaveTextContent('Male');
    expect(answer('Known allergies')).toHaveTextContent('Latex, Lidocaine');
    expect(answer('Do you smoke?')).toHaveTextContent('No');
    // A question the signer was not shown (it depends on an answer they did not give) is left out.
    expect(within(answers).queryByText('Are you pregnant or breastfeeding?')).not.toBeInTheDocument();
    expect(within(answers).getByRole('heading', { name: 'About you' })).toBeInTheDocument();
    expect(within(answers).getByRole('img', { name: 'Signature of Jonathan Smith' })).toHaveAttribute('src', SIGNATURE);

    const evidence = within(dialog).getByRole('region', { name: 'Evidence' });
    const fact = (term: string) => within(evidence).getByText(term).nextElementSibling!;
    expect(fact('Signed at')).toHaveTextContent('Fri 20 Nov 2026, 3:30 PM');
    expect(fact('IP address')).toHaveTextContent('203.0.113.7');
    expect(fact('Device')).toHaveTextContent('Mozilla/5.0 (iPad; CPU OS 18_0 like Mac OS X)');
    expect(fact('Content hash')).toHaveTextContent('sha256:9f86d081884c7d659a2feaa0c55ad015');
    expect(fact('Form')).toHaveTextContent('Medical history (Intake form), version 3');
    expect(fact('Submitted by')).toHaveTextContent('Jonathan Smith (Patient)');
    expect(fact('Seal')).toHaveTextContent('Intact');
    expect(fetch.requests.some((r) => r.url.pathname === '/api/patients/p1/forms/s1')).toBe(true);

    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('says so when the answers no longer match the seal made at signing', async () => {
    renderCard('admin', () => ({ outstanding: [], submissions: [history] }), [
      route('GET', '/api/patients/p1/forms/s1', () => json({ ...submission, intact: false })),
    ]);
    const { user, panel } = await openFormsTab();
    await user.click(await within(panel).findByRole('button', { name: 'View Medical history, version 3' }));
    const evidence = await within(screen.getByRole('dialog')).findByRole('region', { name: 'Evidence' });
    expect(within(evidence).getByText('Seal').nextElementSibling).toHaveTextContent('Broken: the answers do not match the hash sealed at signing');
  });

  it.each([403, 404])('tells the desk only clinicians read the answers when the API answers %i', async (status) => {
    renderCard('frontdesk', () => ({ outstanding: [], submissions: [history] }), [
      route('GET', '/api/patients/p1/forms/s1', () => problem(status, { title: status === 403 ? 'Forbidden' : 'Not found' })),
    ]);
    const { user, panel } = await openFormsTab();
    await user.click(await within(panel).findByRole('button', { name: 'View Medical history, version 3' }));
    const dialog = screen.getByRole('dialog', { name: 'Medical history, version 3' });
    expect(await within(dialog).findByText('Only clinicians can read the answers.')).toBeInTheDocument();
    expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument();
    expect(within(dialog).queryByRole('region', { name: 'Answers' })).not.toBeInTheDocument();
  });

  it('shows any other failure to read the answers as an error with a retry', async () => {
    renderCard('admin', () => ({ outstanding: [], submissions: [history] }), [
      route('GET', '/api/patients/p1/forms/s1', () => problem(500, { title: 'The server had a problem' })),
    ]);
    const { user, panel } = await openFormsTab();
    await user.click(await within(panel).findByRole('button', { name: 'View Medical history, version 3' }));
    const alert = await within(screen.getByRole('dialog')).findByRole('alert');
    expect(alert).toHaveTextContent('The server had a problem');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});
