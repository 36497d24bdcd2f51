import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { json, problem, route, renderAsPatient, withClockAt, type Handler } from '../test/utils';

withClockAt('2026-11-23T15:00:00Z');

const renderLog = (handlers: Handler[], path = '/patient/access-log') => renderAsPatient(path, handlers);

describe('who viewed my record', () => {
  it('is linked from the patient’s home', async () => {
    const user = userEvent.setup();
    renderLog([route('GET', '/api/patients/patient-1/access-log', () => json({ items: [] }))], '/patient');
    await user.click(await screen.findByRole('link', { name: 'Who viewed my record' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Who viewed my record' })).toBeInTheDocument();
  });

  it('lists who, their role, what and when, marks refused attempts, and pages on', async () => {
    const user = userEvent.setup();
    const fetch = renderLog([
      route('GET', '/api/patients/patient-1/access-log', (req) =>
        req.url.searchParams.get('continuationToken') === 'next'
          ? json({ items: [{ at: '2026-11-01T15:00:00Z', who: 'You', role: 'patient', what: 'Read the record', refused: false }] })
          : json({
              items: [
                { at: '2026-11-22T15:00:00Z', who: 'Fran Desk', role: 'frontdesk', what: 'Read the record', refused: false },
                { at: '2026-11-21T15:00:00Z', who: 'Ivy Injector', role: 'practitioner', what: 'Read the record', refused: true },
              ],
              continuationToken: 'next',
            }),
      ),
    ]);
    const log = await screen.findByRole('list');
    const rows = within(log).getAllByRole('listitem');
    expect(rows[0]).toHaveTextContent('Fran Desk');
    expect(rows[0]).toHaveTextContent('Front desk');
    expect(rows[0]).toHaveTextContent('Read the record');
    expect(rows[0]).toHaveTextContent(/Nov 2026/);
    expect(rows[0]).not.toHaveTextContent('Refused');
    expect(rows[1]).toHaveTextContent('Refused');
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await within(log).findByText('You')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
    expect(fetch.requests.filter((r) => r.url.pathname.endsWith('/access-log'))).toHaveLength(2);
  });

  it('says when nobody has opened the record', async () => {
    renderLog([route('GET', '/api/patients/patient-1/access-log', () => json({ items: [] }))]);
    expect(await screen.findByText('Nobody has opened your record yet.')).toBeInTheDocument();
  });

  it('says when the log cannot be read, with a way to try again', async () => {
    const user = userEvent.setup();
    let fail = true;
    renderLog([
      route('GET', '/api/patients/patient-1/access-log', () =>
        fail ? problem(500, { title: 'The server had a problem' }) : json({ items: [{ at: '2026-11-22T15:00:00Z', who: 'Fran Desk', role: 'frontdesk', what: 'Read the record', refused: false }] }),
      ),
    ]);
    expect(await screen.findByRole('alert')).toHaveTextContent('The server had a problem');
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Fran Desk')).toBeInTheDocument();
  });
});
