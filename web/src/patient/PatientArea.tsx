import { Link, Route, Routes } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { NotFoundContent } from '../ui/NotAvailable';
import { UserBadge } from '../ui/UserBadge';
import { useFocusMainOnNavigate } from '../ui/useFocusOnNavigate';
import { BookingPage } from './booking/BookingPage';
import { MyAppointmentsPage } from './MyAppointments';

/** /patient: the welcome and the patient's appointments. */
export function PatientHome() {
  return <MyAppointmentsPage welcome />;
}

/** Everything under /patient (the caller has already checked the person is a patient). */
export default function PatientArea() {
  const { me, signOut } = useAuth();
  useFocusMainOnNavigate();
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
          <Route path="appointments" element={<MyAppointmentsPage />} />
          <Route path="book" element={<BookingPage />} />
          <Route path="*" element={<NotFoundContent />} />
        </Routes>
      </main>
    </div>
  );
}
