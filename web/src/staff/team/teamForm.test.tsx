import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Service, StaffMember } from '../../api/types';
import { fakeAuth, json, meFor, mockFetch, renderApp, route, type Handler } from '../../test/utils';
import { servicesPerformedBy } from './teamResource';

const base = { etag: '"v1"', deleted: false, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' };

function service(id: string, name: string, practitionerIds: string[]): Service {
  return {
    ...base,
    id,
    name,
    category: 'Facial',
    description: '',
    durationMinutes: 30,
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    price: { amount: 10000, currency: 'USD' },
    deposit: { kind: 'none' },
    equipmentTypes: [],
    requiredFormIds: [],
    requiredConsentIds: [],
    onlineBookable: true,
    requiresConsultation: false,
    practitionerIds,
  };
}

const ivy: StaffMember = {
  ...base,
  id: 'st1',
  firstName: 'Ivy',
  lastName: 'Injector',
  email: 'ivy@x.test',
  role: 'practitioner',
  practitioner: { bio: 'Injectables.', certifications: [], tags: ['injectables'] },
  workingHours: [],
  timeOff: [],
};

const services = route('GET', '/api/services', () =>
  json({
    items: [service('s1', 'Lip filler', ['st1']), service('s2', 'Chemical peel', ['st2']), service('s3', 'Botox', ['st2', 'st1'])],
    continuationToken: null,
  }),
);
const locations = route('GET', '/api/locations', () => json({ items: [], continuationToken: null }));

function renderStaff(path: string, role: 'admin' | 'frontdesk', ...handlers: Handler[]) {
  const fetch = mockFetch(...handlers, services, locations);
  renderApp(path, fakeAuth({ me: meFor(role), fetch }));
  return fetch;
}

describe('staff form: services they perform', () => {
  it('lists, read-only, the services whose practitioners include them, linked to each service', async () => {
    renderStaff('/staff/team/st1', 'admin', route('GET', '/api/staff/st1', () => json(ivy)));

    const group = await screen.findByRole('group', { name: 'Services they perform' });
    await waitFor(() => expect(within(group).getAllByRole('link', { name: /Botox|Lip filler/ })).toHaveLength(2));
    expect(within(group).getByRole('link', { name: 'Botox' })).toHaveAttribute('href', '/staff/services/s3');
    expect(within(group).getByRole('link', { name: 'Lip filler' })).toHaveAttribute('href', '/staff/services/s1');
    expect(within(group).queryByText('Chemical peel')).not.toBeInTheDocument();
    expect(within(group).queryAllByRole('checkbox')).toHaveLength(0);
    expect(group).toHaveTextContent("Choose who performs a service on the service's page.");
    expect(within(group).getByRole('link', { name: 'Go to services' })).toHaveAttribute('href', '/staff/services');
  });

  it('saves the profile without any list of services, even from an older copy that had one', async () => {
    const user = userEvent.setup();
    const older = { ...ivy, practitioner: { ...ivy.practitioner!, serviceIds: ['s2'] } } as StaffMember;
    const fetch = renderStaff(
      '/staff/team/st1',
      'admin',
      route('GET', '/api/staff/st1', () => json(older)),
      route('PUT', '/api/staff/st1', (req) => json({ ...ivy, ...(req.body as object) })),
      route('GET', '/api/staff', () => json({ items: [ivy], continuationToken: null })),
    );

    const bio = await screen.findByLabelText('Bio');
    await user.clear(bio);
    await user.type(bio, 'Injectables and peels.');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(fetch.requests.some((r) => r.method === 'PUT')).toBe(true));
    const put = fetch.requests.find((r) => r.method === 'PUT')!.body as StaffMember;
    expect(put.practitioner).toEqual({ bio: 'Injectables and peels.', certifications: [], tags: ['injectables'] });
  });

  it('tells a new staff member’s admin to add them to services once saved', async () => {
    renderStaff('/staff/team/new', 'admin');

    const group = await screen.findByRole('group', { name: 'Services they perform' });
    await waitFor(() => expect(group).toHaveTextContent('None yet. Save this staff member first, then add them to services.'));
    expect(within(group).queryAllByRole('checkbox')).toHaveLength(0);
  });

  it('shows front desk the same list, read-only', async () => {
    renderStaff('/staff/team/st1', 'frontdesk', route('GET', '/api/staff/st1', () => json(ivy)));

    const group = await screen.findByRole('group', { name: 'Services they perform' });
    expect(await within(group).findByRole('link', { name: 'Lip filler' })).toBeInTheDocument();
  });
});

describe('servicesPerformedBy', () => {
  it('takes the services naming the staff member, by name, and nothing for an unsaved one', () => {
    const all = [service('s1', 'Lip filler', ['st1']), service('s2', 'Chemical peel', ['st2']), service('s3', 'Botox', ['st1'])];
    expect(servicesPerformedBy('st1', all).map((s) => s.name)).toEqual(['Botox', 'Lip filler']);
    expect(servicesPerformedBy('', all)).toEqual([]);
  });
});
