import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { FormProvider, useForm, type FieldErrors as RhfErrors } from 'react-hook-form';
import { z } from 'zod';
import { isApiError, problemOf } from '../../api/errors';
import { patientsApi } from '../../api/patients';
import type { ProblemDetails } from '../../api/problem';
import { queryKeys } from '../../api/queries';
import { useApi } from '../../auth/AuthContext';
import { ProblemAlert } from '../../ui/Alert';
import { TextField } from '../../ui/Field';
import { flattenErrors, schemaResolver, setServerErrors } from '../../ui/form';
import { Modal } from '../../ui/Modal';
import { formSchema } from '../resource/validation';
import { checkBirthDate, checkPhone, EMAIL_PATTERN } from './patientForm';

export const newPatientSchema = formSchema(
  {
    firstName: z.string(),
    lastName: z.string(),
    email: z.string(),
    phone: z.string(),
    dateOfBirth: z.string(),
  },
  (f, v) => {
    v.text('firstName', f.firstName, 'First name', { required: true, max: 100 });
    v.text('lastName', f.lastName, 'Last name', { required: true, max: 100 });
    const email = f.email.trim();
    const phone = f.phone.trim();
    if (!email && !phone) {
      v.add('email', 'Enter an email or a phone number.');
      v.add('phone', 'Enter a phone number or an email.');
    }
    if (email && !EMAIL_PATTERN.test(email)) v.add('email', 'Enter a valid email address.');
    checkPhone(v, 'phone', phone);
    checkBirthDate(v, 'dateOfBirth', f.dateOfBirth);
  },
);

type NewPatientForm = z.infer<typeof newPatientSchema>;

/**
 * "New patient": names and a way to reach them (email or phone), optionally the date of birth. A patient already on
 * file (same email, same phone, or same name and date of birth) is opened instead of creating a second record.
 */
export function NewPatientDialog(props: { onClose: () => void; onDone: (id: string, flash: string) => void }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const form = useForm<NewPatientForm>({
    defaultValues: { firstName: '', lastName: '', email: '', phone: '', dateOfBirth: '' },
    resolver: schemaResolver(newPatientSchema),
    reValidateMode: 'onSubmit',
    shouldFocusError: false,
  });
  const [problem, setProblem] = useState<ProblemDetails | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  function focusFirst(paths: string[]) {
    const first = paths[0];
    if (first) formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
  }

  const create = useMutation({
    mutationFn: (f: NewPatientForm) =>
      patientsApi.create(api, {
        firstName: f.firstName.trim(),
        lastName: f.lastName.trim(),
        email: f.email.trim() || undefined,
        phone: f.phone.trim() || undefined,
        dateOfBirth: f.dateOfBirth || undefined,
      }),
    onSuccess: ({ patient, existing }) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.patients.all });
      const name = `${patient.firstName} ${patient.lastName}`.trim();
      props.onDone(
        patient.id,
        existing
          ? `This patient already exists: ${name} matches the details you entered, so their record is open and no second record was made.`
          : `Added ${name}.`,
      );
    },
    onError: (err) => {
      if (isApiError(err) && Object.keys(err.fieldErrors).length > 0) {
        setServerErrors(form.setError, err.fieldErrors);
        focusFirst(Object.keys(err.fieldErrors));
      }
      setProblem(problemOf(err));
    },
  });
  const busy = create.isPending || create.isSuccess;

  function onValid(values: NewPatientForm) {
    if (busy) return;
    setProblem(null);
    create.mutate(values);
  }

  function onInvalid(errors: RhfErrors<NewPatientForm>) {
    focusFirst(Object.keys(flattenErrors(errors)));
  }

  return (
    <Modal title="New patient" onClose={props.onClose} wide>
      <FormProvider {...form}>
        <form ref={formRef} noValidate onSubmit={(e) => void form.handleSubmit(onValid, onInvalid)(e)} aria-busy={busy || undefined} aria-label="New patient">
          <p className="muted">An email or a phone number is needed. If the patient is already on file, their record opens instead.</p>
          <div className="grid-2">
            <TextField name="firstName" label="First name" autoComplete="off" required />
            <TextField name="lastName" label="Last name" autoComplete="off" required />
            <TextField name="email" label="Email" type="email" autoComplete="off" />
            <TextField name="phone" label="Phone" type="tel" autoComplete="off" />
            <TextField name="dateOfBirth" label="Date of birth (optional)" type="date" hint="Helps tell apart patients with the same name." />
          </div>
          {problem && <ProblemAlert problem={problem} />}
          <div className="actions">
            <button type="submit" className="btn btn--primary" disabled={busy}>
              {busy ? 'Adding…' : 'Add patient'}
            </button>
            <button type="button" className="btn" onClick={props.onClose} disabled={create.isPending}>
              Cancel
            </button>
          </div>
        </form>
      </FormProvider>
    </Modal>
  );
}
