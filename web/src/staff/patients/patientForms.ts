import { isApiError } from '../../api/errors';
import { birthDateLabel } from '../../api/patients';
import { localDate } from '../../booking/time';

/** "2 forms missing": how many forms the patient still has to fill, as the card's header says it. */
export function formsMissingLabel(count: number): string {
  return `${count} ${count === 1 ? 'form' : 'forms'} missing`;
}

/** A date of the forms' lists ("24 Nov 2027"): the local date of the instant, as the API wrote it. */
export function formDate(iso: string): string {
  return birthDateLabel(localDate(iso));
}

/** Whether a refused read of a submission means "not for you" (the API answers 403, or 404 so as not to tell). */
export function answersRefused(error: unknown): boolean {
  return isApiError(error) && (error.status === 403 || error.status === 404);
}
