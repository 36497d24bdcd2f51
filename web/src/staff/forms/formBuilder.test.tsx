import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Form, FormContent, FormSummary } from '../../api/forms';
import { fillerConsent, signatureField } from '../../test/forms';
import { withSurveyJsDom } from '../../test/survey';
import { fakeAuth, json, meFor, mockFetch, problem, renderApp, route, withStaffArea, type Handler, expectToShow } from '../../test/utils';

withStaffArea('2026-11-23T15:00:00Z');
withSurveyJsDom();

const summary = (over: Partial<FormSummary>): FormSummary => ({
  id: 'form-1',
  name: 'Medical history',
  kind: 'intake',
  description: null,
  publishedVersion: null,
  hasDraft: true,
  expirationMonths: null,
  updatedAt: '2026-11-20T10:00:00Z',
  ...over,
});

const content: FormContent = {
  ...fillerConsent,
  sections: [
    {
      title: 'About you',
      fields: [
        { id: 'sexAtBirth', type: 'choice', label: 'Sex assigned at birth', required: true, options: ['Female', 'Male'], help: null, visibleIf: null },
        signatureField,
      ],
    },
  ],
};

const stored = (over: Partial<Form> = {}): Form => ({
  ...summary({ id: 'form-9', name: content.name, kind: 'consent', publishedVersion: 1, hasDraft: true, expirationMonths: 12 }),
  ...content,
  etag: '"e1"',
  ...over,
});

function renderStaff(path: string, handlers: Handler[], role: 'admin' | 'frontdesk' = 'admin') {
  const fetch = mockFetch(...handlers);
  renderApp(path, fakeAuth({ me: meFor(role), fetch }));
  return fetch;
}

/** The fieldset of question n (1-based) of section s. */
async function question(n: number, s = 1) {
  const section = await screen.findByRole('group', { name: `Section ${s}` });
  return within(section).getByRole('group', { name: new RegExp(`^Question ${n}`) });
}

/**
 * Adds question n to section 1 as an admin does: its wording, answer type, field id (when given) and Required.
 * Returns its fieldset.
 */
async function addQuestion(user: ReturnType<typeof userEvent.setup>, n: number, label: string, type: string, fieldId?: string) {
  await user.click(screen.getByRole('button', { name: 'Add a question to section 1' }));
  const q = await question(n);
  await user.type(within(q).getByRole('textbox', { name: 'Question' }), label);
  await user.selectOptions(within(q).getByRole('combobox', { name: 'Answer type' }), type);
  if (fieldId) {
    await user.clear(within(q).getByRole('textbox', { name: /Field id/ }));
    await user.type(within(q).getByRole('textbox', { name: /Field id/ }), fieldId);
  }
  await user.click(within(q).getByRole('checkbox', { name: 'Required' }));
  return q;
}

describe('forms list', () => {
  it('lists the forms with what is published and what is still a draft, and opens one', async () => {
    const user = userEvent.setup({ delay: null });
    renderStaff('/staff', [
      route('GET', '/api/forms', () =>
        json({
          items: [
            summary({ id: 'f1', name: 'Dermal filler consent', kind: 'consent', publishedVersion: 2, hasDraft: true, expirationMonths: 12 }),
            summary({ id: 'f2', name: 'Medical history', publishedVersion: null }),
            summary({ id: 'f3', name: 'Photo release', kind: 'photoRelease', publishedVersion: 1, hasDraft: false }),
          ],
        }),
      ),
      route('GET', '/api/forms/f1', () => json(stored({ id: 'f1' }))),
    ]);
    await user.click(await screen.findByRole('link', { name: 'Forms' }));
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expectToShow(rows[0], 'Dermal filler consent', 'Consent', 'Version 2', 'Draft changes', '12 months');
    expect(rows[1]).toHaveTextContent('Not published');
    expect(rows[1]).not.toHaveTextContent('Draft changes');
    expect(rows[2]).toHaveTextContent('Photo release');
    expect(rows[2]).not.toHaveTextContent('Draft changes');
    await user.click(within(rows[0]).getByRole('link', { name: 'Dermal filler consent' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Dermal filler consent' })).toBeInTheDocument();
  });

  it('says when there are no forms yet and starts a new one', async () => {
    const user = userEvent.setup({ delay: null });
    renderStaff('/staff/forms', [route('GET', '/api/forms', () => json({ items: [] }))]);
    expect(await screen.findByText('No forms yet')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'New form' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'New form' })).toBeInTheDocument();
  });

  it('is for admins only', async () => {
    const fetch = renderStaff('/staff/forms', [route('GET', '/api/forms', () => json({ items: [] }))], 'frontdesk');
    expect(await screen.findByRole('heading', { level: 1 })).not.toHaveTextContent('Forms');
    expect(fetch.requests.some((r) => r.url.pathname === '/api/forms')).toBe(false);
  });
});

describe('form builder', () => {
  it('builds a consent with a conditional question and saves it as the contract’s content', async () => {
    const user = userEvent.setup({ delay: null });
    let created: unknown = null;
    const fetch = renderStaff('/staff/forms/new', [
      route('POST', '/api/forms', (req) => {
        created = req.body;
        return json({ ...stored({ id: 'form-new', publishedVersion: null }), ...(req.body as FormContent) }, { status: 201 });
      }),
      route('GET', '/api/forms/form-new', () => json({ ...stored({ id: 'form-new', publishedVersion: null }), ...(created as FormContent) })),
    ]);
    await user.type(await screen.findByRole('textbox', { name: 'Name' }), 'Dermal filler consent');
    expect(screen.queryByRole('textbox', { name: 'Legal text' })).not.toBeInTheDocument();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Kind' }), 'Consent');
    await user.click(screen.getByRole('textbox', { name: 'Legal text' }));
    await user.paste('I understand that fillers can bruise.');
    await user.type(screen.getByRole('textbox', { name: /Expires after/ }), '12');
    await user.type(screen.getByRole('textbox', { name: 'Section title' }), 'About you');

    let q1 = await addQuestion(user, 1, 'Sex assigned at birth', 'One choice', 'sexAtBirth');
    await user.type(within(q1).getByRole('textbox', { name: 'Options (one per line)' }), 'Female{Enter}Male{Enter}Intersex');
    expect(within(q1).getByText('A condition needs an earlier choice or yes/no question.')).toBeInTheDocument();

    const q2 = await addQuestion(user, 2, 'Are you pregnant?', 'Yes / no');
    // Only an earlier choice question can show it, with one of its options.
    await user.selectOptions(within(q2).getByRole('combobox', { name: 'Show only when' }), 'Sex assigned at birth (sexAtBirth)');
    const answer = within(q2).getByRole('combobox', { name: 'has the answer' });
    expect(within(answer).getAllByRole('option').map((o) => o.textContent)).toEqual(['Choose an answer', 'Female', 'Male', 'Intersex']);
    await user.selectOptions(answer, 'Female');

    const q3 = await addQuestion(user, 3, 'Signature', 'Signature', 'signature');
    // The yes/no question's answers are yes and no, for a question below it.
    expect(
      within(within(q3).getByRole('combobox', { name: 'Show only when' }))
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Always shown', 'Sex assigned at birth (sexAtBirth)', 'Are you pregnant? (field2)']);

    q1 = await question(1);
    expect(within(q1).queryByRole('combobox', { name: 'has the answer' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Save draft' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Dermal filler consent' })).toBeInTheDocument();
    expect(screen.getByText(/Draft saved/)).toBeInTheDocument();
    expect(screen.getByText('Not published yet')).toBeInTheDocument();
    const post = fetch.requests.find((r) => r.method === 'POST')!;
    expect(post.url.pathname).toBe('/api/forms');
    expect(post.body).toEqual({
      ...fillerConsent,
      sections: [
        {
          title: 'About you',
          fields: [
            { id: 'sexAtBirth', type: 'choice', label: 'Sex assigned at birth', required: true, options: ['Female', 'Male', 'Intersex'], help: null, visibleIf: null },
            { id: 'field2', type: 'yesNo', label: 'Are you pregnant?', required: true, options: [], help: null, visibleIf: { fieldId: 'sexAtBirth', equals: 'Female' } },
            signatureField,
          ],
        },
      ],
    });
  });

  it('checks the form before saving: options, legal text and the consent’s signature', async () => {
    const user = userEvent.setup({ delay: null });
    const fetch = renderStaff('/staff/forms/new', []);
    await user.type(await screen.findByRole('textbox', { name: 'Name' }), 'Photo release');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Kind' }), 'Photo release');
    await user.click(screen.getByRole('button', { name: 'Add a question to section 1' }));
    const q1 = await question(1);
    await user.type(within(q1).getByRole('textbox', { name: 'Question' }), 'Where may we use them?');
    await user.selectOptions(within(q1).getByRole('combobox', { name: 'Answer type' }), 'Several choices');
    await user.type(within(q1).getByRole('textbox', { name: 'Options (one per line)' }), 'Website');
    await user.click(screen.getByRole('button', { name: 'Save draft' }));
    expect(await within(q1).findByText('List 2 to 30 options, one per line.')).toBeInTheDocument();
    expect(screen.getByText('A consent or photo release needs its legal text.')).toBeInTheDocument();
    expect(screen.getByText('A consent or photo release needs a required signature field.')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Check the form');
    expect(fetch.requests.some((r) => r.method === 'POST')).toBe(false);
  });

  it('saves a change with If-Match, shows the API’s field errors next to their inputs, then publishes after a confirm', async () => {
    const user = userEvent.setup({ delay: null });
    let refuse = true;
    const fetch = renderStaff('/staff/forms/form-9', [
      route('GET', '/api/forms/form-9', () => json(stored())),
      route('PUT', '/api/forms/form-9', (req) =>
        refuse
          ? problem(400, {
              title: 'The form is not valid',
              errors: { 'sections[0].fields[1].label': ['A label is needed.'], 'sections[0].fields[0].id': ['Published ids cannot change.'], description: ['Too long.'], somethingElse: ['Odd.'] },
            })
          : json({ ...stored({ etag: '"e2"', hasDraft: true }), ...(req.body as FormContent) }),
      ),
      route('POST', '/api/forms/form-9/publish', () => json(stored({ etag: '"e3"', publishedVersion: 2, hasDraft: false }))),
    ]);
    expect(await screen.findByRole('heading', { level: 1, name: 'Dermal filler consent' })).toBeInTheDocument();
    expect(screen.getByText(/Published: version 1/)).toBeInTheDocument();
    const q1 = await question(1);
    const label = within(q1).getByRole('textbox', { name: 'Question' });
    expect(label).toHaveValue('Sex assigned at birth');
    await user.clear(label);
    await user.type(label, 'Sex at birth');
    expect(screen.getByRole('button', { name: 'Publish' })).toBeDisabled();

    await user.click(screen.getByRole('button', { name: 'Save draft' }));
    const q2 = await question(2);
    expect(await within(q2).findByText('A label is needed.')).toBeInTheDocument();
    expect(within(q1).getByText('Published ids cannot change.')).toBeInTheDocument();
    expect(within(q1).getByRole('textbox', { name: /Field id/ })).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('Too long.')).toBeInTheDocument();
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('The form is not valid');
    expect(alert).toHaveTextContent('somethingElse: Odd.');
    expect(alert).not.toHaveTextContent('A label is needed.');
    expect(label).toHaveValue('Sex at birth');

    refuse = false;
    await user.click(screen.getByRole('button', { name: 'Save draft' }));
    expect(await screen.findByText(/Draft saved/)).toBeInTheDocument();
    const puts = fetch.requests.filter((r) => r.method === 'PUT');
    expect(puts).toHaveLength(2);
    expect(puts[1].headers.get('If-Match')).toBe('"e1"');
    expect(puts[1].body).toMatchObject({ name: 'Dermal filler consent', kind: 'consent', sections: [{ fields: [{ id: 'sexAtBirth', label: 'Sex at birth' }, { id: 'signature' }] }] });

    await user.click(screen.getByRole('button', { name: 'Publish' }));
    const dialog = await screen.findByRole('dialog', { name: 'Publish version 2?' });
    await user.click(within(dialog).getByRole('button', { name: 'Publish' }));
    expect(await screen.findByText(/Version 2 published/)).toBeInTheDocument();
    expect(fetch.requests.filter((r) => r.url.pathname === '/api/forms/form-9/publish' && r.method === 'POST')).toHaveLength(1);
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(screen.getByText(/Published: version 2/)).toBeInTheDocument();
  });

  it('says when someone else saved first and shows their version', async () => {
    const user = userEvent.setup({ delay: null });
    let reads = 0;
    renderStaff('/staff/forms/form-9', [
      route('GET', '/api/forms/form-9', () => {
        reads += 1;
        return json(reads === 1 ? stored() : stored({ name: 'Filler consent (new)', etag: '"e5"' }));
      }),
      route('PUT', '/api/forms/form-9', () => problem(412, { title: 'Precondition failed' })),
    ]);
    const name = await screen.findByRole('textbox', { name: 'Name' });
    await user.type(name, ' v2');
    await user.click(screen.getByRole('button', { name: 'Save draft' }));
    expect(await screen.findByText('This form changed since you opened it')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Name' })).toHaveValue('Filler consent (new)'));
  });

  it('previews the current content in a phone-wide frame with the patient’s renderer', async () => {
    const user = userEvent.setup({ delay: null });
    renderStaff('/staff/forms/form-9', [route('GET', '/api/forms/form-9', () => json(stored()))]);
    const q1 = await question(1);
    await user.clear(within(q1).getByRole('textbox', { name: 'Question' }));
    await user.type(within(q1).getByRole('textbox', { name: 'Question' }), 'Sex at birth (unsaved)');
    await user.click(screen.getByRole('button', { name: 'Preview on a phone' }));
    const dialog = await screen.findByRole('dialog', { name: 'Preview on a phone' });
    const frame = await within(dialog).findByRole('region', { name: 'Phone-sized preview' });
    expect(await within(frame).findByText('Sex at birth (unsaved)')).toBeInTheDocument();
    expect(within(frame).getByText('I understand that fillers can bruise.')).toBeInTheDocument();
    expect(within(frame).getByRole('radio', { name: 'Female' })).toBeInTheDocument();
  });
});
