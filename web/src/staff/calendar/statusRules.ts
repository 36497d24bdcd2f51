import type { AppointmentStatus, StaffStatusAction } from '../../api/booking';
import type { Role } from '../../api/types';

export interface StatusAction {
  status: StaffStatusAction;
  label: string;
}

/** Every staff status button, in the order the panel shows them. */
export const STATUS_ACTIONS: StatusAction[] = [
  { status: 'confirmed', label: 'Confirm' },
  { status: 'arrived', label: 'Check in' },
  { status: 'completed', label: 'Complete' },
  { status: 'no-show', label: 'No-show' },
  { status: 'cancelled', label: 'Cancel' },
];

/** Which status changes are legal from each status (the API answers 409 to any other). */
export const TRANSITIONS: Record<AppointmentStatus, StaffStatusAction[]> = {
  'pending-deposit': ['cancelled'],
  'pending-approval': ['confirmed', 'cancelled'],
  scheduled: ['confirmed', 'arrived', 'no-show', 'cancelled'],
  confirmed: ['arrived', 'no-show', 'cancelled'],
  arrived: ['completed'],
  completed: [],
  cancelled: [],
  'no-show': [],
};

/** Practitioners see the calendar read-only, but may check patients in and complete treatments. */
const PRACTITIONER_ACTIONS: StaffStatusAction[] = ['arrived', 'completed'];

export function actionsFor(status: AppointmentStatus | string, role: Role | undefined): StatusAction[] {
  const legal = TRANSITIONS[status as AppointmentStatus] ?? [];
  return STATUS_ACTIONS.filter(
    (a) => legal.includes(a.status) && (role !== 'practitioner' || PRACTITIONER_ACTIONS.includes(a.status)),
  );
}

/** Only front desk and admins book from the calendar. */
export function canBookFromCalendar(role: Role | undefined): boolean {
  return role === 'admin' || role === 'frontdesk';
}
