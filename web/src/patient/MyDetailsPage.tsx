import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { FormProvider, useForm, type FieldErrors as RhfErrors } from 'react-hook-form';
import { Link, useParams } from 'react-router-dom';
import { isApiError, problemOf } from '../api/errors';
import { patientsApi, type PatientRecord } from '../api/patients';
import type { FieldErrors, ProblemDetails } from '../api/problem';
import { queryKeys } from '../api/queries';
import { useAuth } from '../auth/AuthContext';
import { patientSchema, toForm, toProfile, type PatientForm } from '../staff/patients/patientForm';
import { Loading, ProblemAlert, StatusMessage } from '../ui/Alert';
import { CheckboxField, TextField } from '../ui/Field';
import { flattenErrors, schemaResolver, setServerErrors } from '../ui/form';
import { useDocumentTitle } from '../ui/useDocumentTitle';
import { useErrorPlacement } from '../ui/useErrorPlacement';
import './patientAppointments.css';

/** Saves a JSON value as a file the person downloads. */
function saveJson(fileName: string, data: unknown) {
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * /patient/profile — "My details": the signed-in patient's own names, contacts, address and reminders, saved with
 * If-Match; what the clinic notes (allergies, alerts) shown, not edited; their data to download. /patient/family/:id is
 * the same form for a child's record the patient is parent or guardian on.
 */
export function MyDetailsPage() {
  const { id } = useParams();
  const { api, me } = useAuth();
  const patientId = id ?? me?.patientId ?? '';
  const own = !id || id === me?.patientId;
  const record = useQuery({
    queryKey: queryKeys.patients.record(patientId),
    queryFn: ({ signal }) => patientsApi.get(api, patientId, signal),
    enabled: !!patientId,
    // Read fresh each time the page opens, and never behind the person's back while they edit.
    staleTime: Infinity,
    gcTime: 0,
  });
  const title = own ? 'My details' : record.data ? `${record.data.displayName}’s details` : 'Details';
  useDocumentTitle(title);

  const back = own ? (
    <p className="back-link">
      <Link to="/patient">Back to your account</Link>
    </p>
  ) : (
    <p className="back-link">
      <Link to="/patient/family">Back to my family</Link>
    </p>
  );

  if (!patientId) {
    return (
      <>
        {back}
        <h1>{title}</h1>
        <div className="empty-state">
          <p className="empty-state__title">Your account is not linked to a patient record yet.</p>
        </div>
      </>
    );
  }

  return (
    <>
      {back}
      <h1>{title}</h1>
      {record.isPending ? (
        <Loading label="Loading the details…" />
      ) : record.isError ? (
        <ProblemAlert
          problem={
            problemOf(record.error).status === 404
              ? { title: 'This record was not found', status: 404, detail: 'It does not exist, or it is not one you manage.', errors: {} }
              : problemOf(record.error)
          }
        >
          <button type="button" className="btn" onClick={() => void record.refetch()}>
            Try again
          </button>
        </ProblemAlert>
      ) : (
        <>
          <DetailsForm record={record.data} own={own} reload={() => record.refetch().then((r) => r.data ?? null)} />
          <ClinicalNotes record={record.data} own={own} />
          {own && <YourData patientId={patientId} />}
        </>
      )}
    </>
  );
}

function DetailsForm({ record, own, reload }: { record: PatientRecord; own: boolean; reload: () => Promise<PatientRecord | null> }) {
  const { api } = useAuth();
  const queryClient = useQueryClient();
  const headingId = useId();
  const form = useForm<PatientForm>({
    values: toForm(record),
    resolver: schemaResolver(patientSchema),
    mode: 'onSubmit',
    reValidateMode: 'onSubmit',
    shouldFocusError: false,
  });
  const [problem, setProblem] = useState<ProblemDetails | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const { formRef, alertRef, unmatched, place, focusAlert, clear: clearUnmatched } = useErrorPlacement();
  // A parent filling in a child's record should not get their own details offered.
  const auto = (token: string) => (own ? token : 'off');

  function showErrors(errors: FieldErrors, shown: ProblemDetails) {
    place(errors);
    setProblem(shown);
  }

  const save = useMutation({
    // The lists the clinic keeps (allergies, alerts) go back as read: a patient changes only their details.
    mutationFn: (values: PatientForm) => patientsApi.update(api, record, toProfile(values, record)),
    onSuccess: (saved) => {
      queryClient.setQueryData(queryKeys.patients.record(record.id), saved);
      void queryClient.invalidateQueries({ queryKey: queryKeys.patients.family(record.id) });
      setDone(own ? 'Your details are saved.' : `${saved.displayName}’s details are saved.`);
    },
    onError: async (err) => {
      if (isApiError(err) && err.isConcurrencyConflict) {
        await reload();
        clearUnmatched();
        setProblem({
          title: own ? 'Your details changed since you opened them' : 'These details changed since you opened them',
          status: err.status,
          detail: 'The latest details are shown. Make your change again and save.',
          errors: {},
        });
        focusAlert();
      } else {
        const fieldErrors = isApiError(err) ? err.fieldErrors : {};
        setServerErrors(form.setError, fieldErrors);
        showErrors(fieldErrors, problemOf(err));
      }
    },
  });

  function onInvalid(errors: RhfErrors<PatientForm>) {
    setDone(null);
    const found = flattenErrors(errors);
    const count = Object.keys(found).length;
    showErrors(found, {
      title: 'Check the form',
      status: 400,
      detail: `${count === 1 ? 'One field needs' : `${count} fields need`} attention before the details can be saved.`,
    });
  }

  function onValid(values: PatientForm) {
    if (save.isPending) return;
    setDone(null);
    setProblem(null);
    clearUnmatched();
    save.mutate(values);
  }

  const saving = save.isPending;
  const dirty = form.formState.isDirty;
  const unmatchedKeys = Object.keys(unmatched);

  return (
    <FormProvider {...form}>
      <form
        ref={formRef}
        noValidate
        aria-labelledby={headingId}
        aria-busy={saving || undefined}
        className="panel my-details"
        onSubmit={(e) => void form.handleSubmit(onValid, onInvalid)(e)}
      >
        <h2 id={headingId}>{own ? 'Your details' : 'Their details'}</h2>
        {problem && (
          <ProblemAlert problem={problem} ref={alertRef}>
            {unmatchedKeys.length > 0 && (
              <ul>
                {unmatchedKeys.map((k) => (
                  <li key={k}>
                    {k}: {unmatched[k].join(' ')}
                  </li>
                ))}
              </ul>
            )}
          </ProblemAlert>
        )}
        <fieldset className="plain" disabled={saving}>
          <fieldset>
            <legend>Name</legend>
            <TextField name="firstName" label="First name" autoComplete={auto('given-name')} required />
            <TextField name="lastName" label="Last name" autoComplete={auto('family-name')} required />
            <TextField name="preferredName" label="Preferred name" hint="What you would like us to call you." autoComplete={auto('nickname')} />
            <TextField name="pronouns" label="Pronouns" hint="For example she/her, he/him, they/them." autoComplete="off" />
            <TextField name="dateOfBirth" label="Date of birth" type="date" autoComplete={auto('bday')} />
          </fieldset>

          <fieldset>
            <legend>Contact</legend>
            <TextField name="phone" label="Phone" type="tel" autoComplete={auto('tel')} hint="Without a country code, it is read as a local number." />
            <TextField name="alternatePhone" label="Alternate phone" type="tel" autoComplete="off" />
            <TextField name="email" label="Email" type="email" autoComplete={auto('email')} />
          </fieldset>

          <fieldset>
            <legend>Address</legend>
            <p className="field__hint">Optional. When given, line 1, the city and the country are needed.</p>
            <TextField name="address.line1" label="Address line 1" autoComplete={auto('address-line1')} />
            <TextField name="address.line2" label="Address line 2" autoComplete={auto('address-line2')} />
            <TextField name="address.city" label="City" autoComplete={auto('address-level2')} />
            <TextField name="address.region" label="State or region" autoComplete={auto('address-level1')} />
            <TextField name="address.postalCode" label="Postal code" autoComplete={auto('postal-code')} />
            <TextField name="address.country" label="Country" hint="Two letters, like US or GB." autoComplete={auto('country')} maxLength={2} />
          </fieldset>

          <fieldset className="checkbox-group">
            <legend>How we keep in touch</legend>
            <CheckboxField name="communicationPreferences.emailReminders" label="Appointment reminders by email" />
            <CheckboxField name="communicationPreferences.smsReminders" label="Appointment reminders by text message" />
            <CheckboxField name="communicationPreferences.marketingEmails" label="News and offers by email" />
          </fieldset>
        </fieldset>

        <div className="actions actions--form">
          <button type="submit" className="btn btn--primary" disabled={saving}>
            {saving ? 'Saving…' : 'Save details'}
          </button>
          {dirty && (
            <button
              type="button"
              className="btn"
              disabled={saving}
              onClick={() => {
                form.reset(toForm(record));
                setProblem(null);
                clearUnmatched();
              }}
            >
              Undo changes
            </button>
          )}
        </div>
        {done && !dirty && <StatusMessage>{done}</StatusMessage>}
      </form>
    </FormProvider>
  );
}

/** Allergies and alerts as the clinic recorded them: shown when there are any, changed only by the clinic. */
function ClinicalNotes({ record, own }: { record: PatientRecord; own: boolean }) {
  const allergies = record.allergies ?? [];
  const alerts = record.medicalAlerts ?? [];
  if (allergies.length === 0 && alerts.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="clinic-notes-h">
      <h2 id="clinic-notes-h">What the clinic has on file</h2>
      <p className="muted">{own ? 'If something here is wrong, tell the clinic at your next visit.' : 'If something here is wrong, tell the clinic at the next visit.'}</p>
      {allergies.length > 0 && (
        <>
          <h3>Allergies</h3>
          <ul>
            {allergies.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        </>
      )}
      {alerts.length > 0 && (
        <>
          <h3>Medical alerts</h3>
          <ul>
            {alerts.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** The patient's copy of everything the clinic holds, and who has looked at it. */
function YourData({ patientId }: { patientId: string }) {
  const { api } = useAuth();
  const [done, setDone] = useState(false);
  const download = useMutation({
    mutationFn: () => patientsApi.exportRecord(api, patientId),
    onMutate: () => setDone(false),
    onSuccess: (data) => {
      saveJson(`medspa-record-${patientId}.json`, data);
      setDone(true);
    },
  });
  return (
    <section className="panel" aria-labelledby="your-data-h">
      <h2 id="your-data-h">Your data</h2>
      <p>Download a copy of everything the clinic holds about you, as a JSON file.</p>
      <div className="actions">
        <button type="button" className="btn" disabled={download.isPending} onClick={() => !download.isPending && download.mutate()}>
          {download.isPending ? 'Preparing…' : 'Download my data'}
        </button>
      </div>
      {download.isError && <ProblemAlert problem={problemOf(download.error)} />}
      {done && <StatusMessage>Your data was downloaded.</StatusMessage>}
      <p>
        <Link to="/patient/access-log">Who viewed my record</Link>
      </p>
    </section>
  );
}
