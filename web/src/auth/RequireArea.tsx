import { useEffect, useRef, type ReactNode } from 'react';
import { useLocation } from 'react-router-dom';
import { Loading, ProblemAlert } from '../ui/Alert';
import { NotAvailable } from '../ui/NotAvailable';
import { useAuth } from './AuthContext';
import { areaOf, homePathFor, type Area } from './roles';

/** Signs the person in if needed, then lets in only the roles of the area (staff or patient). */
export function RequireArea({ area, children }: { area: Area; children: ReactNode }) {
  const auth = useAuth();
  const location = useLocation();
  const { status, signIn } = auth;

  // Once each time the person is found signed out: a later navigation must not start a second redirect.
  const redirecting = useRef(false);
  useEffect(() => {
    if (status !== 'signedOut') {
      redirecting.current = false;
      return;
    }
    if (redirecting.current) return;
    redirecting.current = true;
    void signIn(location.pathname + location.search);
  }, [status, signIn, location.pathname, location.search]);

  if (status === 'loading' || status === 'signedOut') {
    return (
      <main id="main" className="page page--narrow" tabIndex={-1} aria-busy="true">
        <Loading label={status === 'loading' ? 'Checking your sign-in…' : 'Redirecting to sign in…'} />
      </main>
    );
  }
  if (status === 'unlinked') return <UnlinkedPage />;
  if (status === 'error' || !auth.me) {
    return (
      <main id="main" className="page page--narrow" tabIndex={-1}>
        <h1>We could not sign you in</h1>
        {auth.problem && (
          <ProblemAlert problem={auth.problem}>
            <button type="button" className="btn" onClick={auth.retry}>
              Try again
            </button>
          </ProblemAlert>
        )}
      </main>
    );
  }
  if (areaOf(auth.me.role) !== area) {
    const home = homePathFor(auth.me.role);
    return <NotAvailable homePath={home} homeLabel={home === '/staff' ? 'Go to the staff area' : 'Go to your account'} />;
  }
  return <>{children}</>;
}

export function UnlinkedPage() {
  const auth = useAuth();
  return (
    <main id="main" className="page page--narrow" tabIndex={-1}>
      <h1>Account not linked</h1>
      <div className="alert alert--error" role="alert">
        <p className="alert__title">Your account is not linked to a clinic</p>
        <p>
          You signed in, but no clinic knows this account yet. Ask your clinic to invite you, or sign out and use another
          account.
        </p>
      </div>
      <button type="button" className="btn" onClick={() => void auth.signOut()}>
        Sign out
      </button>
    </main>
  );
}
