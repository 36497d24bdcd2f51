import { forwardRef, type ReactNode } from 'react';
import { problemOf } from '../api/errors';
import type { FieldErrors, ProblemDetails } from '../api/problem';

/**
 * Shows a problem's title and detail in role="alert" so screen readers announce it. `unmatched`: a form's field errors
 * that no input on it shows (see useErrorPlacement), listed so none goes unsaid.
 */
export const ProblemAlert = forwardRef<HTMLDivElement, { problem: ProblemDetails; unmatched?: FieldErrors; children?: ReactNode }>(
  function ProblemAlert({ problem, unmatched = {}, children }, ref) {
    const unmatchedKeys = Object.keys(unmatched);
    return (
      <div className="alert alert--error" role="alert" ref={ref} tabIndex={-1}>
        <p className="alert__title">{problem.title}</p>
        {problem.detail && <p>{problem.detail}</p>}
        {unmatchedKeys.length > 0 && (
          <ul>
            {unmatchedKeys.map((k) => (
              <li key={k}>
                {k}: {unmatched[k].join(' ')}
              </li>
            ))}
          </ul>
        )}
        {children}
      </div>
    );
  },
);

export function StatusMessage({ children }: { children: ReactNode }) {
  return (
    <div className="alert alert--success" role="status">
      {children}
    </div>
  );
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

/** A read that failed: what went wrong and, when it can be tried again, a "Try again" button. */
export function LoadProblem({ error, retry }: { error: unknown; retry?: () => void }) {
  return (
    <ProblemAlert problem={problemOf(error)}>
      {retry && (
        <button type="button" className="btn" onClick={retry}>
          Try again
        </button>
      )}
    </ProblemAlert>
  );
}
