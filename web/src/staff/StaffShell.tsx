import { useState } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { staffNavFor } from '../auth/roles';
import { UserBadge } from '../ui/UserBadge';
import { useFocusMainOnNavigate } from '../ui/useFocusOnNavigate';

/** Header with role-based navigation, the signed-in person and sign-out; pages render in <main>. */
export function StaffShell() {
  const { me, signOut } = useAuth();
  const location = useLocation();
  // The page the menu was opened on: going to another page closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const menuOpen = openOn === location.pathname;
  useFocusMainOnNavigate();

  if (!me) return null;
  const items = staffNavFor(me.role);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="app-header">
        <div className="app-header__bar">
          <span className="brand">
            <Link to="/staff" className="brand__link">
              <span className="brand__mark" aria-hidden="true" />
              MedSpa
            </Link>
            <span className="brand__area">Staff</span>
          </span>
          <button
            type="button"
            className="btn btn--quiet menu-toggle"
            aria-expanded={menuOpen}
            aria-controls="staff-menu"
            onClick={() => setOpenOn(menuOpen ? null : location.pathname)}
          >
            Menu
          </button>
        </div>
        <div id="staff-menu" className={`app-header__menu${menuOpen ? ' is-open' : ''}`}>
          <nav aria-label="Staff">
            <ul className="nav-list">
              {items.map((i) => (
                <li key={i.to}>
                  <NavLink to={i.to}>{i.label}</NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <div className="app-header__user">
            <UserBadge me={me} />
            <button type="button" className="btn btn--small" onClick={() => void signOut()}>
              Sign out
            </button>
          </div>
        </div>
      </header>
      <main id="main" className="page" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
