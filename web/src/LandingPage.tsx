import { Link } from 'react-router-dom';
import { useAuth } from './auth/AuthContext';
import { homePathFor, isStaffRole } from './auth/roles';
import { ProblemAlert, StatusMessage } from './ui/Alert';
import { Brand, SkipLink } from './ui/AppShell';
import { useDocumentTitle } from './ui/useDocumentTitle';

const FEATURES = [
  { title: 'Book online', text: 'Patients choose a treatment, a practitioner and a time that is really free, and pay a deposit.' },
  { title: 'Run the day', text: 'Calendars by practitioner and room, patient cards, charting with face maps, checkout.' },
  { title: 'Keep them coming back', text: 'Packages, memberships, gift cards, loyalty points and timely reminders.' },
  { title: 'Safe with health data', text: 'Every read and change of patient records is logged; each role sees only what it should.' },
];

export function LandingPage() {
  const auth = useAuth();
  useDocumentTitle('');
  const signedIn = auth.status === 'signedIn' && auth.me;

  return (
    <div className="landing">
      <SkipLink />
      <header className="landing__header">
        <Brand />
      </header>
      <main id="main" tabIndex={-1}>
        <section className="hero" aria-labelledby="hero-h">
          <h1 id="hero-h">The calm way to run a medical spa</h1>
          <p className="hero__lead">
            MedSpa is one place for aesthetic clinics and their patients: online booking without double booking, intake
            forms and consents, deposits, treatment records and the day’s schedule for every practitioner and room.
          </p>

          {auth.sessionExpired && auth.status === 'signedOut' && (
            <StatusMessage>Your session has ended. Sign in again to continue.</StatusMessage>
          )}
          {auth.status === 'unlinked' && (
            <div className="alert alert--error" role="alert">
              <p className="alert__title">Your account is not linked to a clinic</p>
              <p>Ask your clinic to invite you, or sign out and use another account.</p>
            </div>
          )}
          {auth.status === 'error' && auth.problem && (
            <ProblemAlert problem={auth.problem}>
              <button type="button" className="btn" onClick={auth.retry}>
                Try again
              </button>
            </ProblemAlert>
          )}

          <div className="actions hero__actions">
            {signedIn ? (
              <>
                <Link className="btn btn--primary btn--large" to={homePathFor(auth.me!.role)}>
                  {isStaffRole(auth.me!.role) ? 'Go to the staff area' : 'Go to your account'}
                </Link>
                <button type="button" className="btn btn--large" onClick={() => void auth.signOut()}>
                  Sign out
                </button>
              </>
            ) : auth.status === 'unlinked' ? (
              <button type="button" className="btn btn--large" onClick={() => void auth.signOut()}>
                Sign out
              </button>
            ) : (
              <button type="button" className="btn btn--primary btn--large" onClick={() => void auth.signIn()}>
                Sign in
              </button>
            )}
          </div>
        </section>

        <section aria-labelledby="features-h" className="features">
          <h2 id="features-h">What MedSpa does</h2>
          <ul className="cards">
            {FEATURES.map((f) => (
              <li key={f.title} className="card">
                <h3>{f.title}</h3>
                <p>{f.text}</p>
              </li>
            ))}
          </ul>
        </section>
      </main>
      <footer className="landing__footer">
        <p>MedSpa · for clinics, practitioners and their patients</p>
      </footer>
    </div>
  );
}
