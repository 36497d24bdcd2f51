import { useLayoutEffect, useRef, useState } from 'react';
import type { FieldErrors } from '../api/problem';

/**
 * Where a refused save's field errors go: next to their inputs (the form's `[data-field]` elements name the paths they
 * show), and those with no input on the form listed in the alert. Focus moves, in the same commit that shows them, to
 * the first field in error, else to the alert. The one way every edit form places server errors.
 */
export function useErrorPlacement() {
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

  return { formRef, alertRef, unmatched, place, focusAlert, clear: () => setUnmatched({}) };
}
