import { Link, Route, Routes } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { NotFoundContent } from '../ui/NotAvailable';
import { UserBadge } from '../ui/UserBadge';
import { useDocumentTitle } from '../ui/useDocumentTitle';

export function PatientHome() {
  const { me } = useAuth();
  useDocumentTitle('Your account');
  if (!me) return null;
  return (
    <>
      <h1>Welcome, {me.displayName || me.email}</h1>
      <section aria-labelledby="upcoming-h" className="panel">
        <h2 id="upcoming-h">Upcoming appointments</h2>
        <div className="empty-state">
          <p className="empty-state__title">Booking arrives soon</p>
          <p className="muted">Soon you will book treatments, fill in forms and pay deposits here.</p>
        </div>
      </section>
    </>
  );
}

/** Everything under /patient (the caller has already checked the person is a patient). */
export default function PatientArea() {
  const { me, signOut } = useAuth();
  if (!me) return null;
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="app-header">
        <div className="app-header__bar">
          <span className="brand">
            <Link to="/patient" className="brand__link">
              <span className="brand__mark" aria-hidden="true" />
              MedSpa
            </Link>
          </span>
        </div>
        <div className="app-header__menu is-static">
          <div className="app-header__user">
            <UserBadge me={me} />
            <button type="button" className="btn btn--small" onClick={() => void signOut()}>
              Sign out
            </button>
          </div>
        </div>
      </header>
      <main id="main" className="page" tabIndex={-1}>
        <Routes>
          <Route index element={<PatientHome />} />
          <Route path="*" element={<NotFoundContent />} />
        </Routes>
      </main>
    </div>
  );
}
