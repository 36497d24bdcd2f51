import { useLayoutEffect, useRef, useState } from 'react';
import type { FieldErrors as RhfErrors, FieldValues, UseFormSetError } from 'react-hook-form';
import { isApiError, problemOf } from '../api/errors';
import type { FieldErrors, ProblemDetails } from '../api/problem';
import { flattenErrors, setServerErrors } from './form';

/**
 * Where a refused save's field errors go: next to their inputs (the form's `[data-field]` elements name the paths they
 * show), and those with no input on the form listed in the alert (`problem`, shown with `unmatched` by ProblemAlert).
 * Focus moves, in the same commit that shows them, to the first field in error, else to the alert. The one way every
 * edit form places errors and keeps its alert.
 */
export function useErrorPlacement() {
  const [problem, setProblem] = useState<ProblemDetails | null>(null);
  const [unmatched, setUnmatched] = useState<FieldErrors>({});
  const [focusRequest, setFocusRequest] = useState<{ paths: string[] } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    if (!focusRequest) return;
    const field = [...(formRef.current?.querySelectorAll<HTMLElement>('[data-field]') ?? [])].find((el) =>
      (el.dataset.field ?? '').split(' ').some((n) => focusRequest.paths.includes(n)),
    );
    const input = field?.querySelector<HTMLElement>('input:not([disabled]), select:not([disabled]), textarea:not([disabled])');
    if (input) input.focus();
    else alertRef.current?.focus();
  }, [focusRequest]);

  /** Keeps the errors no input shows, for the alert, and asks for focus. */
  function place(errors: FieldErrors) {
    const onForm = new Set<string>();
    formRef.current?.querySelectorAll<HTMLElement>('[data-field]').forEach((el) => {
      for (const n of (el.dataset.field ?? '').split(' ')) onForm.add(n);
    });
    setUnmatched(Object.fromEntries(Object.entries(errors).filter(([k]) => !onForm.has(k))));
    setFocusRequest({ paths: Object.keys(errors) });
  }

  /** Moves focus to the alert once it shows (a refusal that names no field). */
  const focusAlert = () => setFocusRequest({ paths: [] });

  /** Shows the problem; its errors with no input on screen are listed in the alert. */
  function show(errors: FieldErrors, shown: ProblemDetails) {
    place(errors);
    setProblem(shown);
  }

  /** A save the server refused: its field errors set on the form's inputs, the problem in the alert. */
  function showRefusal<F extends FieldValues>(err: unknown, setError: UseFormSetError<F>) {
    const fieldErrors = isApiError(err) ? err.fieldErrors : {};
    setServerErrors(setError, fieldErrors);
    show(fieldErrors, problemOf(err));
  }

  /**
   * The form's own check failed: every error counted in the alert. `what` ends the sentence ("the details", "this
   * room"); `noun` is what is counted ("field", or "thing" where errors also sit on sections and options).
   */
  function showInvalid(errors: RhfErrors, what: string, noun = 'field') {
    const found = flattenErrors(errors);
    const count = Object.keys(found).length;
    show(found, {
      title: 'Check the form',
      status: 400,
      detail: `${count === 1 ? `One ${noun} needs` : `${count} ${noun}s need`} attention before ${what} can be saved.`,
    });
  }

  /** A problem no field can show (a stale copy, say): alone in the alert, which takes focus. */
  function showAlone(shown: ProblemDetails) {
    setUnmatched({});
    setProblem(shown);
    focusAlert();
  }

  /** Nothing shown: before a new save, or when the changes are undone. */
  function clearProblem() {
    setProblem(null);
    setUnmatched({});
  }

  return { formRef, alertRef, problem, setProblem, unmatched, show, showRefusal, showInvalid, showAlone, clearProblem, focusAlert };
}
