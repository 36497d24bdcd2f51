import { describe, expect, it } from 'vitest';
import { appointment } from '../../test/booking';
import { ANY, bookingReducer, newBooking, resumedBooking, stepNumber } from './bookingState';

const slot = { startTime: '2026-11-24T18:00:00Z', endTime: '2026-11-24T18:30:00Z', practitionerIds: ['p1'] };

describe('booking steps', () => {
  it('a new service clears the practitioner; a new location clears both', () => {
    let s = bookingReducer(newBooking, { type: 'chooseLocation', locationId: 'loc1' });
    s = bookingReducer(s, { type: 'chooseService', serviceId: 'svc' });
    s = bookingReducer(s, { type: 'choosePractitioner', practitionerId: 'p1' });
    expect(bookingReducer(s, { type: 'chooseService', serviceId: 'other' })).toMatchObject({ serviceId: 'other', practitionerId: ANY });
    expect(bookingReducer(s, { type: 'chooseLocation', locationId: 'loc2' })).toMatchObject({ locationId: 'loc2', serviceId: '', practitionerId: ANY });
  });

  it('moving on clears what was missing; a picked time goes to review', () => {
    const missing = bookingReducer(newBooking, { type: 'missing', message: 'Choose a treatment.' });
    expect(missing.stepError).toBe('Choose a treatment.');
    expect(bookingReducer(missing, { type: 'go', step: 'practitioner' })).toMatchObject({ step: 'practitioner', stepError: '' });
    expect(bookingReducer(newBooking, { type: 'pickTime', slot, zone: 'America/New_York' })).toMatchObject({ step: 'review', slot, zone: 'America/New_York' });
  });

  it('a booking awaiting its deposit goes to the deposit step, otherwise it is done; a taken time goes back with the reason', () => {
    const picked = bookingReducer(newBooking, { type: 'pickTime', slot, zone: 'America/New_York' });
    expect(bookingReducer(picked, { type: 'booked', appointment: appointment({ status: 'pending-deposit' }) }).step).toBe('deposit');
    expect(bookingReducer(picked, { type: 'booked', appointment: appointment() }).step).toBe('done');
    const problem = { title: 'That time was just taken', status: 409 };
    expect(bookingReducer(picked, { type: 'timeTaken', problem })).toMatchObject({ step: 'time', slot: null, timeProblem: problem });
    const back = bookingReducer({ ...picked, appointment: appointment(), step: 'deposit' }, { type: 'pickAnotherTime' });
    expect(back).toMatchObject({ step: 'time', slot: null, appointment: null });
  });

  it('coming back to pay resumes at the deposit with the booking’s choices', () => {
    expect(resumedBooking(appointment({ status: 'pending-deposit', practitionerId: '' }))).toMatchObject({
      step: 'deposit',
      locationId: 'loc1',
      serviceId: 'svc-botox',
      practitionerId: ANY,
    });
    expect(resumedBooking(appointment()).step).toBe('done');
  });

  it('counts four steps, five with a deposit', () => {
    expect(stepNumber('review', false)).toEqual({ number: 4, of: 4 });
    expect(stepNumber('deposit', true)).toEqual({ number: 5, of: 5 });
    expect(stepNumber('done', false)).toEqual({ number: 4, of: 4 });
  });
});
