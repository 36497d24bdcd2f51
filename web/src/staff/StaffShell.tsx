import { NavLink, Outlet } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { staffNavFor } from '../auth/roles';
import { AppShell } from '../ui/AppShell';

/** The staff area: role-based navigation in the shared header; pages render in <main>. */
export function StaffShell() {
  const { me } = useAuth();
  const items = me ? staffNavFor(me.role) : [];
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
