import type { Me, Role } from '../api/types';

export const STAFF_ROLES: readonly Role[] = ['admin', 'frontdesk', 'practitioner'];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin',
  frontdesk: 'Front desk',
  practitioner: 'Practitioner',
  patient: 'Patient',
};

/** A role as the API writes it in a log ("frontdesk"), as people read it ("Front desk"); an unknown one as it is. */
export function roleLabel(role: string | null | undefined): string {
  return ROLE_LABELS[role as Role] ?? role ?? '';
}

export type Area = 'staff' | 'patient';

export function isStaffRole(role: Role | undefined): boolean {
  return !!role && STAFF_ROLES.includes(role);
}

export function areaOf(role: Role): Area {
  return isStaffRole(role) ? 'staff' : 'patient';
}

export function homePathFor(role: Role): string {
  return isStaffRole(role) ? '/staff' : '/patient';
}

function hasControlOrBackslash(path: string): boolean {
  return [...path].some((ch) => ch.charCodeAt(0) < 0x20 || ch === '\u007f' || ch === '\\');
}

/**
 * Where to land after sign-in: the page asked for if the role may see it, else the role's home. Control characters
 * and backslashes are never followed: browsers drop or rewrite them ("/%09/evil.example" becomes "//evil.example").
 */
export function landingPathFor(me: Me, returnTo?: string | null): string {
  const home = homePathFor(me.role);
  if (!returnTo || !returnTo.startsWith('/') || returnTo.startsWith('//') || hasControlOrBackslash(returnTo)) return home;
  const area = areaOf(me.role);
  if (returnTo === `/${area}` || returnTo.startsWith(`/${area}/`) || returnTo.startsWith(`/${area}?`)) {
    if (returnTo.startsWith('/staff/audit') && me.role !== 'admin') return home;
    return returnTo;
  }
  return home;
}

/** Only admins create, edit, delete and restore; the API enforces it too (403). */
export function canEdit(role: Role | undefined): boolean {
  return role === 'admin';
}

export interface NavItem {
  to: string;
  label: string;
}

export function staffNavFor(role: Role): NavItem[] {
  if (!isStaffRole(role)) return [];
  const items: NavItem[] = [
    { to: '/staff/calendar', label: 'Calendar' },
    { to: '/staff/patients', label: 'Patients' },
    { to: '/staff/locations', label: 'Locations' },
    { to: '/staff/team', label: 'Staff' },
    { to: '/staff/services', label: 'Services' },
    { to: '/staff/rooms', label: 'Rooms' },
    { to: '/staff/equipment', label: 'Equipment' },
  ];
  // Patients' texts that need a person, and who waits for a freed time: the desk's (and the admins').
  if (role === 'admin' || role === 'frontdesk') items.splice(2, 0, { to: '/staff/inbox', label: 'Inbox' }, { to: '/staff/waitlist', label: 'Waitlist' });
  // A practitioner's own visits in their phone's calendar.
  if (role === 'practitioner') items.splice(2, 0, { to: '/staff/calendar-link', label: 'My calendars' });
  if (role === 'admin') items.push({ to: '/staff/settings', label: 'Settings' }, { to: '/staff/audit', label: 'Audit log' });
  return items;
}
