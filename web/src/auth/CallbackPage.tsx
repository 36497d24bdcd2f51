import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { problemOf } from '../api/errors';
import type { ProblemDetails } from '../api/problem';
import { Loading, ProblemAlert } from '../ui/Alert';
import { useDocumentTitle } from '../ui/useDocumentTitle';
import { useAuth } from './AuthContext';

/** /auth/callback: redeems the authorization code (PKCE), loads /api/me, goes on. */
export function CallbackPage() {
  const { completeSignIn, signIn } = useAuth();
  const navigate = useNavigate();
  const [problem, setProblem] = useState<ProblemDetails | null>(null);
  useDocumentTitle('Signing in');

  useEffect(() => {
    let alive = true;
    completeSignIn().then(
      (path) => alive && navigate(path, { replace: true }),
      (e) => alive && setProblem({ ...problemOf(e), title: 'Sign-in did not finish' }),
    );
    return () => {
      alive = false;
    };
  }, [completeSignIn, navigate]);

  return (
    <main id="main" className="page page--narrow" tabIndex={-1}>
      {problem ? (
        <>
          <h1>Sign-in did not finish</h1>
          <ProblemAlert problem={problem} />
          <div className="actions">
            <button type="button" className="btn btn--primary" onClick={() => void signIn()}>
              Try signing in again
            </button>
            <Link to="/">Back to the home page</Link>
          </div>
        </>
      ) : (
        <Loading label="Finishing sign-in…" />
      )}
    </main>
  );
}
