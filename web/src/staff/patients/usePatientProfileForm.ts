import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm, type FieldErrors as RhfErrors } from 'react-hook-form';
import { isApiError } from '../../api/errors';
import { patientsApi, type PatientRecord } from '../../api/patients';
import { queryKeys } from '../../api/queries';
import { useApi } from '../../auth/AuthContext';
import { schemaResolver } from '../../ui/form';
import { useErrorPlacement } from '../../ui/useErrorPlacement';
import { patientSchema, toForm, toProfile, type PatientForm } from './patientForm';

/**
 * The profile form of a patient record, as the desk's Details tab and the patient's My details both edit it: saved
 * with If-Match; a 412 reads the record again (`reload`) and says so under `conflictTitle`; field errors next to their
 * inputs. `onSaved` runs after a save and returns what the page says about it.
 */
export function usePatientProfileForm(props: {
  record: PatientRecord;
  reload: () => Promise<PatientRecord | null>;
  conflictTitle: string;
  onSaved: (saved: PatientRecord) => string;
}) {
  const { record } = props;
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
  const errors = useErrorPlacement();
  const [done, setDone] = useState<string | null>(null);

  const save = useMutation({
    // The lists the caller may not change (a patient's allergies, say) go back as read.
    mutationFn: (values: PatientForm) => patientsApi.update(api, record, toProfile(values, record)),
    onSuccess: (saved) => {
      queryClient.setQueryData(queryKeys.patients.record(record.id), saved);
      setDone(props.onSaved(saved));
    },
    onError: async (err) => {
      if (isApiError(err) && err.isConcurrencyConflict) {
        // Someone else saved meanwhile: show their version, keep nothing stale, and say what happened.
        await props.reload();
        errors.showAlone({
          title: props.conflictTitle,
          status: err.status,
          detail: 'The latest details are shown. Make your change again and save.',
          errors: {},
        });
      } else errors.showRefusal(err, form.setError);
    },
  });

  function onInvalid(found: RhfErrors<PatientForm>) {
    setDone(null);
    errors.showInvalid(found, 'the details');
  }

  function onValid(values: PatientForm) {
    if (save.isPending) return;
    setDone(null);
    errors.clearProblem();
    save.mutate(values);
  }

  /** Back to the record as read, with nothing said about the last save. */
  function undo() {
    form.reset(toForm(record));
    errors.clearProblem();
  }

  return {
    form,
    formRef: errors.formRef,
    alertRef: errors.alertRef,
    problem: errors.problem,
    unmatched: errors.unmatched,
    done,
    saving: save.isPending,
    dirty: form.formState.isDirty,
    submit: form.handleSubmit(onValid, onInvalid),
    undo,
  };
}
