import { useQueryClient } from '@tanstack/react-query';
import { FormProvider, useForm } from 'react-hook-form';
import { z } from 'zod';
import type { BookingPolicies } from '../../api/booking';
import { queryKeys } from '../../api/queries';
import { formatClock, type ClockFormat } from '../../booking/time';
import { Loading, ProblemAlert, StatusMessage } from '../../ui/Alert';
import { CheckboxField, SelectField, TextField } from '../../ui/Field';
import { schemaResolver } from '../../ui/form';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { ChartingSettingsSection } from './ChartingSettingsSection';
import { RecordPrivacySettings } from './RecordPrivacySettings';
import { useSettingsDocument } from './useSettingsDocument';

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

/** Admin only: the clinic's booking rules and how its times are written, one form saved with its version; then who sees what in a record, and the charting deadline. */
export function ClinicSettingsPage() {
  const queryClient = useQueryClient();
  useDocumentTitle('Clinic settings');
  const settings = useSettingsDocument<BookingPolicies>({
    path: '/api/booking/policies',
    queryKey: queryKeys.settings,
    // Every page writes times the new way at once.
    onSaved: (saved) => queryClient.setQueryData(queryKeys.booking.policies, saved),
  });
  const loaded = settings.loaded;
  const form = useForm<SettingsForm>({
    // The form shows the copy last read or saved; a new copy starts it again.
    values: loaded ? toForm(loaded.body) : undefined,
    resolver: schemaResolver(settingsSchema),
    reValidateMode: 'onSubmit',
    shouldFocusError: false,
  });

  const onSubmit = form.handleSubmit((v) => loaded && settings.save(fromForm(v, loaded.body), form.setError), settings.clearDone);

  if (!loaded) {
    return (
      <section aria-labelledby="settings-h">
        <h1 id="settings-h">Clinic settings</h1>
        {settings.loadProblem ? <ProblemAlert problem={settings.loadProblem} /> : <Loading />}
      </section>
    );
  }

  const saving = settings.saving;
  const sample = (clock: ClockFormat) => formatClock(14, 30, clock);
  return (
    <section aria-labelledby="settings-h" className="settings-page">
      <h1 id="settings-h">Clinic settings</h1>
      <p className="muted">These apply to every location, for staff and for patients booking online.</p>
      {settings.problem && <ProblemAlert problem={settings.problem} />}
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
            <button type="button" className="btn" disabled={saving} onClick={() => form.reset(toForm(loaded.body))}>
              Undo changes
            </button>
          </div>
          {settings.done && <StatusMessage>{settings.done}</StatusMessage>}
        </form>
      </FormProvider>
      <RecordPrivacySettings />
      <ChartingSettingsSection />
    </section>
  );
}
