import type { FieldErrors, ProblemDetails } from './problem';

/** Any non-2xx answer from /api, or a network failure (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: ProblemDetails;

  constructor(problem: ProblemDetails) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }

  get fieldErrors(): FieldErrors {
    return this.problem.errors ?? {};
  }

  /**
   * 412 (the copy's version is stale: someone else changed the item) or 428 (the copy carried no version): either way
   * the answer is the same for the person: load a fresh copy and try again, never a dead end.
   */
  get isConcurrencyConflict(): boolean {
    return this.status === 412 || this.status === 428;
  }

  get isValidation(): boolean {
    return (this.status === 400 || this.status === 422) && Object.keys(this.fieldErrors).length > 0;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/**
 * What a person reads when their copy of an appointment was out of date (412/428): which item changed, and what to
 * do next with the fresh copy now shown. One wording for every screen that edits an appointment.
 */
export function staleAppointmentProblem(status: number, nextStep: string): ProblemDetails {
  return { title: 'This appointment changed since you opened it', status, detail: nextStep, errors: {} };
}

/** Turns anything thrown into problem details for display. */
export function problemOf(e: unknown): ProblemDetails {
  if (isApiError(e)) return e.problem;
  const message = e instanceof Error ? e.message : String(e);
  return { title: 'Something went wrong', status: 0, detail: message, errors: {} };
}
