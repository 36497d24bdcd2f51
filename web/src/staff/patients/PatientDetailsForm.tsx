import { FormProvider } from 'react-hook-form';
import { PATIENT_STATUSES, PATIENT_STATUS_LABELS, showsClinical, showsFiling, type PatientRecord } from '../../api/patients';
import type { Role } from '../../api/types';
import { ProblemAlert, StatusMessage } from '../../ui/Alert';
import { SelectField, TextField } from '../../ui/Field';
import { Rows } from '../../ui/Rows';
import { LISTS } from './patientForm';
import { PatientProfileFields } from './PatientProfileFields';
import { usePatientProfileForm } from './usePatientProfileForm';

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
  const { form, formRef, alertRef, problem, unmatched, done, saving, dirty, submit, undo } = usePatientProfileForm({
    record,
    reload: props.reload,
    conflictTitle: 'This patient’s record changed since you opened it',
    onSaved: () => {
      props.onSaved();
      return 'Details saved.';
    },
  });
  const readOnly = record.archived;
  const clinical = showsClinical(record);
  const filing = showsFiling(record);
  const mayFile = role === 'admin' || role === 'frontdesk';
  const mayChangeClinical = role === 'admin' || role === 'practitioner';

  return (
    <FormProvider {...form}>
      <form ref={formRef} noValidate onSubmit={(e) => void submit(e)} aria-label="Patient details" aria-busy={saving || undefined} className="patient-details">
        {readOnly && <p className="notice">This record is archived, so its details cannot be changed.</p>}
        {problem && <ProblemAlert problem={problem} unmatched={unmatched} ref={alertRef} />}
        <fieldset className="plain" disabled={readOnly || saving}>
          <PatientProfileFields audience="staff" />

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
              onClick={undo}
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
