import type { Appointment, Slot } from '../../api/booking';
import type { ProblemDetails } from '../../api/problem';

/** Booking, one step at a time: location and service → practitioner → day and time → review → deposit → done. */
export type Step = 'service' | 'practitioner' | 'time' | 'review' | 'deposit' | 'done';

/** '' as a practitioner id: any available practitioner. */
export const ANY = '';

export interface BookingState {
  step: Step;
  /** The location chosen ('' until one is; a clinic with one location needs no choice). */
  locationId: string;
  serviceId: string;
  practitionerId: string;
  slot: Slot | null;
  /** The zone the times were shown in. */
  zone: string;
  notes: string;
  /** The booking once made (or the one come back to, to pay its deposit). */
  appointment: Appointment | null;
  /** Why the person is back at the times (the time they chose was just taken). */
  timeProblem: ProblemDetails | null;
  /** What is missing before the next step. */
  stepError: string;
}

export type BookingAction =
  | { type: 'chooseLocation'; locationId: string }
  | { type: 'chooseService'; serviceId: string }
  | { type: 'choosePractitioner'; practitionerId: string }
  | { type: 'go'; step: Step }
  | { type: 'missing'; message: string }
  | { type: 'pickTime'; slot: Slot; zone: string }
  | { type: 'notes'; notes: string }
  | { type: 'booked'; appointment: Appointment }
  | { type: 'timeTaken'; problem: ProblemDetails }
  | { type: 'paid'; appointment: Appointment }
  | { type: 'pickAnotherTime' };

export const newBooking: BookingState = {
  step: 'service',
  locationId: '',
  serviceId: '',
  practitionerId: ANY,
  slot: null,
  zone: '',
  notes: '',
  appointment: null,
  timeProblem: null,
  stepError: '',
};

/** Coming back (`?pay=<id>`) to a booking: its deposit step while it awaits one, else its confirmation. */
export function resumedBooking(appointment: Appointment): BookingState {
  return {
    ...newBooking,
    locationId: appointment.locationId,
    serviceId: appointment.serviceId,
    practitionerId: appointment.practitionerId || ANY,
    appointment,
    step: appointment.status === 'pending-deposit' ? 'deposit' : 'done',
  };
}

export function bookingReducer(state: BookingState, action: BookingAction): BookingState {
  switch (action.type) {
    case 'chooseLocation':
      return { ...state, locationId: action.locationId, serviceId: '', practitionerId: ANY };
    case 'chooseService':
      return { ...state, serviceId: action.serviceId, practitionerId: ANY, stepError: '' };
    case 'choosePractitioner':
      return { ...state, practitionerId: action.practitionerId };
    case 'go':
      return { ...state, step: action.step, stepError: '' };
    case 'missing':
      return { ...state, stepError: action.message };
    case 'pickTime':
      return { ...state, slot: action.slot, zone: action.zone, timeProblem: null, step: 'review', stepError: '' };
    case 'notes':
      return { ...state, notes: action.notes };
    case 'booked':
      return { ...state, appointment: action.appointment, step: action.appointment.status === 'pending-deposit' ? 'deposit' : 'done', stepError: '' };
    case 'timeTaken':
      return { ...state, timeProblem: action.problem, slot: null, step: 'time', stepError: '' };
    case 'paid':
      return { ...state, appointment: action.appointment, step: 'done', stepError: '' };
    case 'pickAnotherTime':
      return { ...state, appointment: null, slot: null, step: 'time', stepError: '' };
  }
}

/** The step's number and how many there are (a deposit adds a fifth step). */
export function stepNumber(step: Step, withDeposit: boolean): { number: number; of: number } {
  const of = withDeposit ? 5 : 4;
  const numbers: Record<Step, number> = { service: 1, practitioner: 2, time: 3, review: 4, deposit: 5, done: of };
  return { number: numbers[step], of };
}
