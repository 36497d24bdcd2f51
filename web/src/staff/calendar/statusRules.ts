import type { StaffStatusAction } from '../../api/booking';
import type { Role } from '../../api/types';

export interface StatusAction {
  status: StaffStatusAction;
  label: string;
}

/** Every staff status button, in the order the panel shows them. */
export const STATUS_ACTIONS: StatusAction[] = [
  { status: 'scheduled', label: 'Approve' },
  { status: 'confirmed', label: 'Confirm' },
  { status: 'arrived', label: 'Check in' },
  { status: 'completed', label: 'Complete' },
  { status: 'no-show', label: 'No-show' },
  { status: 'cancelled', label: 'Cancel' },
];

/**
 * The buttons for what the API says this person may do to this appointment now (`allowedActions`: who, which status,
 * which day). The rules live once, in MedSpa.Core; the web app never keeps its own copy.
 */
export function actionsFor(allowedActions: readonly string[] | undefined): StatusAction[] {
  const allowed = new Set(allowedActions ?? []);
  return STATUS_ACTIONS.filter((a) => allowed.has(a.status));
}

/** Only front desk and admins book from the calendar. */
export function canBookFromCalendar(role: Role | undefined): boolean {
  return role === 'admin' || role === 'frontdesk';
}
