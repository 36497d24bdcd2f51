import { useRef, useState, type FormEvent } from 'react';
import { calendarApi, missingFormsOf, type Appointment } from '../../api/booking';
import { isApiError, problemOf } from '../../api/errors';
import type { ProblemDetails } from '../../api/problem';
import { useApi } from '../../auth/AuthContext';
import { useClock } from '../../booking/clock';
import { ProblemAlert, StatusMessage } from '../../ui/Alert';
import { CheckedInWithFormsMissing } from './MissingForms';

/**
 * The desk scanner types the patient's check-in code (from the QR code) and Enter: the appointment is marked arrived.
 * Focus stays in the field, ready for the next scan.
 */
export function CheckInByCode(props: { timeZone?: string; onCheckedIn: (a: Appointment) => void }) {
  const clock = useClock();
  const api = useApi();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');
  /** Who was checked in with forms still missing, and which: the warning under the confirmation. */
  const [missing, setMissing] = useState<Appointment | null>(null);
  const [problem, setProblem] = useState<ProblemDetails | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const value = code.trim();
    if (!value || busy) {
      if (!value) setProblem({ title: 'Enter or scan a check-in code', status: 0 });
      inputRef.current?.focus();
      return;
    }
    setBusy(true);
    setProblem(null);
    setDone('');
    setMissing(null);
    try {
      const a = await calendarApi.checkIn(api, value);
      setDone(`Checked in ${a.patientName} for ${a.serviceName} at ${clock.time(a.startTime, props.timeZone)}.`);
      setMissing(missingFormsOf(a).length > 0 ? a : null);
      setCode('');
      props.onCheckedIn(a);
    } catch (err) {
      setProblem(
        isApiError(err) && err.status === 404
          ? { ...err.problem, title: err.problem.title || 'No appointment has that code', detail: err.problem.detail ?? `No appointment today has the code ${value}.` }
          : problemOf(err),
      );
    } finally {
      setBusy(false);
      inputRef.current?.focus();
    }
  }

  return (
    <form className="check-in" onSubmit={submit} aria-label="Check in by code" noValidate>
      <div className="check-in__row">
        <div className="field">
          <label htmlFor="check-in-code">Check-in code</label>
          <input
            id="check-in-code"
            name="code"
            ref={inputRef}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
          />
        </div>
        <button type="submit" className="btn btn--primary" disabled={busy}>
          Check in
        </button>
      </div>
      {done && <StatusMessage>{done}</StatusMessage>}
      {missing && <CheckedInWithFormsMissing patientName={missing.patientName} forms={missingFormsOf(missing)} />}
      {problem && <ProblemAlert problem={problem} />}
    </form>
  );
}
