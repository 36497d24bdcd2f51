import { FormProvider, useForm } from 'react-hook-form';
import type { RecordPrivacy } from '../../api/patients';
import { queryKeys } from '../../api/queries';
import { Loading, ProblemAlert, StatusMessage } from '../../ui/Alert';
import { CheckboxField } from '../../ui/Field';
import { useSettingsDocument } from './useSettingsDocument';

/**
 * Who sees what in a patient's record, beyond what each role needs. Saved on its own (its own document and version),
 * so a change here never rewrites the booking rules above it.
 */
export function RecordPrivacySettings() {
  const settings = useSettingsDocument<RecordPrivacy>({ path: '/api/clinic/privacy', queryKey: queryKeys.recordPrivacy });
  const loaded = settings.loaded;
  const form = useForm<RecordPrivacy>({ values: loaded?.body });
  const onSubmit = form.handleSubmit((v) => settings.save({ deskSeesClinicalFields: v.deskSeesClinicalFields }, form.setError), settings.clearDone);

  return (
    <section aria-labelledby="privacy-h" className="settings-section">
      <h2 id="privacy-h">Patient records</h2>
      {!loaded ? (
        settings.loadProblem ? <ProblemAlert problem={settings.loadProblem} /> : <Loading />
      ) : (
        <FormProvider {...form}>
          {settings.problem && <ProblemAlert problem={settings.problem} />}
          <form onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={settings.saving}>
            <CheckboxField
              name="deskSeesClinicalFields"
              label="The front desk may read medical alerts, allergies, medications and medical forms"
              hint="Off unless your desk also preps patients. Only clinicians and admins change clinical fields either way, and every read is in the record’s access log."
            />
            <div className="actions actions--form">
              <button type="submit" className="btn btn--primary" disabled={settings.saving}>
                {settings.saving ? 'Saving…' : 'Save record settings'}
              </button>
            </div>
            {settings.done && <StatusMessage>{settings.done}</StatusMessage>}
          </form>
        </FormProvider>
      )}
    </section>
  );
}
