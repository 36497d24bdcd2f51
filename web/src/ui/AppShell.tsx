import { useState, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { UserBadge } from './UserBadge';
import { useFocusMainOnNavigate } from './useFocusOnNavigate';

export function SkipLink() {
  return (
    <a className="skip-link" href="#main">
      Skip to main content
    </a>
  );
}

/** The MedSpa mark and name; a link home inside an area, with the area's name beside it. */
export function Brand({ to, area }: { to?: string; area?: string }) {
  const mark = <span className="brand__mark" aria-hidden="true" />;
  return (
    <span className="brand">
      {to ? (
        <Link to={to} className="brand__link">
          {mark}
          MedSpa
        </Link>
      ) : (
        <>
          {mark}
          MedSpa
        </>
      )}
      {area && <span className="brand__area">{area}</span>}
    </span>
  );
}

/**
 * A signed-in area (staff or patient): the header with the brand, the area's navigation if any (behind a Menu
 * button on small screens, closed again on the next page), the signed-in person and Sign out; pages in <main>.
 */
export function AppShell(props: { homePath: string; area?: string; nav?: ReactNode; children: ReactNode }) {
  const { me, signOut } = useAuth();
  const location = useLocation();
  // The page the menu was opened on: going to another page closes it.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const menuOpen = openOn === location.pathname;
  useFocusMainOnNavigate();
  if (!me) return null;

  return (
    <div className="shell">
      <SkipLink />
      <header className="app-header">
        <div className="app-header__bar">
          <Brand to={props.homePath} area={props.area} />
          {props.nav && (
            <button
              type="button"
              className="btn btn--quiet menu-toggle"
              aria-expanded={menuOpen}
              aria-controls="area-menu"
              onClick={() => setOpenOn(menuOpen ? null : location.pathname)}
            >
              Menu
            </button>
          )}
        </div>
        <div id="area-menu" className={`app-header__menu${props.nav ? (menuOpen ? ' is-open' : '') : ' is-static'}`}>
          {props.nav}
          <div className="app-header__user">
            <UserBadge me={me} />
            <button type="button" className="btn btn--small" onClick={() => void signOut()}>
              Sign out
            </button>
          </div>
        </div>
      </header>
      <main id="main" className="page" tabIndex={-1}>
        {props.children}
      </main>
    </div>
  );
}
