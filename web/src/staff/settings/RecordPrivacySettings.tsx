import { useForm } from 'react-hook-form';
import type { RecordPrivacy } from '../../api/patients';
import { queryKeys } from '../../api/queries';
import { CheckboxField } from '../../ui/Field';
import { SettingsSection } from './SettingsSection';
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
    <SettingsSection id="privacy-h" title="Patient records" settings={settings} form={form} onSubmit={onSubmit} saveLabel="Save record settings">
      <CheckboxField
        name="deskSeesClinicalFields"
        label="The front desk may read medical alerts, allergies, medications and medical forms"
        hint="Off unless your desk also preps patients. Only clinicians and admins change clinical fields either way, and every read is in the record’s access log."
      />
    </SettingsSection>
  );
}
