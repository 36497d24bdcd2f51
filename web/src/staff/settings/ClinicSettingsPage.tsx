import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import { z } from 'zod';
import type { BookingPolicies } from '../../api/booking';
import { isApiError, problemOf } from '../../api/errors';
import type { ProblemDetails } from '../../api/problem';
import { queryKeys } from '../../api/queries';
import { useApi } from '../../auth/AuthContext';
import { formatClock, type ClockFormat } from '../../booking/time';
import { Loading, ProblemAlert, StatusMessage } from '../../ui/Alert';
import { CheckboxField, SelectField, TextField } from '../../ui/Field';
import { schemaResolver, setServerErrors } from '../../ui/form';
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

// Whole numbers only: an empty or decimal box is the person's mistake to fix, not a value to guess.
const wholeNumber = z.string().regex(/^\s*\d+\s*$/, 'Enter a whole number.');

const settingsSchema = z.object({
  clockFormat: z.enum(['12h', '24h']),
  slotStepMinutes: z.string(),
  approvalRequiredForNewPatients: z.boolean(),
  staffMayDoubleBook: z.boolean(),
  ...(Object.fromEntries(NUMBER_FIELDS.map((f) => [f.name, wholeNumber])) as Record<NumberField, typeof wholeNumber>),
});

type SettingsForm = z.infer<typeof settingsSchema>;

function toForm(p: BookingPolicies): SettingsForm {
  return {
    clockFormat: p.clockFormat === '24h' ? '24h' : '12h',
    slotStepMinutes: String(p.slotStepMinutes),
    approvalRequiredForNewPatients: p.approvalRequiredForNewPatients,
    staffMayDoubleBook: p.staffMayDoubleBook,
    ...(Object.fromEntries(NUMBER_FIELDS.map((f) => [f.name, String(p[f.name])])) as Record<NumberField, string>),
  };
}

function fromForm(f: SettingsForm, loaded: BookingPolicies): BookingPolicies {
  const body: BookingPolicies = {
    ...loaded,
    clockFormat: f.clockFormat,
    slotStepMinutes: Number(f.slotStepMinutes),
    approvalRequiredForNewPatients: f.approvalRequiredForNewPatients,
    staffMayDoubleBook: f.staffMayDoubleBook,
  };
  for (const n of NUMBER_FIELDS) body[n.name] = Number(f[n.name].trim());
  return body;
}

/** Admin only: the clinic's booking rules and how its times are written, one form, saved with its version. */
export function ClinicSettingsPage() {
  const api = useApi();
  const queryClient = useQueryClient();
  useDocumentTitle('Clinic settings');
  const settings = useQuery({
    queryKey: queryKeys.settings,
    queryFn: async ({ signal }): Promise<Loaded> => {
      const { data, response } = await api.request<BookingPolicies>('/api/booking/policies', { signal });
      return { policies: data, etag: response.headers.get('ETag') ?? '' };
    },
    staleTime: Infinity,
    gcTime: 0,
  });
  const loaded = settings.data;
  const form = useForm<SettingsForm>({
    // The form shows the copy last read or saved; a new copy starts it again.
    values: loaded ? toForm(loaded.policies) : undefined,
    resolver: schemaResolver(settingsSchema),
    reValidateMode: 'onSubmit',
    shouldFocusError: false,
  });
  const [problem, setProblem] = useState<ProblemDetails | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: (body: BookingPolicies) =>
      api.request<BookingPolicies>('/api/booking/policies', { method: 'PUT', body, ifMatch: loaded?.etag }),
    onSuccess: ({ data, response }) => {
      queryClient.setQueryData<Loaded>(queryKeys.settings, { policies: data, etag: response.headers.get('ETag') ?? '' });
      // Every page writes times the new way at once.
      queryClient.setQueryData(queryKeys.booking.policies, data);
      setDone('Settings saved.');
    },
    onError: async (err) => {
      if (isApiError(err) && err.isConcurrencyConflict) {
        // Someone else saved meanwhile: show their version, keep nothing stale, and say what happened.
        await settings.refetch();
        setProblem({ title: 'These settings changed since you opened them', status: err.status, detail: 'The latest settings are shown. Make your change again and save.', errors: {} });
      } else if (isApiError(err) && err.isValidation) {
        setServerErrors(form.setError, err.fieldErrors);
        setProblem(err.problem);
      } else {
        setProblem(problemOf(err));
      }
    },
  });

  const onSubmit = form.handleSubmit(
    (values) => {
      if (!loaded) return;
      setDone(null);
      setProblem(null);
      save.mutate(fromForm(values, loaded.policies));
    },
    () => setDone(null),
  );

  if (!loaded) {
    return (
      <section aria-labelledby="settings-h">
        <h1 id="settings-h">Clinic settings</h1>
        {settings.isError ? <ProblemAlert problem={problemOf(settings.error)} /> : <Loading />}
      </section>
    );
  }

  const saving = save.isPending;
  const sample = (clock: ClockFormat) => formatClock(14, 30, clock);
  return (
    <section aria-labelledby="settings-h" className="settings-page">
      <h1 id="settings-h">Clinic settings</h1>
      <p className="muted">These apply to every location, for staff and for patients booking online.</p>
      {problem && <ProblemAlert problem={problem} />}
      <FormProvider {...form}>
        <form onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={saving}>
          <fieldset className="checkbox-group" data-field="clockFormat">
            <legend>Clock</legend>
            <p className="field__hint">How times are written in the calendar, in booking and in messages to patients.</p>
            {(['12h', '24h'] as const).map((clock) => (
              <div className="field field--check" key={clock}>
                <input id={`clock-${clock}`} type="radio" value={clock} {...form.register('clockFormat')} />
                <label htmlFor={`clock-${clock}`}>
                  {clock === '12h' ? '12-hour' : '24-hour'} ({sample(clock)})
                </label>
              </div>
            ))}
          </fieldset>
          <fieldset>
            <legend>Booking</legend>
            {NUMBER_FIELDS.map((f) => (
              <TextField key={f.name} name={f.name} label={f.label} hint={f.hint} inputMode="numeric" required />
            ))}
            <SelectField
              name="slotStepMinutes"
              label="Offer start times every"
              options={[5, 10, 15, 20, 30, 60].map((m) => ({ value: String(m), label: `${m} minutes` }))}
            />
            <CheckboxField name="approvalRequiredForNewPatients" label="New patients’ online bookings wait for staff approval" />
            <CheckboxField name="staffMayDoubleBook" label="Staff may book over an existing appointment on purpose" />
          </fieldset>
          <div className="actions actions--form">
            <button type="submit" className="btn btn--primary" disabled={saving}>
              {saving ? 'Saving…' : 'Save settings'}
            </button>
            <button type="button" className="btn" disabled={saving} onClick={() => form.reset(toForm(loaded.policies))}>
              Undo changes
            </button>
          </div>
          {done && <StatusMessage>{done}</StatusMessage>}
        </form>
      </FormProvider>
    </section>
  );
}
