import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { WaitlistEntry, WaitlistOffer } from '../../api/waitlist';
import { json, problem, renderAsPatient, route } from '../../test/utils';

const location = { id: 'loc-1', name: 'SoHo', timeZone: 'America/New_York' };
const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
const entry: WaitlistEntry = {
  id: 'wl-1',
  patientId: 'patient-1',
  patientName: 'Pat Patient',
  serviceId: 'svc-botox',
  serviceName: 'Botox – one area',
  locationId: 'loc-1',
  locationName: 'SoHo',
  practitionerName: null,
  fromDate: '2026-12-07',
  toDate: '2026-12-11',
  timesOfDay: ['morning', 'afternoon', 'evening'],
  status: 'offered',
  currentOfferId: 'offer-1',
  createdAt: '2026-12-01T15:00:00Z',
};
const offer: WaitlistOffer = {
  id: 'offer-1',
  entryId: 'wl-1',
  serviceName: 'Botox – one area',
  locationId: 'loc-1',
  locationName: 'SoHo',
  startTime: '2026-12-08T14:30:00-05:00',
  expiresAt: inAnHour,
  status: 'open',
};

function waitlistRoutes(state: { entries: WaitlistEntry[]; offer: WaitlistOffer }) {
  return [
    route('GET', '/api/booking/locations', () => json({ items: [location] })),
    route('GET', '/api/booking/waitlist', () => json({ items: state.entries })),
    route('GET', '/api/booking/waitlist/offers/offer-1', () => json(state.offer)),
    route('GET', '/api/booking/services', () => json({ items: [{ id: 'svc-filler', name: 'Lip filler' }] })),
    route('GET', '/api/booking/practitioners', () => json({ items: [{ id: 'prac-1', displayName: 'Ivy Injector' }] })),
  ];
}

describe('my waitlist', () => {
  it('shows the time the message linked to and books it with one tap', async () => {
    const user = userEvent.setup();
    const state = { entries: [entry], offer };
    const fetch = renderAsPatient('/patient/waitlist?offer=offer-1', [
      route('POST', '/api/booking/waitlist/offers/offer-1/accept', () => {
        state.offer = { ...offer, status: 'booked', appointmentId: 'appt-9' };
        state.entries = [];
        return json({ id: 'appt-9', status: 'scheduled' });
      }),
      ...waitlistRoutes(state),
    ]);

    const card = await screen.findByRole('article', { name: /Botox – one area, Tuesday 8 December 2026 at 2:30 PM/ });
    expect(card).toHaveTextContent('at SoHo');
    expect(card).toHaveTextContent(/Accept by \d{1,2}:\d\d [AP]M to book it/);
    await user.click(within(card).getByRole('button', { name: 'Accept this time' }));

    expect(await screen.findByText(/You're booked\./)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'See it in your appointments' })).toHaveAttribute('href', '/patient/appointments');
    expect(fetch.requests.filter((r) => r.method === 'POST').map((r) => r.url.pathname)).toEqual(['/api/booking/waitlist/offers/offer-1/accept']);
  });

  it('says so when someone else was first, and the patient stays on the waitlist', async () => {
    const user = userEvent.setup();
    const state = { entries: [entry], offer };
    renderAsPatient('/patient/waitlist?offer=offer-1', [
      route('POST', '/api/booking/waitlist/offers/offer-1/accept', () => {
        state.offer = { ...offer, status: 'gone' };
        return problem(409, { title: 'Conflict', detail: 'Sorry, that time has already been taken by someone else on the waitlist. You are still on the waitlist.' });
      }),
      ...waitlistRoutes(state),
    ]);

    await user.click(await screen.findByRole('button', { name: 'Accept this time' }));

    expect(await screen.findByText(/already been taken by someone else/)).toBeInTheDocument();
    expect(await screen.findByText('Someone else took this time first. You are still on the waitlist.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Accept this time' })).not.toBeInTheDocument();
  });

  it('joins the waitlist for a treatment, days and times of day, and checks them first', async () => {
    const user = userEvent.setup();
    const state = { entries: [] as WaitlistEntry[], offer };
    const fetch = renderAsPatient('/patient/waitlist', [
      route('POST', '/api/booking/waitlist', (req) => {
        const body = req.body as { serviceId: string };
        state.entries = [{ ...entry, id: 'wl-2', serviceId: body.serviceId, serviceName: 'Lip filler', status: 'active', currentOfferId: null }];
        return json(state.entries[0], { status: 201 });
      }),
      ...waitlistRoutes(state),
    ]);

    expect(await screen.findByText(/You are not on the waitlist for anything/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Join the waitlist' }));
    expect(await screen.findByText('Choose where.')).toBeInTheDocument();
    expect(fetch.requests.some((r) => r.method === 'POST')).toBe(false);

    await user.selectOptions(screen.getByLabelText(/^Where/), 'loc-1');
    await user.selectOptions(await screen.findByRole('combobox', { name: /^Treatment/ }), await screen.findByRole('option', { name: 'Lip filler' }));
    await user.click(screen.getByLabelText('Evenings (from 17:00)'));
    await user.clear(screen.getByLabelText(/^From/));
    await user.type(screen.getByLabelText(/^From/), '2026-12-10');
    await user.clear(screen.getByLabelText(/^To/));
    await user.type(screen.getByLabelText(/^To/), '2026-12-09');
    await user.click(screen.getByRole('button', { name: 'Join the waitlist' }));
    expect(await screen.findByText('On or after the first day.')).toBeInTheDocument();

    await user.clear(screen.getByLabelText(/^To/));
    await user.type(screen.getByLabelText(/^To/), '2026-12-20');
    await user.click(screen.getByRole('button', { name: 'Join the waitlist' }));

    expect(await screen.findByText("You're on the waitlist for Lip filler. We'll text or email you when a time opens up.")).toBeInTheDocument();
    expect(fetch.requests.find((r) => r.method === 'POST')!.body).toEqual({
      locationId: 'loc-1',
      serviceId: 'svc-filler',
      fromDate: '2026-12-10',
      toDate: '2026-12-20',
      timesOfDay: ['morning', 'afternoon'],
    });
    expect(await screen.findByRole('article', { name: 'Waiting for Lip filler' })).toBeInTheDocument();
  });

  it('leaves the waitlist after asking', async () => {
    const user = userEvent.setup();
    const state = { entries: [{ ...entry, status: 'active' as const, currentOfferId: null }], offer };
    renderAsPatient('/patient/waitlist', [
      route('DELETE', '/api/booking/waitlist/wl-1', () => {
        state.entries = [];
        return json({ ...entry, status: 'removed' });
      }),
      ...waitlistRoutes(state),
    ]);

    const card = await screen.findByRole('article', { name: 'Waiting for Botox – one area' });
    expect(card).toHaveTextContent('Monday 7 December 2026 to Friday 11 December 2026, any time of day');
    await user.click(within(card).getByRole('button', { name: /Leave the waitlist/ }));
    await user.click(await screen.findByRole('button', { name: 'Leave the waitlist' }));

    expect(await screen.findByText('You left the waitlist for Botox – one area.')).toBeInTheDocument();
    expect(await screen.findByText(/You are not on the waitlist for anything/)).toBeInTheDocument();
  });
  it('starts from the treatment and place the booking page was showing', async () => {
    renderAsPatient('/patient/waitlist?serviceId=svc-filler&locationId=loc-1', waitlistRoutes({ entries: [], offer }));

    expect(await screen.findByRole('combobox', { name: /^Where/ })).toHaveValue('loc-1');
    await screen.findByRole('option', { name: 'Lip filler' });
    expect(screen.getByRole('combobox', { name: /^Treatment/ })).toHaveValue('svc-filler');
  });
});
