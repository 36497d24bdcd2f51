import { NavLink, Outlet } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import type { Role } from '../api/types';
import { staffNavFor, type NavItem } from '../auth/roles';
import { AppShell } from '../ui/AppShell';

/** Admins build the clinic's intake forms, consents and chart templates, and search charts by lot: before the settings. */
function withForms(items: NavItem[], role: Role): NavItem[] {
  if (role !== 'admin') return items;
  const at = items.findIndex((i) => i.to === '/staff/settings');
  const built = [
    { to: '/staff/forms', label: 'Forms' },
    { to: '/staff/chart-templates', label: 'Chart templates' },
    { to: '/staff/lot-recall', label: 'Lot recall' },
  ];
  return at < 0 ? [...items, ...built] : [...items.slice(0, at), ...built, ...items.slice(at)];
}

/** The staff area: role-based navigation in the shared header; pages render in <main>. */
export function StaffShell() {
  const { me } = useAuth();
  const items = me ? withForms(staffNavFor(me.role), me.role) : [];
  return (
    <AppShell
      homePath="/staff"
      area="Staff"
      nav={
        <nav aria-label="Staff">
          <ul className="nav-list">
            {items.map((i) => (
              <li key={i.to}>
                <NavLink to={i.to}>{i.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
      }
    >
      <Outlet />
    </AppShell>
  );
}
