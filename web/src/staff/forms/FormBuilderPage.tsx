import { useMutation, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useMemo, useState } from 'react';
import { FormProvider, useFieldArray, useForm, useFormContext, useWatch, type FieldErrors as RhfErrors } from 'react-hook-form';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { isApiError } from '../../api/errors';
import {
  emptyFormContent,
  FIELD_TYPE_LABELS,
  FIELD_TYPES,
  FORM_KIND_LABELS,
  FORM_KINDS,
  formsApi,
  hasOptions,
  needsLegalText,
  useFormItem,
  type Form,
  type FormContent,
} from '../../api/forms';
import { queryKeys } from '../../api/queries';
import { useApi } from '../../auth/AuthContext';
import { Loading, LoadProblem, ProblemAlert, StatusMessage } from '../../ui/Alert';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { CheckboxField, FieldMessages, SelectField, TextAreaField, TextField, useFieldErrors } from '../../ui/Field';
import { schemaResolver } from '../../ui/form';
import { Modal } from '../../ui/Modal';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { useErrorPlacement } from '../../ui/useErrorPlacement';
import {
  builderSchema,
  conditionSources,
  conditionValues,
  newField,
  toBuilderForm,
  toContent,
  type BuilderForm,
  type BuilderSection,
} from './builderForm';
import '../../forms/forms.css';

// The preview renders with SurveyJS: loaded only when an admin opens it.
const FormPreview = lazy(() => import('./FormPreview'));

/** /staff/forms/new and /staff/forms/:id (admins): the form's content, saved as a draft, published as a version. */
export function FormBuilderPage({ isNew = false }: { isNew?: boolean }) {
  const { id = '' } = useParams();
  const form = useFormItem(isNew ? null : id);
  useDocumentTitle(isNew ? 'New form' : (form.data?.name ?? 'Form'));

  if (isNew) return <FormEditor initial={null} />;
  if (form.isPending)
    return (
      <>
        <BackLink />
        <h1>Form</h1>
        <Loading label="Loading the form…" />
      </>
    );
  if (form.isError)
    return (
      <>
        <BackLink />
        <h1>Form</h1>
        <LoadProblem error={form.error} retry={() => void form.refetch()} />
      </>
    );
  return <FormEditor initial={form.data} reload={async () => (await form.refetch()).data ?? null} />;
}

function BackLink() {
  return (
    <p className="back-link">
      <Link to="/staff/forms">Back to forms</Link>
    </p>
  );
}

function FormEditor({ initial, reload }: { initial: Form | null; reload?: () => Promise<Form | null> }) {
  const api = useApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState<Form | null>(initial);
  const values = useMemo(() => toBuilderForm(saved ?? emptyFormContent()), [saved]);
  const rhf = useForm<BuilderForm>({
    // The form shows the copy last read or saved; a new copy starts it again.
    values,
    resolver: schemaResolver(builderSchema),
    mode: 'onSubmit',
    reValidateMode: 'onSubmit',
    shouldFocusError: false,
  });
  // A new form's first save lands here with its message.
  const flash = (useLocation().state as { flash?: string } | null)?.flash ?? null;
  const [message, setMessage] = useState<string | null>(flash);
  const [confirmingPublish, setConfirmingPublish] = useState(false);
  const [preview, setPreview] = useState<FormContent | null>(null);
  const { formRef, alertRef, problem, unmatched, showRefusal, showInvalid, showAlone, clearProblem } = useErrorPlacement();

  function stored(form: Form) {
    setSaved(form);
    queryClient.setQueryData(queryKeys.forms.item(form.id), form);
    void queryClient.invalidateQueries({ queryKey: queryKeys.forms.all, predicate: (q) => q.queryKey[1] !== 'item' });
  }

  const save = useMutation({
    mutationFn: (content: FormContent) => (saved ? formsApi.update(api, saved, content) : formsApi.create(api, content)),
    onSuccess: (form) => {
      if (!saved) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.forms.all });
        queryClient.setQueryData(queryKeys.forms.item(form.id), form);
        navigate(`/staff/forms/${encodeURIComponent(form.id)}`, { replace: true, state: { flash: 'Draft saved. Publish it when patients should get it.' } });
        return;
      }
      stored(form);
      setMessage('Draft saved. Publish it when patients should get it.');
    },
    onError: async (err) => {
      if (isApiError(err) && err.isConcurrencyConflict && reload) {
        const fresh = await reload();
        if (fresh) setSaved(fresh);
        showAlone({
          title: 'This form changed since you opened it',
          status: err.status,
          detail: 'Someone else saved it meanwhile. Their version is shown: make your change again and save.',
          errors: {},
        });
      } else showRefusal(err, rhf.setError);
    },
  });

  const publish = useMutation({
    mutationFn: () => formsApi.publish(api, saved!.id),
    onSuccess: (form) => {
      setConfirmingPublish(false);
      stored(form);
      setMessage(`Version ${form.publishedVersion} published. Patients who fill the form in from now on get this version.`);
    },
    onError: (err) => {
      setConfirmingPublish(false);
      showRefusal(err, rhf.setError);
    },
  });

  function onInvalid(found: RhfErrors<BuilderForm>) {
    setMessage(null);
    // Errors also sit on sections and options, so they are counted as things, not fields.
    showInvalid(found, 'the draft', 'thing');
  }

  function onValid(v: BuilderForm) {
    if (save.isPending) return;
    setMessage(null);
    clearProblem();
    save.mutate(toContent(v));
  }

  const busy = save.isPending || publish.isPending;
  const dirty = rhf.formState.isDirty;
  const kind = useWatch({ control: rhf.control, name: 'kind' });
  const title = saved ? saved.name : 'New form';

  return (
    <FormProvider {...rhf}>
      <BackLink />
      <div className="page-header">
        <h1>{title}</h1>
        <button type="button" className="btn" onClick={() => setPreview(toContent(rhf.getValues()))}>
          Preview on a phone
        </button>
      </div>
      {saved && (
        <p className="muted">
          {saved.publishedVersion ? `Published: version ${saved.publishedVersion}` : 'Not published yet'}
          {saved.hasDraft && saved.publishedVersion != null && ' · the draft has changes not published yet'}
        </p>
      )}
      {message && <StatusMessage>{message}</StatusMessage>}
      <form
        ref={formRef}
        noValidate
        onSubmit={(e) => void rhf.handleSubmit(onValid, onInvalid)(e)}
        aria-label="Form builder"
        aria-busy={busy || undefined}
        className="form-builder"
      >
        {problem && <ProblemAlert problem={problem} unmatched={unmatched} ref={alertRef} />}
        <fieldset className="plain" disabled={busy}>
          <fieldset>
            <legend>About the form</legend>
            <div className="grid-2">
              <TextField name="name" label="Name" required autoComplete="off" />
              <SelectField name="kind" label="Kind" options={FORM_KINDS.map((k) => ({ value: k, label: FORM_KIND_LABELS[k] }))} />
              <TextField
                name="expirationMonths"
                label="Expires after (months)"
                inputMode="numeric"
                hint="Leave empty if it never expires; 1 to 120. A patient signs again once it has expired."
              />
            </div>
            <TextAreaField name="description" label="Description" rows={2} hint="Shown to the patient above the questions." />
            {needsLegalText(kind) && (
              <TextAreaField name="legalText" label="Legal text" rows={8} required hint="Shown above the questions; the patient signs it. Leave a blank line between paragraphs." />
            )}
          </fieldset>
          <SectionsEditor />
        </fieldset>
        <div className="actions actions--form">
          <button type="submit" className="btn btn--primary" disabled={busy}>
            {save.isPending ? 'Saving…' : 'Save draft'}
          </button>
          {saved && (
            <button type="button" className="btn" disabled={busy || dirty} aria-describedby={dirty ? 'publish-hint' : undefined} onClick={() => setConfirmingPublish(true)}>
              Publish
            </button>
          )}
          {saved && dirty && (
            <span id="publish-hint" className="muted">
              Save the draft before publishing.
            </span>
          )}
        </div>
      </form>

      {confirmingPublish && saved && (
        <ConfirmDialog
          title={`Publish version ${(saved.publishedVersion ?? 0) + 1}?`}
          confirmLabel="Publish"
          busy={publish.isPending}
          onConfirm={() => publish.mutate()}
          onCancel={() => setConfirmingPublish(false)}
        >
          <p>
            Patients who fill in “{saved.name}” from now on get this version. Forms already signed keep the version they
            signed.
          </p>
        </ConfirmDialog>
      )}

      {preview && (
        <Modal title="Preview on a phone" onClose={() => setPreview(null)} wide>
          <Suspense fallback={<Loading label="Loading the preview…" />}>
            <FormPreview content={preview} />
          </Suspense>
        </Modal>
      )}
    </FormProvider>
  );
}

function SectionsEditor() {
  const { control } = useFormContext<BuilderForm>();
  const sections = useFieldArray({ control, name: 'sections' });
  // A rule about the sections as a whole (a consent's signature): the schema's at `sections.root`, the API's at `sections`.
  const messages = useFieldErrors(['sections', 'sections.root']);
  return (
    <div data-field="sections sections.root" className="form-builder__sections">
      <h2>Sections and questions</h2>
      <FieldMessages messages={messages} />
      {sections.fields.map((s, i) => (
        <fieldset key={s.id} className="form-builder__section">
          <legend>Section {i + 1}</legend>
          <TextField name={`sections[${i}].title`} label="Section title" hint="Each section is a page on the patient’s phone." autoComplete="off" />
          <div className="btn-group">
            <button type="button" className="btn btn--small" disabled={i === 0} onClick={() => sections.move(i, i - 1)}>
              Move up{' '}<span className="sr-only">section {i + 1}</span>
            </button>
            <button type="button" className="btn btn--small" disabled={i === sections.fields.length - 1} onClick={() => sections.move(i, i + 1)}>
              Move down{' '}<span className="sr-only">section {i + 1}</span>
            </button>
            <button type="button" className="btn btn--small btn--danger" disabled={sections.fields.length === 1} onClick={() => sections.remove(i)}>
              Remove{' '}<span className="sr-only">section {i + 1}</span>
            </button>
          </div>
          <FieldsEditor section={i} />
        </fieldset>
      ))}
      <button type="button" className="btn" onClick={() => sections.append({ title: '', fields: [] } satisfies BuilderSection)}>
        Add a section
      </button>
    </div>
  );
}

function FieldsEditor({ section }: { section: number }) {
  const { control, getValues, setValue } = useFormContext<BuilderForm>();
  const fields = useFieldArray({ control, name: `sections.${section}.fields` });
  const all = useWatch({ control, name: 'sections' }) ?? [];
  const current = all[section]?.fields ?? [];
  return (
    <div className="form-builder__fields">
      {fields.fields.length === 0 && <p className="muted">No questions in this section yet.</p>}
      {fields.fields.map((f, j) => {
        const path = `sections[${section}].fields[${j}]`;
        const value = current[j];
        const type = value?.type ?? f.type;
        const sources = conditionSources(all, section, j);
        const sourceId = value?.visibleIf?.fieldId ?? '';
        const source = sources.find((x) => x.id === sourceId);
        const sourceOptions = sources.map((x) => ({ value: x.id, label: x.label ? `${x.label} (${x.id})` : x.id }));
        if (sourceId && !source) sourceOptions.push({ value: sourceId, label: `${sourceId} (not an earlier choice question)` });
        const answers = conditionValues(source);
        const equals = value?.visibleIf?.equals ?? '';
        if (equals && !answers.some((a) => a.value === equals)) answers.push({ value: equals, label: `${equals} (no longer an option)` });
        const name = value?.label?.trim() || `Question ${j + 1}`;
        return (
          <fieldset key={f.id} className="form-builder__field">
            <legend>
              Question {j + 1}
              {value?.label?.trim() ? `: ${value.label.trim()}` : ''}
            </legend>
            <div className="grid-2">
              <TextField name={`${path}.label`} label="Question" required autoComplete="off" />
              <SelectField name={`${path}.type`} label="Answer type" options={FIELD_TYPES.map((t) => ({ value: t, label: FIELD_TYPE_LABELS[t] }))} />
              <TextField name={`${path}.id`} label="Field id" hint="Letters, digits, - or _; how answers are stored. Keep it once published." autoComplete="off" />
              <CheckboxField name={`${path}.required`} label="Required" />
            </div>
            {hasOptions(type) && <TextAreaField name={`${path}.options`} label="Options (one per line)" rows={4} required />}
            <TextField name={`${path}.help`} label="Help text" hint="Shown under the question." autoComplete="off" />
            <div className="grid-2">
              <SelectField
                name={`${path}.visibleIf.fieldId`}
                value={sourceId}
                onChange={(id) =>
                  // Another question: its answers differ, so the answer chosen goes.
                  setValue(`sections.${section}.fields.${j}.visibleIf`, { fieldId: id, equals: '' }, { shouldDirty: true })
                }
                also={[`${path}.visibleIf`]}
                label="Show only when"
                placeholder="Always shown"
                options={sourceOptions}
                hint={sources.length === 0 && !sourceId ? 'A condition needs an earlier choice or yes/no question.' : undefined}
              />
              {sourceId && <SelectField name={`${path}.visibleIf.equals`} label="has the answer" placeholder="Choose an answer" options={answers} />}
            </div>
            <div className="btn-group">
              <button type="button" className="btn btn--small" disabled={j === 0} onClick={() => fields.move(j, j - 1)}>
                Move up{' '}<span className="sr-only">{name}</span>
              </button>
              <button type="button" className="btn btn--small" disabled={j === fields.fields.length - 1} onClick={() => fields.move(j, j + 1)}>
                Move down{' '}<span className="sr-only">{name}</span>
              </button>
              <button type="button" className="btn btn--small btn--danger" onClick={() => fields.remove(j)}>
                Remove{' '}<span className="sr-only">{name}</span>
              </button>
            </div>
          </fieldset>
        );
      })}
      <button type="button" className="btn btn--small" onClick={() => fields.append(newField(getValues('sections')))}>
        Add a question{' '}<span className="sr-only">to section {section + 1}</span>
      </button>
    </div>
  );
}
