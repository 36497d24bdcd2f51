import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { BookingPolicies } from '../../api/booking';
import { isApiError, problemOf } from '../../api/errors';
import type { FieldErrors, ProblemDetails } from '../../api/problem';
import { useApi } from '../../auth/AuthContext';
import { useSetClockFormat } from '../../booking/clock';
import { formatClock, type ClockFormat } from '../../booking/time';
import { Loading, ProblemAlert, StatusMessage } from '../../ui/Alert';
import { CheckboxField, FormErrorsContext, SelectField, TextField } from '../../ui/Field';
import { useDocumentTitle } from '../../ui/useDocumentTitle';

/** The clinic's policies as the API sends them, with the version that a save must name. */
type Loaded = { policies: BookingPolicies; etag: string };

const NUMBER_FIELDS = [
  { name: 'windowDays', label: 'Patients may book up to (days ahead)', hint: 'Between 1 and 730.' },
  { name: 'minimumNoticeMinutes', label: 'Online bookings need at least (minutes of notice)', hint: '120 is two hours.' },
  { name: 'cancellationNoticeHours', label: 'Cancelling with less notice than (hours) may incur a fee', hint: 'Between 0 and 168.' },
  { name: 'maxFutureBookingsPerPatient', label: 'Upcoming online bookings per patient, at most', hint: 'Between 1 and 100.' },
  { name: 'depositHoldMinutes', label: 'Hold a time while a deposit is paid for (minutes)', hint: 'Between 2 and 60.' },
] as const;

type NumberField = (typeof NUMBER_FIELDS)[number]['name'];

/** Admin only: the clinic's booking rules and how its times are written, one form, saved with its version. */
export function ClinicSettingsPage() {
  const api = useApi();
  const setClockFormat = useSetClockFormat();
  useDocumentTitle('Clinic settings');
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [draft, setDraft] = useState<BookingPolicies | null>(null);
  const [numbers, setNumbers] = useState<Record<NumberField, string> | null>(null);
  const [problem, setProblem] = useState<ProblemDetails | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  const show = useCallback((policies: BookingPolicies, etag: string) => {
    setLoaded({ policies, etag });
    setDraft(policies);
    setNumbers(Object.fromEntries(NUMBER_FIELDS.map((f) => [f.name, String(policies[f.name])])) as Record<NumberField, string>);
  }, []);

  const load = useCallback(
    (signal?: AbortSignal) => {
      setProblem(null);
      return api.request<BookingPolicies>('/api/booking/policies', { signal }).then(
        ({ data, response }) => show(data, response.headers.get('ETag') ?? ''),
        (e) => {
          if (!signal?.aborted) setProblem(problemOf(e));
        },
      );
    },
    [api, show],
  );

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!draft || !numbers || !loaded) return;
    // Whole numbers only: an empty or decimal box is the person's mistake to fix, not a value to guess.
    const local: FieldErrors = {};
    const body: BookingPolicies = { ...draft };
    for (const f of NUMBER_FIELDS) {
      const text = numbers[f.name].trim();
      if (!/^\d+$/.test(text)) local[f.name] = ['Enter a whole number.'];
      else body[f.name] = Number(text);
    }
    setDone(null);
    setErrors(local);
    if (Object.keys(local).length) return;
    setSaving(true);
    setProblem(null);
    try {
      const { data, response } = await api.request<BookingPolicies>('/api/booking/policies', {
        method: 'PUT',
        body,
        ifMatch: loaded.etag,
      });
      show(data, response.headers.get('ETag') ?? '');
      setClockFormat(data.clockFormat);
      setDone('Settings saved.');
    } catch (err) {
      if (isApiError(err) && err.isConcurrencyConflict) {
        // Someone else saved meanwhile: show their version, keep nothing stale, and say what happened.
        await load();
        setProblem({ title: 'These settings changed since you opened them', status: err.status, detail: 'The latest settings are shown. Make your change again and save.', errors: {} });
      } else if (isApiError(err) && err.isValidation) {
        setErrors(err.fieldErrors);
        setProblem(err.problem);
      } else {
        setProblem(problemOf(err));
      }
    } finally {
      setSaving(false);
    }
  }

  if (!draft || !numbers) {
    return (
      <section aria-labelledby="settings-h">
        <h1 id="settings-h">Clinic settings</h1>
        {problem ? <ProblemAlert problem={problem} /> : <Loading />}
      </section>
    );
  }

  const sample = (clock: ClockFormat) => formatClock(14, 30, clock);
  return (
    <section aria-labelledby="settings-h" className="settings-page">
      <h1 id="settings-h">Clinic settings</h1>
      <p className="muted">These apply to every location, for staff and for patients booking online.</p>
      {problem && <ProblemAlert problem={problem} />}
      <FormErrorsContext.Provider value={errors}>
        <form onSubmit={(e) => void save(e)} noValidate aria-busy={saving}>
          <fieldset className="checkbox-group" data-field="clockFormat">
            <legend>Clock</legend>
            <p className="field__hint">How times are written in the calendar, in booking and in messages to patients.</p>
            {(['12h', '24h'] as const).map((clock) => (
              <div className="field field--check" key={clock}>
                <input
                  id={`clock-${clock}`}
                  type="radio"
                  name="clockFormat"
                  value={clock}
                  checked={draft.clockFormat === clock}
                  onChange={() => setDraft({ ...draft, clockFormat: clock })}
                />
                <label htmlFor={`clock-${clock}`}>
                  {clock === '12h' ? '12-hour' : '24-hour'} ({sample(clock)})
                </label>
              </div>
            ))}
          </fieldset>
          <fieldset>
            <legend>Booking</legend>
            {NUMBER_FIELDS.map((f) => (
              <TextField
                key={f.name}
                name={f.name}
                label={f.label}
                hint={f.hint}
                inputMode="numeric"
                required
                value={numbers[f.name]}
                onChange={(v) => setNumbers({ ...numbers, [f.name]: v })}
              />
            ))}
            <SelectField
              name="slotStepMinutes"
              label="Offer start times every"
              value={String(draft.slotStepMinutes)}
              onChange={(v) => setDraft({ ...draft, slotStepMinutes: Number(v) })}
              options={[5, 10, 15, 20, 30, 60].map((m) => ({ value: String(m), label: `${m} minutes` }))}
            />
            <CheckboxField
              name="approvalRequiredForNewPatients"
              label="New patients’ online bookings wait for staff approval"
              checked={draft.approvalRequiredForNewPatients}
              onChange={(v) => setDraft({ ...draft, approvalRequiredForNewPatients: v })}
            />
            <CheckboxField
              name="staffMayDoubleBook"
              label="Staff may book over an existing appointment on purpose"
              checked={draft.staffMayDoubleBook}
              onChange={(v) => setDraft({ ...draft, staffMayDoubleBook: v })}
            />
          </fieldset>
          <div className="actions actions--form">
            <button type="submit" className="btn btn--primary" disabled={saving}>
              {saving ? 'Saving…' : 'Save settings'}
            </button>
            <button type="button" className="btn" disabled={saving} onClick={() => loaded && show(loaded.policies, loaded.etag)}>
              Undo changes
            </button>
          </div>
          {done && <StatusMessage>{done}</StatusMessage>}
        </form>
      </FormErrorsContext.Provider>
    </section>
  );
}
