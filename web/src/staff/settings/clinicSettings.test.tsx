import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import { policies } from '../../test/booking';
import { fakeAuth, json, meFor, mockFetch, problem, renderApp, route, type Handler } from '../../test/utils';

// The staff area loads lazily; import it once up front so the first test does not spend its wait compiling it.
beforeAll(async () => {
  await import('../StaffRoutes');
});

const saved = (body: unknown, etag: string) => json(body, { headers: { ETag: etag } });

/** A settings document the page reads as version 1 and saves as version 2, keeping what was saved. */
function savedDocument<T>(path: string, initial: T, version: string): Handler[] {
  let current = initial;
  return [
    route('GET', path, () => saved(current, `"${version}1"`)),
    route('PUT', path, (req) => {
      current = req.body as T;
      return saved(current, `"${version}2"`);
    }),
  ];
}

describe('clinic settings', () => {
  it('an admin switches the clinic to a 24-hour clock: the save names the version read, and the page shows what was saved', async () => {
    const fetch = mockFetch(...savedDocument('/api/booking/policies', { ...policies }, 'v'));
    renderApp('/staff/settings', fakeAuth({ me: meFor('admin'), fetch }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Clinic settings' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Settings' })).toBeInTheDocument();
    const clock12 = await screen.findByRole('radio', { name: '12-hour (2:30 PM)' });
    expect(clock12).toBeChecked();
    await userEvent.click(screen.getByRole('radio', { name: '24-hour (14:30)' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('Settings saved.')).toBeInTheDocument();
    const put = fetch.requests.find((r) => r.method === 'PUT')!;
    expect(put.headers.get('If-Match')).toBe('"v1"');
    expect(put.body).toEqual({ ...policies, clockFormat: '24h' });
    expect(screen.getByRole('radio', { name: '24-hour (14:30)' })).toBeChecked();
  });

  it('sets missed-visit fees only with the policy patients will accept', async () => {
    const fetch = mockFetch(
      route('GET', '/api/booking/policies', () => saved(policies, '"v1"')),
      route('PUT', '/api/booking/policies', (req) => saved(req.body as typeof policies, '"v2"')),
    );
    renderApp('/staff/settings', fakeAuth({ me: meFor('admin'), fetch }));
    await userEvent.clear(await screen.findByRole('textbox', { name: 'No-show fee' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'No-show fee' }), '50');
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText(/Write the policy patients accept/)).toBeInTheDocument();
    expect(fetch.requests.some((r) => r.method === 'PUT')).toBe(false);

    await userEvent.type(screen.getByRole('textbox', { name: 'Cancellation policy patients accept' }), 'Missed visits cost $50.');
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(fetch.requests.find((r) => r.method === 'PUT')?.body).toMatchObject({ noShowFee: 5000, lateCancellationFee: 0, cancellationPolicy: 'Missed visits cost $50.' }));
  });

  it('an admin chooses when patients are reminded; a list the API would refuse is caught on the page', async () => {
    const fetch = mockFetch(...savedDocument('/api/booking/policies', { ...policies }, 'v'));
    renderApp('/staff/settings', fakeAuth({ me: meFor('admin'), fetch }));
    const hours = await screen.findByRole('textbox', { name: 'Remind patients this many hours before their visit' });
    expect(hours).toHaveValue('48, 2');
    await userEvent.clear(hours);
    await userEvent.type(hours, '24, 24');
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText(/Up to 4 different numbers of hours/)).toBeInTheDocument();
    expect(fetch.requests.some((r) => r.method === 'PUT')).toBe(false);

    await userEvent.clear(hours);
    await userEvent.type(hours, '72, 3');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Send an after-care message the morning after a visit' }));
    await userEvent.clear(screen.getByRole('textbox', { name: 'Ask how the visit went after (days)' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Ask how the visit went after (days)' }), '0');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Show the patient’s name and treatment in practitioners’ calendar links' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('Settings saved.')).toBeInTheDocument();
    expect(fetch.requests.find((r) => r.method === 'PUT')!.body).toEqual({
      ...policies, reminderHoursBefore: [72, 3], afterCareMessage: false, reviewRequestAfterDays: 0, calendarFeedShowsPatientNames: true,
    });
    expect(hours).toHaveValue('72, 3');
  });

  it('refuses a box that is not a whole number without calling the API, and shows the API’s own field errors', async () => {
    const fetch = mockFetch(
      route('GET', '/api/booking/policies', () => saved(policies, '"v1"')),
      route('PUT', '/api/booking/policies', () =>
        problem(400, { title: 'Some fields need attention', errors: { windowDays: ['Between 1 and 730 days.'] } }),
      ),
    );
    renderApp('/staff/settings', fakeAuth({ me: meFor('admin'), fetch }));
    const window = await screen.findByRole('textbox', { name: 'Patients may book up to (days ahead)' });
    await userEvent.clear(window);
    await userEvent.type(window, '1.5');
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('Enter a whole number.')).toBeInTheDocument();
    expect(fetch.requests.some((r) => r.method === 'PUT')).toBe(false);
    await userEvent.clear(window);
    await userEvent.type(window, '999');
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('Between 1 and 730 days.')).toBeInTheDocument();
    expect(window).toHaveAttribute('aria-invalid', 'true');
  });

  it('when someone else saved first, loads their version and says so instead of overwriting it', async () => {
    let version = 1;
    const fetch = mockFetch(
      route('GET', '/api/booking/policies', () => saved({ ...policies, windowDays: version === 1 ? 60 : 90 }, `"v${version}"`)),
      route('PUT', '/api/booking/policies', () => {
        version = 2;
        return problem(412, { title: 'Precondition failed' });
      }),
    );
    renderApp('/staff/settings', fakeAuth({ me: meFor('admin'), fetch }));
    await userEvent.click(await screen.findByRole('radio', { name: '24-hour (14:30)' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('These settings changed since you opened them')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Patients may book up to (days ahead)' })).toHaveValue('90'));
    expect(screen.getByRole('radio', { name: '12-hour (2:30 PM)' })).toBeChecked();
    expect(screen.queryByText(/Precondition/)).not.toBeInTheDocument();
  });

  it('is for admins only: the desk has no link and the page says it is not available', async () => {
    renderApp('/staff/settings', fakeAuth({ me: meFor('frontdesk'), fetch: mockFetch() }));
    expect(await screen.findByRole('heading', { level: 1 })).not.toHaveTextContent('Clinic settings');
    expect(screen.queryByRole('link', { name: 'Settings' })).not.toBeInTheDocument();
  });

  it('an admin lets the desk read clinical fields: saved on its own with its own version, the booking rules untouched', async () => {
    const fetch = mockFetch(
      route('GET', '/api/booking/policies', () => saved(policies, '"v1"')),
      ...savedDocument('/api/clinic/privacy', { deskSeesClinicalFields: false }, 'p'),
    );
    renderApp('/staff/settings', fakeAuth({ me: meFor('admin'), fetch }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Patient records' })).toBeInTheDocument();
    const box = await screen.findByRole('checkbox', { name: /front desk may read medical alerts/ });
    expect(box).not.toBeChecked();
    expect(box).toHaveAccessibleDescription(/Only clinicians and admins change clinical fields/);
    await userEvent.click(box);
    await userEvent.click(screen.getByRole('button', { name: 'Save record settings' }));
    expect(await screen.findByText('Settings saved.')).toBeInTheDocument();
    const puts = fetch.requests.filter((r) => r.method === 'PUT');
    expect(puts.map((r) => r.url.pathname)).toEqual(['/api/clinic/privacy']);
    expect(puts[0].headers.get('If-Match')).toBe('"p1"');
    expect(puts[0].body).toEqual({ deskSeesClinicalFields: true });
    expect(screen.getByRole('checkbox', { name: /front desk may read medical alerts/ })).toBeChecked();
  });

  it('says so when the record settings cannot be read, and still shows the booking rules', async () => {
    const fetch = mockFetch(
      route('GET', '/api/booking/policies', () => saved(policies, '"v1"')),
      route('GET', '/api/clinic/privacy', () => problem(503, { title: 'The service is busy' })),
    );
    renderApp('/staff/settings', fakeAuth({ me: meFor('admin'), fetch }));
    expect(await screen.findByText('The service is busy')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save settings' })).toBeInTheDocument();
    expect(screen.queryByRole('checkbox', { name: /front desk may read/ })).not.toBeInTheDocument();
  });

  it('an admin makes unsigned charts lock after 12 hours with a reminder 2 hours before; the API’s bounds show on the box', async () => {
    let attempts = 0;
    const fetch = mockFetch(
      route('GET', '/api/booking/policies', () => saved(policies, '"v1"')),
      route('PUT', '/api/clinic/charting', (req) => {
        attempts += 1;
        return attempts === 1
          ? problem(400, { title: 'Please check the details', errors: { autoLockHours: ['Between 1 hour and 7 days (168 hours).'] } })
          : saved(req.body, '"c2"');
      }),
      ...savedDocument('/api/clinic/charting', { autoLockHours: 24, reminderHoursBeforeLock: 4 }, 'c'),
    );
    renderApp('/staff/settings', fakeAuth({ me: meFor('admin'), fetch }));
    const lockAfter = await screen.findByRole('textbox', { name: /Lock an unsigned chart after/ });
    expect(lockAfter).toHaveValue('24');
    await userEvent.clear(lockAfter);
    await userEvent.type(lockAfter, '200');
    await userEvent.click(screen.getByRole('button', { name: 'Save charting settings' }));
    expect(await screen.findByText('Between 1 hour and 7 days (168 hours).')).toBeInTheDocument();

    await userEvent.clear(lockAfter);
    await userEvent.type(lockAfter, '12');
    await userEvent.clear(screen.getByRole('textbox', { name: /Remind its practitioner/ }));
    await userEvent.type(screen.getByRole('textbox', { name: /Remind its practitioner/ }), '2');
    await userEvent.click(screen.getByRole('button', { name: 'Save charting settings' }));
    expect(await screen.findByText('Settings saved.')).toBeInTheDocument();
    const put = fetch.requests.filter((r) => r.method === 'PUT').at(-1)!;
    expect(put.headers.get('If-Match')).toBe('"c1"');
    expect(put.body).toEqual({ autoLockHours: 12, reminderHoursBeforeLock: 2 });
  });
});
