import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Model } from 'survey-core';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FormVersion, PatientForms, Submission } from '../../api/forms';
import { fillerConsent, medicalHistory, pregnantField, sexAtBirthField, signatureField } from '../../test/forms';
import { withSurveyJsDom } from '../../test/survey';
import { fakeAuth, json, meFor, mockFetch, problem, renderApp, route, renderAsPatient, withClockAt, expectToShow } from '../../test/utils';

// The signature pad draws nothing in jsdom: the tests reach the page's SurveyJS model to sign, as a finger would.
const rendered: { model: Model | null } = vi.hoisted(() => ({ model: null }));
vi.mock('../../forms/SurveyForm', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../forms/SurveyForm')>();
  return {
    default: (props: { model: Model }) => {
      rendered.model = props.model;
      return actual.default(props);
    },
  };
});

withSurveyJsDom();
beforeAll(async () => {
  await import('./FillFormPage');
});
beforeEach(() => {
  rendered.model = null;
});
withClockAt('2026-11-23T15:00:00Z');

const intake: FormVersion = {
  formId: 'form-intake',
  version: 3,
  publishedAt: '2026-11-01T10:00:00Z',
  ...medicalHistory,
  description: 'Tell us about your health.',
  sections: [
    {
      title: 'About you',
      fields: [
        sexAtBirthField,
        pregnantField,
        { id: 'age', type: 'number', label: 'Your age', required: false, options: [], help: 'In years', visibleIf: null },
      ],
    },
  ],
};

const consent: FormVersion = {
  formId: 'form-filler',
  version: 2,
  publishedAt: '2026-11-01T10:00:00Z',
  ...fillerConsent,
  sections: [
    {
      title: 'Consent',
      fields: [signatureField],
    },
  ],
};

function submission(over: Partial<Submission> = {}): Submission {
  return {
    id: 'sub-1',
    formId: intake.formId,
    formName: intake.name,
    kind: intake.kind,
    version: intake.version,
    patientId: 'patient-1',
    appointmentId: null,
    answers: {},
    signerName: 'Pat Patient',
    submittedAt: '2026-11-23T15:00:00Z',
    submittedBy: { name: 'Pat Patient', role: 'patient' },
    ipAddress: null,
    userAgent: null,
    legalText: null,
    contentHash: 'abc',
    expiresAt: null,
    supersededBy: null,
    content: intake,
    ...over,
  };
}

const noForms: PatientForms = { outstanding: [], submissions: [] };

const submits = (fetch: ReturnType<typeof mockFetch>) => fetch.requests.filter((r) => r.method === 'POST' && r.url.pathname.endsWith('/submit'));

describe('my forms', () => {
  it('is linked from the patient’s home with how many forms are to fill in', async () => {
    const user = userEvent.setup();
    renderAsPatient('/patient', [
      route('GET', '/api/patients/patient-1/forms', () =>
        json({
          outstanding: [
            { formId: 'form-intake', name: 'Medical history', kind: 'intake', reason: 'required', appointmentId: null, startTime: null },
            { formId: 'form-filler', name: 'Dermal filler consent', kind: 'consent', reason: 'requested', appointmentId: null, startTime: null },
          ],
          submissions: [],
        }),
      ),
    ]);
    await user.click(await screen.findByRole('link', { name: 'Forms to fill in (2)' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'My forms' })).toBeInTheDocument();
  });

  it('lists the forms to fill in, each a link to fill it (for its visit), and those on file with version and expiry', async () => {
    renderAsPatient('/patient/forms', [
      route('GET', '/api/patients/patient-1/forms', () =>
        json({
          outstanding: [
            { formId: 'form-filler', name: 'Dermal filler consent', kind: 'consent', reason: 'expired', appointmentId: 'appt-9', startTime: '2026-12-01T17:00:00Z' },
          ],
          submissions: [
            { id: 's2', formId: 'form-intake', formName: 'Medical history', kind: 'intake', version: 3, patientId: 'patient-1', patientName: 'Pat Patient', signerName: 'Pat Patient', submittedAt: '2026-11-20T12:00:00Z', expiresAt: null, expired: false, supersededBy: null },
            { id: 's1', formId: 'form-filler', formName: 'Dermal filler consent', kind: 'consent', version: 1, patientId: 'patient-1', patientName: 'Pat Patient', signerName: 'Pat Patient', submittedAt: '2025-10-01T12:00:00Z', expiresAt: '2026-10-01T12:00:00Z', expired: true, supersededBy: null },
            { id: 's0', formId: 'form-intake', formName: 'Medical history', kind: 'intake', version: 2, patientId: 'patient-1', patientName: 'Pat Patient', signerName: 'Pat Patient', submittedAt: '2025-01-05T12:00:00Z', expiresAt: null, expired: false, supersededBy: 's2' },
          ],
        }),
      ),
    ]);
    const toFill = await screen.findByRole('region', { name: 'To fill in' });
    expect(within(toFill).getByText('Dermal filler consent')).toBeInTheDocument();
    expect(toFill).toHaveTextContent('Expired: please sign again');
    expect(toFill).toHaveTextContent(/For your visit on .*1 December 2026/);
    expect(within(toFill).getByRole('link', { name: 'Fill in' })).toHaveAttribute('href', '/patient/forms/form-filler?appointment=appt-9');

    const done = screen.getByRole('region', { name: 'Completed' });
    const rows = within(done).getAllByRole('listitem');
    expect(rows).toHaveLength(3);
    expectToShow(rows[0], 'Medical history', 'Version 3', 'Completed 20 Nov 2026', 'Does not expire');
    expectToShow(rows[1], 'Expired 1 Oct 2026', 'Version 1');
    expect(rows[2]).toHaveTextContent('Replaced by a newer one');
  });

  it('says when there is nothing to fill in and nothing on file', async () => {
    renderAsPatient('/patient/forms', [route('GET', '/api/patients/patient-1/forms', () => json(noForms))]);
    expect(await screen.findByText('Nothing to fill in')).toBeInTheDocument();
    expect(screen.getByText('No completed forms yet')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Fill in' })).not.toBeInTheDocument();
  });

  it('links an upcoming appointment’s missing forms to fill them for that visit', async () => {
    const fetch = mockFetch(
      route('GET', '/api/booking/my-appointments', () =>
        json({
          upcoming: [
            {
              id: 'appt-9', patientId: 'patient-1', patientName: 'Pat Patient', practitionerId: 'p1', practitionerName: 'Ivy Injector',
              serviceId: 'svc', serviceName: 'Lip filler', locationId: 'loc', locationName: 'Downtown',
              startTime: '2026-12-01T17:00:00Z', endTime: '2026-12-01T18:00:00Z', status: 'confirmed', etag: 'e',
              missingForms: [{ formId: 'form-filler', name: 'Dermal filler consent', kind: 'consent' }],
            },
          ],
          past: [],
          cancelled: [],
        }),
      ),
      route('GET', '/api/booking/locations', () => json({ items: [] })),
    );
    renderApp('/patient/appointments', fakeAuth({ me: meFor('patient'), fetch }));
    expect(await screen.findByText('Before your visit, please fill in:')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Dermal filler consent' })).toHaveAttribute('href', '/patient/forms/form-filler?appointment=appt-9');
  });
});

describe('filling in a form', () => {
  it('shows a question only when its condition holds, and sends the typed answers with the signer’s name', async () => {
    const user = userEvent.setup();
    const fetch = renderAsPatient('/patient/forms/form-intake?appointment=appt-9', [
      route('GET', '/api/forms/form-intake/versions/latest', () => json(intake)),
      route('POST', '/api/forms/form-intake/submit', () => json(submission(), { status: 201 })),
    ]);
    expect(await screen.findByRole('heading', { level: 1, name: 'Medical history' })).toBeInTheDocument();
    expect(screen.getByText('Tell us about your health.')).toBeInTheDocument();
    expect(screen.queryByText('Are you pregnant or breastfeeding?')).not.toBeInTheDocument();

    await user.click(screen.getByRole('radio', { name: 'Female' }));
    expect(await screen.findByText('Are you pregnant or breastfeeding?')).toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: 'No' }));
    await user.type(screen.getByRole('spinbutton', { name: /Your age/ }), '34');
    await user.type(screen.getByRole('textbox', { name: /Your full name/ }), 'Pat Patient');
    await user.click(screen.getByRole('button', { name: 'Sign and submit' }));

    expect(await screen.findByText('Thank you — your Medical history is on file.')).toBeInTheDocument();
    expect(submits(fetch)).toHaveLength(1);
    expect(submits(fetch)[0].body).toEqual({
      patientId: 'patient-1',
      version: 3,
      answers: { sexAtBirth: 'Female', pregnant: 'no', age: 34 },
      signerName: 'Pat Patient',
      appointmentId: 'appt-9',
    });
    expect(screen.getByRole('link', { name: 'Back to my forms' })).toHaveAttribute('href', '/patient/forms');
  });

  it('drops the answer of a question hidden again, and does not require it', async () => {
    const user = userEvent.setup();
    const fetch = renderAsPatient('/patient/forms/form-intake', [
      route('GET', '/api/forms/form-intake/versions/latest', () => json(intake)),
      route('POST', '/api/forms/form-intake/submit', () => json(submission(), { status: 201 })),
    ]);
    await user.click(await screen.findByRole('radio', { name: 'Female' }));
    await user.click(await screen.findByRole('radio', { name: 'Yes' }));
    await user.click(screen.getByRole('radio', { name: 'Male' }));
    await waitFor(() => expect(screen.queryByText('Are you pregnant or breastfeeding?')).not.toBeInTheDocument());
    await user.type(screen.getByRole('textbox', { name: /Your full name/ }), 'Pat Patient');
    await user.click(screen.getByRole('button', { name: 'Sign and submit' }));
    await screen.findByText(/is on file/);
    expect(submits(fetch)[0].body).toMatchObject({ answers: { sexAtBirth: 'Male' } });
    expect((submits(fetch)[0].body as { appointmentId?: string }).appointmentId).toBeUndefined();
  });

  it('asks for what is required before anything is sent', async () => {
    const user = userEvent.setup();
    const fetch = renderAsPatient('/patient/forms/form-intake', [route('GET', '/api/forms/form-intake/versions/latest', () => json(intake))]);
    await user.click(await screen.findByRole('button', { name: 'Sign and submit' }));
    expect((await screen.findAllByText('Response required.')).length).toBeGreaterThanOrEqual(2);
    expect(submits(fetch)).toHaveLength(0);
  });

  it('shows the legal text and sends the signature drawn, for a child when asked, with its expiry on the thank-you', async () => {
    const user = userEvent.setup();
    const fetch = renderAsPatient('/patient/forms/form-filler?for=child-7', [
      route('GET', '/api/forms/form-filler/versions/latest', () => json(consent)),
      route('POST', '/api/forms/form-filler/submit', () =>
        json(submission({ formId: 'form-filler', formName: 'Dermal filler consent', kind: 'consent', patientId: 'child-7', expiresAt: '2027-11-23T15:00:00Z' }), { status: 201 }),
      ),
    ]);
    expect(await screen.findByText('I understand that fillers can bruise.')).toBeInTheDocument();
    expect(screen.getByText(/for a family member/)).toBeInTheDocument();
    await waitFor(() => expect(rendered.model).not.toBeNull());
    rendered.model!.setValue('signature', 'data:image/png;base64,SIGNED');
    await user.type(screen.getByRole('textbox', { name: /Your full name/ }), 'Pat Patient');
    await user.click(screen.getByRole('button', { name: 'Sign and submit' }));
    expect(await screen.findByText('Thank you — your Dermal filler consent is on file.')).toBeInTheDocument();
    expect(screen.getByText('It is valid until 23 Nov 2027.')).toBeInTheDocument();
    expect(submits(fetch)[0].body).toEqual({
      patientId: 'child-7',
      version: 2,
      answers: { signature: 'data:image/png;base64,SIGNED' },
      signerName: 'Pat Patient',
    });
  });

  it('shows a refusal’s errors under their questions and the rest in the alert, keeping every answer', async () => {
    const user = userEvent.setup();
    let refuse = true;
    const fetch = renderAsPatient('/patient/forms/form-intake', [
      route('GET', '/api/forms/form-intake/versions/latest', () => json(intake)),
      route('POST', '/api/forms/form-intake/submit', () =>
        refuse
          ? problem(400, {
              title: 'The answers are not valid',
              errors: { 'answers.age': ['Age must be between 0 and 130.'], signerName: ['Type your full name.'], version: ['A newer version exists.'] },
            })
          : json(submission(), { status: 201 }),
      ),
    ]);
    await user.click(await screen.findByRole('radio', { name: 'Male' }));
    const age = screen.getByRole('spinbutton', { name: /Your age/ });
    await user.type(age, '340');
    await user.type(screen.getByRole('textbox', { name: /Your full name/ }), 'P');
    await user.click(screen.getByRole('button', { name: 'Sign and submit' }));

    const alert = (await screen.findByText('The answers are not valid')).closest('[role="alert"]') as HTMLElement;
    expect(alert).toHaveTextContent('A newer version exists.');
    expect(alert).toHaveTextContent('Please check the answers marked below.');
    expect(alert).not.toHaveTextContent('Age must be');
    const ageQuestion = age.closest('[data-name="age"]') as HTMLElement;
    expect(await within(ageQuestion).findByText('Age must be between 0 and 130.')).toBeInTheDocument();
    const nameInput = screen.getByRole('textbox', { name: /Your full name/ });
    expect(within(nameInput.closest('[data-name="signer name"]') as HTMLElement).getByText('Type your full name.')).toBeInTheDocument();
    // Nothing typed is lost.
    expect(screen.getByRole('radio', { name: 'Male' })).toBeChecked();
    expect(age).toHaveValue(340);
    expect(nameInput).toHaveValue('P');

    refuse = false;
    await user.clear(age);
    await user.type(age, '34');
    await user.type(nameInput, 'at Patient');
    await user.click(screen.getByRole('button', { name: 'Sign and submit' }));
    expect(await screen.findByText(/is on file/)).toBeInTheDocument();
    expect(submits(fetch)).toHaveLength(2);
    expect(submits(fetch)[1].body).toMatchObject({ answers: { sexAtBirth: 'Male', age: 34 }, signerName: 'Pat Patient' });
  });

  it('when a newer version was published meanwhile, loads it with the answers kept and sends that version', async () => {
    const user = userEvent.setup();
    let latest = intake;
    const fetch = renderAsPatient('/patient/forms/form-intake', [
      route('GET', '/api/forms/form-intake/versions/latest', () => json(latest)),
      route('POST', '/api/forms/form-intake/submit', (req) =>
        (req.body as { version: number }).version === 4
          ? json(submission({ version: 4 }), { status: 201 })
          : problem(409, { title: 'That conflicts with existing data', detail: 'This form was updated (version 4). Please reload it and fill in the current version.' }),
      ),
    ]);
    await user.click(await screen.findByRole('radio', { name: 'Male' }));
    await user.type(screen.getByRole('spinbutton', { name: /Your age/ }), '41');
    await user.type(screen.getByRole('textbox', { name: /Your full name/ }), 'Pat Patient');
    await user.click(screen.getByRole('button', { name: 'Sign and submit' }));
    expect(await screen.findByText(/This form was updated \(version 4\)/)).toBeInTheDocument();

    latest = {
      ...intake,
      version: 4,
      sections: [{ ...intake.sections[0], fields: [...intake.sections[0].fields, { id: 'smoker', type: 'yesNo', label: 'Do you smoke?', required: true, options: [], help: null, visibleIf: null }] }],
    };
    await user.click(screen.getByRole('button', { name: 'Load the current version' }));
    expect(await screen.findByText('Do you smoke?')).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Male' })).toBeChecked();
    expect(screen.getByRole('spinbutton', { name: /Your age/ })).toHaveValue(41);
    const smoker = screen.getByText('Do you smoke?').closest('[data-name="smoker"]') as HTMLElement;
    await user.click(within(smoker).getByRole('radio', { name: 'No' }));
    await user.click(screen.getByRole('button', { name: 'Sign and submit' }));
    expect(await screen.findByText(/is on file/)).toBeInTheDocument();
    expect(submits(fetch).at(-1)!.body).toEqual({
      patientId: 'patient-1',
      version: 4,
      answers: { sexAtBirth: 'Male', age: 41, smoker: 'no' },
      signerName: 'Pat Patient',
    });
  });

  it('says when the form is not there', async () => {
    renderAsPatient('/patient/forms/nope', [route('GET', '/api/forms/nope/versions/latest', () => problem(404, { title: 'Not found' }))]);
    expect(await screen.findByRole('alert')).toHaveTextContent('This form is not available');
  });
});
