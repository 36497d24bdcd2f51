import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChartTemplate } from '../../api/charts';
import { neurotoxinTemplate } from '../../test/charts';
import { fakeAuth, json, meFor, mockFetch, problem, renderApp, route } from '../../test/utils';

beforeAll(async () => {
  await import('../../staff/StaffRoutes');
});

const own: ChartTemplate = {
  id: 'template-own', name: 'Thread lift', treatment: 'soap', diagram: 'face', builtIn: false, lotRequired: false,
  fields: [{ id: 'notes', label: 'Notes', type: 'long-text', quickPhrases: ['Mild swelling'] }],
};

describe('chart templates (admin)', () => {
  it('copies a built-in template into the clinic’s own, adds a choice field named from its label, and saves it', async () => {
    const user = userEvent.setup();
    const fetch = mockFetch(
      route('GET', '/api/charts/templates', () => json({ items: [neurotoxinTemplate, own] })),
      route('GET', '/api/charts/templates/template-neurotoxin', () => json(neurotoxinTemplate)),
      route('POST', '/api/charts/templates', (req) => json({ ...(req.body as object), id: 'template-new', builtIn: false, lotRequired: true }, { status: 201, headers: { ETag: '"t1"' } })),
    );
    renderApp('/staff/chart-templates', fakeAuth({ me: meFor('admin'), fetch }));

    const table = await screen.findByRole('table');
    expect(await within(table).findByRole('link', { name: 'Thread lift' })).toHaveAttribute('href', '/staff/chart-templates/template-own');
    await user.click(within(table).getByRole('link', { name: 'Copy Neurotoxin' }));
    const name = await screen.findByRole('textbox', { name: 'Name' });
    expect(name).toHaveValue('Neurotoxin (our own)');
    await user.click(screen.getByRole('button', { name: 'Add a field' }));
    const label = screen.getByRole('textbox', { name: 'Field 5: label' });
    await user.type(label, 'Areas treated');
    await user.tab();
    const fifth = screen.getAllByRole('combobox', { name: 'Kind of answer' })[4];
    await user.selectOptions(fifth, 'choice');
    await user.type(screen.getAllByRole('textbox', { name: 'Options (one per line)' }).at(-1)!, 'Forehead{Enter}Glabella');
    await user.click(screen.getByRole('button', { name: 'Save template' }));

    expect(await screen.findByText('“Neurotoxin (our own)” saved. New charts start from it.')).toBeInTheDocument();
    const body = fetch.requests.find((r) => r.method === 'POST')!.body as ChartTemplate;
    expect(body.name).toBe('Neurotoxin (our own)');
    expect(body.fields.at(-1)).toEqual({ id: 'areasTreated', label: 'Areas treated', type: 'choice', options: ['Forehead', 'Glabella'], default: null, quickPhrases: null, smart: null });
    expect(body.fields[0]).toMatchObject({ id: 'allergies', smart: 'allergies' });
  });

  it('edits the clinic’s own template with the version read, and shows the API’s refusal on the field it is about', async () => {
    const user = userEvent.setup();
    let puts = 0;
    const fetch = mockFetch(
      route('GET', '/api/charts/templates/template-own', () => json(own, { headers: { ETag: '"t7"' } })),
      route('PUT', '/api/charts/templates/template-own', (req) => {
        puts += 1;
        return puts === 1
          ? problem(400, { title: 'Please check the details', errors: { 'fields[0].label': ['At most 120 characters.'] } })
          : json({ ...own, ...(req.body as object) }, { headers: { ETag: '"t8"' } });
      }),
      route('GET', '/api/charts/templates', () => json({ items: [own] })),
    );
    renderApp('/staff/chart-templates/template-own', fakeAuth({ me: meFor('admin'), fetch }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Edit “Thread lift”' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Quick phrases (one per line)' })).toHaveValue('Mild swelling');
    await user.click(screen.getByRole('button', { name: 'Save template' }));
    expect(await screen.findByText('At most 120 characters.')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Field 1: label' })).toHaveAttribute('aria-invalid', 'true');
    await user.click(screen.getByRole('button', { name: 'Save template' }));
    expect(await screen.findByText(/“Thread lift” saved/)).toBeInTheDocument();
    const put = fetch.requests.filter((r) => r.method === 'PUT').at(-1)!;
    expect(put.headers.get('If-Match')).toBe('"t7"');
  });

  it('checks a template before sending it: a choice needs options, every field an id of its own', async () => {
    const user = userEvent.setup();
    const fetch = mockFetch(route('GET', '/api/charts/templates', () => json({ items: [] })));
    renderApp('/staff/chart-templates/new', fakeAuth({ me: meFor('admin'), fetch }));

    await user.type(await screen.findByRole('textbox', { name: 'Name' }), 'Quick note');
    await user.type(screen.getByRole('textbox', { name: 'Field 1: label' }), 'Note');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Kind of answer' }), 'choice');
    await user.click(screen.getByRole('button', { name: 'Save template' }));

    expect(await screen.findByText('A choice needs at least two options.')).toBeInTheDocument();
    expect(fetch.requests.some((r) => r.method === 'POST')).toBe(false);
  });

  it('is for admins: a practitioner is told it is not available', async () => {
    renderApp('/staff/chart-templates', fakeAuth({ me: meFor('practitioner'), fetch: mockFetch() }));
    expect(await screen.findByRole('heading', { name: 'Not available for your account' })).toBeInTheDocument();
  });
});
