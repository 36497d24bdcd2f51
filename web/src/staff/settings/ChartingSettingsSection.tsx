import { useForm } from 'react-hook-form';
import { z } from 'zod';
import type { ChartingSettings } from '../../api/charts';
import { queryKeys } from '../../api/queries';
import { TextField } from '../../ui/Field';
import { schemaResolver } from '../../ui/form';
import { SettingsSection } from './SettingsSection';
import { useSettingsDocument } from './useSettingsDocument';

const wholeNumber = z.string().regex(/^\s*\d+\s*$/, 'Enter a whole number of hours.');
const schema = z.object({ autoLockHours: wholeNumber, reminderHoursBeforeLock: wholeNumber });
type Form = z.infer<typeof schema>;

/**
 * When an unsigned chart locks, and how long before its practitioner is reminded. Saved on its own (its own document
 * and version); the server checks the bounds (1–168 hours, a reminder before the lock) and says which box to fix.
 */
export function ChartingSettingsSection() {
  const settings = useSettingsDocument<ChartingSettings>({ path: '/api/clinic/charting', queryKey: queryKeys.chartingSettings });
  const loaded = settings.loaded;
  const form = useForm<Form>({
    values: loaded ? { autoLockHours: String(loaded.body.autoLockHours), reminderHoursBeforeLock: String(loaded.body.reminderHoursBeforeLock) } : undefined,
    resolver: schemaResolver(schema),
  });
  const onSubmit = form.handleSubmit(
    (v) => settings.save({ autoLockHours: Number(v.autoLockHours.trim()), reminderHoursBeforeLock: Number(v.reminderHoursBeforeLock.trim()) }, form.setError),
    settings.clearDone,
  );

  return (
    <SettingsSection id="charting-h" title="Charting" settings={settings} form={form} onSubmit={onSubmit} saveLabel="Save charting settings">
      <TextField name="autoLockHours" label="Lock an unsigned chart after (hours from the visit)" hint="Between 1 and 168 (a week). 24 is a day." inputMode="numeric" required />
      <TextField name="reminderHoursBeforeLock" label="Remind its practitioner before it locks (hours)" hint="0 sends no reminder." inputMode="numeric" required />
    </SettingsSection>
  );
}
