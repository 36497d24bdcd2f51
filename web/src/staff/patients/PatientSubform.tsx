import { useId, type ReactNode } from 'react';
import { FormProvider, type FieldValues, type UseFormReturn } from 'react-hook-form';
import type { ProblemDetails } from '../../api/problem';
import { ProblemAlert, StatusMessage } from '../../ui/Alert';

/**
 * A small form under a patient tab's list (log a contact, add a family member): named by its heading, the refusal
 * above its fields, one submit button (`savingLabel` while it saves, a second submit ignored), what was done below.
 */
export function PatientSubform<F extends FieldValues>(props: {
  form: UseFormReturn<F>;
  title: string;
  problem: ProblemDetails | null;
  saving: boolean;
  submitLabel: string;
  savingLabel: string;
  done: string | null;
  onValid: (values: F) => void;
  children: ReactNode;
}) {
  const headingId = useId();
  const { form, saving } = props;
  return (
    <FormProvider {...form}>
      <form
        noValidate
        aria-labelledby={headingId}
        aria-busy={saving || undefined}
        className="patient-subform"
        onSubmit={(e) => void form.handleSubmit((v) => !saving && props.onValid(v))(e)}
      >
        <h2 id={headingId}>{props.title}</h2>
        {props.problem && <ProblemAlert problem={props.problem} />}
        <fieldset className="plain" disabled={saving}>
          {props.children}
        </fieldset>
        <div className="actions actions--form">
          <button type="submit" className="btn btn--primary" disabled={saving}>
            {saving ? props.savingLabel : props.submitLabel}
          </button>
        </div>
        {props.done && <StatusMessage>{props.done}</StatusMessage>}
      </form>
    </FormProvider>
  );
}
