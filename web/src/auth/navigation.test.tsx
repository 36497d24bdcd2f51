import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeAuth, json, meFor, mockFetch, renderApp, route } from '../test/utils';
import { landingPathFor, staffNavFor } from './roles';

const emptyList = () => json({ items: [], continuationToken: null });

describe('role-based navigation', () => {
  it('shows admins every staff section including the audit log', async () => {
    renderApp('/staff', fakeAuth({ me: meFor('admin') }));
    const nav = await screen.findByRole('navigation', { name: 'Staff' });
    const links = within(nav)
      .getAllByRole('link')
      .map((a) => a.textContent);
    expect(links).toEqual(['Calendar', 'Patients', 'Inbox', 'Waitlist', 'Locations', 'Staff', 'Services', 'Rooms', 'Equipment', 'Forms', 'Chart templates', 'Lot recall', 'Settings', 'Audit log']);
    expect(screen.getByText('Ada Admin')).toBeInTheDocument();
    expect(screen.getByRole('banner')).toHaveTextContent('Admin');
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeInTheDocument();
  });

  it.each(['frontdesk', 'practitioner'] as const)('hides the audit log from %s', async (role) => {
    renderApp('/staff', fakeAuth({ me: meFor(role) }));
    const nav = await screen.findByRole('navigation', { name: 'Staff' });
    expect(within(nav).getByRole('link', { name: 'Services' })).toHaveAttribute('href', '/staff/services');
    expect(within(nav).getByRole('link', { name: 'Patients' })).toHaveAttribute('href', '/staff/patients');
    expect(within(nav).queryByRole('link', { name: 'Audit log' })).not.toBeInTheDocument();
    expect(within(nav).queryByRole('link', { name: 'Settings' })).not.toBeInTheDocument();
    expect(within(nav).queryByRole('link', { name: 'Forms' })).not.toBeInTheDocument();
  });

  it('does not open the audit log for a non-admin who types its address', async () => {
    renderApp('/staff/audit', fakeAuth({ me: meFor('frontdesk') }));
    expect(await screen.findByRole('heading', { name: 'Not available for your account' })).toBeInTheDocument();
  });

  it('shows the audit log to admins', async () => {
    const fetch = mockFetch(
      route('GET', '/api/audit', () =>
        json({
          items: [
            {
              id: 'a1',
              at: '2026-03-01T10:00:00Z',
              actor: { userId: 'u1', email: 'admin@demo.medspa.test', role: 'admin' },
              action: 'update',
              resource: 'services',
              resourceId: 's1',
              outcome: 'success',
              status: 200,
            },
          ],
          continuationToken: null,
        }),
      ),
    );
    renderApp('/staff/audit', fakeAuth({ me: meFor('admin'), fetch }));
    expect(await screen.findByRole('heading', { name: 'Audit log' })).toBeInTheDocument();
    expect(await screen.findByRole('cell', { name: 'admin@demo.medspa.test' })).toBeInTheDocument();
  });

  it('tells a patient the staff area is not available', async () => {
    renderApp('/staff/services', fakeAuth({ me: meFor('patient') }));
    expect(await screen.findByRole('heading', { name: 'Not available for your account' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to your account' })).toHaveAttribute('href', '/patient');
    expect(screen.queryByRole('navigation', { name: 'Staff' })).not.toBeInTheDocument();
  });

  it('tells staff the patient area is not available', async () => {
    renderApp('/patient', fakeAuth({ me: meFor('frontdesk') }));
    expect(await screen.findByRole('heading', { name: 'Not available for your account' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to the staff area' })).toHaveAttribute('href', '/staff');
  });

  it('welcomes a patient with their upcoming appointments (none yet) and a way to book', async () => {
    const fetch = mockFetch(
      route('GET', '/api/booking/my-appointments', () => json({ upcoming: [], past: [], cancelled: [] })),
    );
    renderApp('/patient', fakeAuth({ me: meFor('patient'), fetch }));
    expect(await screen.findByRole('heading', { name: 'Welcome, Pat Patient' })).toBeInTheDocument();
    expect(await screen.findByText('No upcoming appointments')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Book an appointment' })).toBeInTheDocument();
  });

  it.each(['admin', 'frontdesk', 'practitioner'] as const)('puts Calendar first and Patients next in the staff nav for %s', async (role) => {
    renderApp('/staff', fakeAuth({ me: meFor(role) }));
    const nav = await screen.findByRole('navigation', { name: 'Staff' });
    const [first, second] = within(nav).getAllByRole('link');
    expect(first).toHaveTextContent('Calendar');
    expect(first).toHaveAttribute('href', '/staff/calendar');
    expect(second).toHaveTextContent('Patients');
    expect(second).toHaveAttribute('href', '/staff/patients');
  });

  it('sends a signed-out visitor of a protected page to sign-in, remembering the page', async () => {
    const auth = fakeAuth({ status: 'signedOut', me: null });
    renderApp('/staff/services?x=1', auth);
    expect(await screen.findByText('Redirecting to sign in…')).toBeInTheDocument();
    expect(auth.signIn).toHaveBeenCalledWith('/staff/services?x=1');
  });

  it('explains an account that is not linked to a clinic', async () => {
    renderApp('/staff', fakeAuth({ status: 'unlinked', me: null }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Your account is not linked to a clinic');
  });

  it('offers "Sign in" on the landing page and starts sign-in', async () => {
    const auth = fakeAuth({ status: 'signedOut', me: null });
    renderApp('/', auth);
    expect(screen.getByRole('heading', { level: 1 })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(auth.signIn).toHaveBeenCalled();
  });

  it('moves between staff sections through the nav', async () => {
    const fetch = mockFetch(route('GET', '/api/rooms', emptyList), route('GET', '/api/locations', emptyList));
    renderApp('/staff', fakeAuth({ me: meFor('admin'), fetch }));
    await userEvent.click(await screen.findByRole('link', { name: 'Rooms' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Rooms' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Rooms' })).toHaveAttribute('aria-current', 'page');
  });

  it('opens and closes the narrow-screen menu', async () => {
    renderApp('/staff', fakeAuth({ me: meFor('admin') }));
    const toggle = await screen.findByRole('button', { name: 'Menu' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
  });
});

describe('where sign-in lands', () => {
  it('sends staff to /staff and patients to /patient', () => {
    expect(landingPathFor(meFor('admin'))).toBe('/staff');
    expect(landingPathFor(meFor('practitioner'))).toBe('/staff');
    expect(landingPathFor(meFor('patient'))).toBe('/patient');
  });

  it('returns to the page asked for only when the role may see it', () => {
    expect(landingPathFor(meFor('frontdesk'), '/staff/services/s1')).toBe('/staff/services/s1');
    expect(landingPathFor(meFor('practitioner'), '/staff/patients/p1')).toBe('/staff/patients/p1');
    expect(landingPathFor(meFor('patient'), '/staff/services')).toBe('/patient');
    expect(landingPathFor(meFor('admin'), '/patient')).toBe('/staff');
    expect(landingPathFor(meFor('frontdesk'), '/staff/audit')).toBe('/staff');
    expect(landingPathFor(meFor('admin'), '//evil.example')).toBe('/staff');
    expect(landingPathFor(meFor('admin'), '/staff/\t/evil.example')).toBe('/staff');
    expect(landingPathFor(meFor('admin'), '/staff\\evil.example')).toBe('/staff');
    expect(landingPathFor(meFor('admin'), '/staff/x\r\nSet-Cookie: a=b')).toBe('/staff');
  });

  it('gives the patient role no staff navigation', () => {
    expect(staffNavFor('patient')).toEqual([]);
  });
});
