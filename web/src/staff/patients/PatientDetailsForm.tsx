import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useErrorPlacement } from '../../ui/useErrorPlacement';
import { FormProvider, useForm, type FieldErrors as RhfErrors } from 'react-hook-form';
import { isApiError, problemOf } from '../../api/errors';
import { PATIENT_STATUSES, PATIENT_STATUS_LABELS, patientsApi, showsClinical, showsFiling, type PatientRecord } from '../../api/patients';
import type { FieldErrors, ProblemDetails } from '../../api/problem';
import { queryKeys } from '../../api/queries';
import type { Role } from '../../api/types';
import { useApi } from '../../auth/AuthContext';
import { ProblemAlert, StatusMessage } from '../../ui/Alert';
import { CheckboxField, SelectField, TextField } from '../../ui/Field';
import { flattenErrors, schemaResolver, setServerErrors } from '../../ui/form';
import { Rows } from '../../ui/Rows';
import { LISTS, patientSchema, toForm, toProfile, type PatientForm } from './patientForm';

/**
 * The Details tab: the whole profile in one form, saved with If-Match. The clinical lists show only when the record
 * has them (never for the desk); status, profile type and tags are the desk's and admins' to change.
 */
export function PatientDetailsForm(props: {
  record: PatientRecord;
  role: Role;
  reload: () => Promise<PatientRecord | null>;
  onSaved: () => void;
}) {
  const { record, role } = props;
  const api = useApi();
  const queryClient = useQueryClient();
  const form = useForm<PatientForm>({
    // The form shows the copy last read or saved; a new copy starts it again.
    values: toForm(record),
    resolver: schemaResolver(patientSchema),
    mode: 'onSubmit',
    reValidateMode: 'onSubmit',
    shouldFocusError: false,
  });
  const [problem, setProblem] = useState<ProblemDetails | null>(null);
  const { formRef, alertRef, unmatched, place, focusAlert, clear: clearUnmatched } = useErrorPlacement();
  const [done, setDone] = useState<string | null>(null);

  /** Shows the errors; those with no input on screen are listed in the alert. */
  function showErrors(errors: FieldErrors, shown: ProblemDetails) {
    place(errors);
    setProblem(shown);
  }

  const save = useMutation({
    mutationFn: (values: PatientForm) => patientsApi.update(api, record, toProfile(values, record)),
    onSuccess: (saved) => {
      queryClient.setQueryData(queryKeys.patients.record(record.id), saved);
      props.onSaved();
      setDone('Details saved.');
    },
    onError: async (err) => {
      if (isApiError(err) && err.isConcurrencyConflict) {
        // Someone else saved meanwhile: show their version, keep nothing stale, and say what happened.
        await props.reload();
        clearUnmatched();
        setProblem({
          title: 'This patient’s record changed since you opened it',
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
  const readOnly = record.archived;
  const clinical = showsClinical(record);
  const filing = showsFiling(record);
  const mayFile = role === 'admin' || role === 'frontdesk';
  const mayChangeClinical = role === 'admin' || role === 'practitioner';
  const dirty = form.formState.isDirty;
  const unmatchedKeys = Object.keys(unmatched);

  return (
    <FormProvider {...form}>
      <form ref={formRef} noValidate onSubmit={(e) => void form.handleSubmit(onValid, onInvalid)(e)} aria-label="Patient details" aria-busy={saving || undefined} className="patient-details">
        {readOnly && <p className="notice">This record is archived, so its details cannot be changed.</p>}
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
        <fieldset className="plain" disabled={readOnly || saving}>
          <fieldset>
            <legend>Name</legend>
            <div className="grid-2">
              <TextField name="firstName" label="First name" autoComplete="off" required />
              <TextField name="lastName" label="Last name" autoComplete="off" required />
              <TextField name="preferredName" label="Preferred name" hint="What the patient likes to be called." autoComplete="off" />
              <TextField name="pronouns" label="Pronouns" hint="For example she/her, he/him, they/them." autoComplete="off" />
              <TextField name="dateOfBirth" label="Date of birth" type="date" />
            </div>
          </fieldset>

          <fieldset>
            <legend>Contact</legend>
            <div className="grid-2">
              <TextField name="phone" label="Phone" type="tel" autoComplete="off" hint="Without a country code, it is read as a local number." />
              <TextField name="alternatePhone" label="Alternate phone" type="tel" autoComplete="off" />
              <TextField name="email" label="Email" type="email" autoComplete="off" />
            </div>
          </fieldset>

          <fieldset>
            <legend>Address</legend>
            <p className="field__hint">Optional. When given, line 1, the city and the country are needed.</p>
            <div className="grid-2">
              <TextField name="address.line1" label="Address line 1" autoComplete="off" />
              <TextField name="address.line2" label="Address line 2" autoComplete="off" />
              <TextField name="address.city" label="City" autoComplete="off" />
              <TextField name="address.region" label="State or region" autoComplete="off" />
              <TextField name="address.postalCode" label="Postal code" autoComplete="off" />
              <TextField name="address.country" label="Country" hint="Two letters, like US or GB." autoComplete="off" maxLength={2} />
            </div>
          </fieldset>

          <fieldset className="checkbox-group">
            <legend>Communication preferences</legend>
            <CheckboxField name="communicationPreferences.emailReminders" label="Appointment reminders by email" />
            <CheckboxField name="communicationPreferences.smsReminders" label="Appointment reminders by text message" />
            <CheckboxField name="communicationPreferences.marketingEmails" label="News and offers by email" />
          </fieldset>

          {clinical && (
            <fieldset className="patient-details__clinical" disabled={!mayChangeClinical}>
              <legend>Clinical</legend>
              {LISTS.filter((l) => l.kind === 'clinical').map((l) => (
                <ListEditor key={l.name} list={l} readOnly={!mayChangeClinical} />
              ))}
            </fieldset>
          )}

          {filing && (
            <fieldset disabled={!mayFile}>
              <legend>Filing</legend>
              {!mayFile && <p className="field__hint">The front desk and admins change these.</p>}
              <div className="grid-2">
                <SelectField name="status" label="Status" options={PATIENT_STATUSES.map((s) => ({ value: s, label: PATIENT_STATUS_LABELS[s] }))} />
                <SelectField
                  name="profileType"
                  label="Profile type"
                  hint="A contact (a parent, a guardian) is on file only to be reached."
                  options={[
                    { value: 'patient', label: 'Patient' },
                    { value: 'contact', label: 'Contact' },
                  ]}
                />
              </div>
              {LISTS.filter((l) => l.kind === 'filing').map((l) => (
                <ListEditor key={l.name} list={l} readOnly={!mayFile} />
              ))}
            </fieldset>
          )}
        </fieldset>

        {!readOnly && (
          <div className="actions actions--form">
            <button type="submit" className="btn btn--primary" disabled={!dirty || saving}>
              {saving ? 'Saving…' : 'Save details'}
            </button>
            <button
              type="button"
              className="btn"
              disabled={!dirty || saving}
              onClick={() => {
                form.reset(toForm(record));
                setProblem(null);
                clearUnmatched();
              }}
            >
              Undo changes
            </button>
            {!dirty && !done && <span className="muted">Change something to save it.</span>}
          </div>
        )}
        {done && !dirty && <StatusMessage>{done}</StatusMessage>}
      </form>
    </FormProvider>
  );
}

/** One of the profile's lists (allergies, tags, …): a line per entry, each with its own remove button. */
function ListEditor({ list, readOnly }: { list: (typeof LISTS)[number]; readOnly: boolean }) {
  return (
    <div className="list-editor">
      <Rows
        name={list.name}
        legend={list.legend}
        rowLabel={list.rowLabel}
        hint={list.hint}
        readOnly={readOnly}
        emptyText={`No ${list.legend.toLowerCase()} recorded.`}
        newItem={() => ({ value: '' })}
        renderRow={(i) => (
          <TextField name={`${list.name}[${i}]`} field={`${list.name}.${i}.value`} label={`${list.rowLabel} ${i + 1}`} hideLabel maxLength={200} />
        )}
      />
    </div>
  );
}
