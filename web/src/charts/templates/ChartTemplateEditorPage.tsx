import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { FormProvider, useFieldArray, useForm, useFormContext, useWatch } from 'react-hook-form';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { chartsApi, type ChartTemplate } from '../../api/charts';
import { isApiError, problemOf } from '../../api/errors';
import { queryKeys } from '../../api/queries';
import { useApi } from '../../auth/AuthContext';
import { Loading, LoadProblem, ProblemAlert } from '../../ui/Alert';
import { SelectField, TextAreaField, TextField } from '../../ui/Field';
import { schemaResolver, setServerErrors } from '../../ui/form';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { TREATMENT_LABELS } from '../chartLabels';
import '../charts.css';
import { emptyField, fromTemplateForm, idFromLabel, templateSchema, toTemplateForm, type TemplateForm } from './templateForm';

const TYPE_OPTIONS = [
  { value: 'text', label: 'Short text' },
  { value: 'long-text', label: 'Long text' },
  { value: 'choice', label: 'Choice' },
  { value: 'number', label: 'Number' },
];
const SMART_OPTIONS = [
  { value: '', label: 'Nothing: typed at the visit' },
  { value: 'allergies', label: 'The patient’s allergies' },
  { value: 'last-treatment', label: 'The last treatment' },
  { value: 'consent-status', label: 'Consent on file' },
];

/**
 * /staff/chart-templates/new (from scratch, or ?from= a template to copy) and /staff/chart-templates/:id (the
 * clinic's own, saved with the version read). Admins only.
 */
export function ChartTemplateEditorPage() {
  const { id } = useParams();
  const [search] = useSearchParams();
  const api = useApi();
  const source = id ?? search.get('from');
  const loaded = useQuery({
    queryKey: queryKeys.charts.template(source ?? ''),
    queryFn: ({ signal }) => chartsApi.template(api, source ?? '', signal),
    enabled: !!source,
    gcTime: 0,
  });
  useDocumentTitle(id ? 'Edit chart template' : 'New chart template');

  if (source && loaded.isPending) return <Loading label="Loading the template…" />;
  if (source && loaded.isError) return <LoadProblem error={loaded.error} retry={() => void loaded.refetch()} />;
  const copyOf = !id && loaded.data ? { ...loaded.data, name: `${loaded.data.name} (our own)` } : null;
  return <TemplateEditor key={loaded.data?.etag ?? 'new'} editing={id ? (loaded.data ?? null) : null} start={copyOf} />;
}

function TemplateEditor({ editing, start }: { editing: ChartTemplate | null; start: ChartTemplate | null }) {
  const api = useApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const initial = useMemo<TemplateForm>(
    () => (editing ?? start ? toTemplateForm((editing ?? start)!) : { name: '', treatment: 'soap', diagram: 'none', fields: [emptyField()] }),
    [editing, start],
  );
  const form = useForm<TemplateForm>({ defaultValues: initial, resolver: schemaResolver(templateSchema), mode: 'onSubmit' });
  const save = useMutation({
    mutationFn: (values: TemplateForm) => (editing ? chartsApi.updateTemplate(api, editing, fromTemplateForm(values)) : chartsApi.addTemplate(api, fromTemplateForm(values))),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.charts.templates });
      navigate('/staff/chart-templates', { state: { flash: `“${saved.name}” saved. New charts start from it.` } });
    },
    onError: (err) => {
      if (!isApiError(err) || !err.isConcurrencyConflict) setServerErrors(form.setError, problemOf(err).errors ?? {});
    },
  });
  const problem = save.isError ? problemOf(save.error) : null;

  return (
    <section aria-labelledby="template-h" className="template-editor">
      <p className="back-link">
        <Link to="/staff/chart-templates">Back to chart templates</Link>
      </p>
      <h1 id="template-h">{editing ? `Edit “${editing.name}”` : 'New chart template'}</h1>
      {problem && (
        <ProblemAlert problem={isApiError(save.error) && save.error.isConcurrencyConflict ? { ...problem, detail: 'Someone else saved this template meanwhile. Go back and open it again to see their version.' } : problem} />
      )}
      <FormProvider {...form}>
        <form onSubmit={(e) => void form.handleSubmit((v) => save.mutate(v))(e)} noValidate aria-busy={save.isPending}>
          <TextField name="name" label="Name" required autoComplete="off" />
          <SelectField name="treatment" label="Treatment" options={Object.entries(TREATMENT_LABELS).map(([value, label]) => ({ value, label }))}
            hint="Neurotoxin and filler charts need a lot for every point." />
          <SelectField name="diagram" label="Diagram" options={[{ value: 'none', label: 'No diagram' }, { value: 'face', label: 'Face (front and profiles)' }, { value: 'body', label: 'Body (front and back)' }]} />
          <Fields />
          <div className="actions actions--form">
            <button type="submit" className="btn btn--primary" disabled={save.isPending}>
              {save.isPending ? 'Saving…' : 'Save template'}
            </button>
            <Link className="btn" to="/staff/chart-templates">
              Cancel
            </Link>
          </div>
        </form>
      </FormProvider>
    </section>
  );
}

function Fields() {
  const { control, setValue, getValues, formState } = useFormContext<TemplateForm>();
  const fields = useFieldArray({ control, name: 'fields' });
  const listError = formState.errors.fields?.root?.message ?? formState.errors.fields?.message;
  return (
    <fieldset className="template-editor__fields">
      <legend>Fields</legend>
      {listError && <p className="field__error" role="alert">{listError}</p>}
      <ol>
        {fields.fields.map((f, i) => (
          <li key={f.id} className="panel">
            <FieldEditor index={i} onLabelDone={(label) => { if (!getValues(`fields.${i}.id`)) setValue(`fields.${i}.id`, idFromLabel(label)); }} />
            <div className="actions">
              <button type="button" className="btn btn--small" disabled={i === 0} onClick={() => fields.move(i, i - 1)} aria-label={`Move field ${i + 1} up`}>
                Up
              </button>
              <button type="button" className="btn btn--small" disabled={i === fields.fields.length - 1} onClick={() => fields.move(i, i + 1)} aria-label={`Move field ${i + 1} down`}>
                Down
              </button>
              <button type="button" className="btn btn--small btn--danger" disabled={fields.fields.length === 1} onClick={() => fields.remove(i)} aria-label={`Remove field ${i + 1}`}>
                Remove
              </button>
            </div>
          </li>
        ))}
      </ol>
      <button type="button" className="btn" onClick={() => fields.append(emptyField())}>
        Add a field
      </button>
    </fieldset>
  );
}

function FieldEditor({ index, onLabelDone }: { index: number; onLabelDone: (label: string) => void }) {
  const path = `fields[${index}]`;
  const type = useWatch<TemplateForm>({ name: `fields.${index}.type` });
  return (
    <div className="template-editor__field">
      <div onBlur={(e) => onLabelDone((e.target as HTMLInputElement).value)}>
        <TextField name={`${path}.label`} label={`Field ${index + 1}: label`} required autoComplete="off" />
      </div>
      <TextField name={`${path}.id`} label="Field id" hint="Letters, digits, - or _; how the value is stored. Made from the label when left empty." autoComplete="off" />
      <SelectField name={`${path}.type`} label="Kind of answer" options={TYPE_OPTIONS} />
      {type === 'choice' && <TextAreaField name={`${path}.options`} label="Options (one per line)" rows={3} required />}
      <TextField name={`${path}.default`} label="Default" autoComplete="off" />
      <TextAreaField name={`${path}.quickPhrases`} label="Quick phrases (one per line)" hint="Tapped in instead of typed." rows={2} />
      <SelectField name={`${path}.smart`} label="Filled in from the record" options={SMART_OPTIONS} />
    </div>
  );
}
