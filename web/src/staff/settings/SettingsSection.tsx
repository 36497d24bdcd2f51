import type { ReactNode } from 'react';
import { FormProvider, type FieldValues, type UseFormReturn } from 'react-hook-form';
import { Loading, ProblemAlert, StatusMessage } from '../../ui/Alert';
import type { useSettingsDocument } from './useSettingsDocument';

/**
 * A settings document's own section of the settings page: its heading, loading or why it cannot be read, then its
 * form (the fields given), saved on its own with its own button, what the save said under it.
 */
export function SettingsSection<T, F extends FieldValues>(props: {
  id: string;
  title: string;
  settings: ReturnType<typeof useSettingsDocument<T>>;
  form: UseFormReturn<F>;
  onSubmit: () => Promise<void>;
  saveLabel: string;
  children: ReactNode;
}) {
  const { settings } = props;
  return (
    <section aria-labelledby={props.id} className="settings-section">
      <h2 id={props.id}>{props.title}</h2>
      {!settings.loaded ? (
        settings.loadProblem ? <ProblemAlert problem={settings.loadProblem} /> : <Loading />
      ) : (
        <FormProvider {...props.form}>
          {settings.problem && <ProblemAlert problem={settings.problem} />}
          <form onSubmit={(e) => { e.preventDefault(); void props.onSubmit(); }} noValidate aria-busy={settings.saving}>
            {props.children}
            <div className="actions actions--form">
              <button type="submit" className="btn btn--primary" disabled={settings.saving}>
                {settings.saving ? 'Saving…' : props.saveLabel}
              </button>
            </div>
            {settings.done && <StatusMessage>{settings.done}</StatusMessage>}
          </form>
        </FormProvider>
      )}
    </section>
  );
}
