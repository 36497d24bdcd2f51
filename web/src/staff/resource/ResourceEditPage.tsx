import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useErrorPlacement } from '../../ui/useErrorPlacement';
import { FormProvider, useForm, type FieldErrors as RhfErrors, type FieldValues } from 'react-hook-form';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { isApiError, problemOf } from '../../api/errors';
import { queryKeys } from '../../api/queries';
import type { BaseItem } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { canEdit } from '../../auth/roles';
import { Loading, ProblemAlert, StatusMessage } from '../../ui/Alert';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { schemaResolver } from '../../ui/form';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import type { ResourceDef } from './types';

/** Create (`/new`) or view/edit (`/:id`) one item of a resource. */
export function ResourceEditPage<T extends BaseItem, F extends FieldValues>({ def, isNew }: { def: ResourceDef<T, F>; isNew?: boolean }) {
  const { id = '' } = useParams();
  const { api, me } = useAuth();
  const admin = canEdit(me?.role);
  // Read fresh each time the page opens (nothing kept once it closes) and never behind the person's back while they edit.
  const item = useQuery({
    queryKey: queryKeys.item(def.apiPath, id),
    queryFn: ({ signal }) => api.getItem<T>(def.apiPath, id, signal),
    enabled: !isNew,
    staleTime: Infinity,
    gcTime: 0,
  });
  // Said after a restore, which shows the restored copy.
  const [notice, setNotice] = useState<string | null>(null);

  const name = item.data ? def.displayName(item.data) : '';
  const heading = isNew ? def.newLabel : name || def.singular;
  useDocumentTitle(heading);

  const backLink = (
    <p className="back-link">
      <Link to={def.routePath}>Back to {def.title.toLowerCase()}</Link>
    </p>
  );

  if (isNew && !admin) {
    return (
      <section>
        {backLink}
        <h1>{def.newLabel}</h1>
        <p>Only admins can add {def.title.toLowerCase()}.</p>
      </section>
    );
  }

  if (!isNew && (item.isPending || (item.isFetching && item.isError))) {
    return (
      <section aria-busy="true">
        {backLink}
        <Loading label={`Loading ${def.singular}…`} />
      </section>
    );
  }

  if (!isNew && item.isError) {
    const loadProblem = problemOf(item.error);
    return (
      <section>
        {backLink}
        <h1>{loadProblem.status === 404 ? `This ${def.singular} was not found` : `Could not load this ${def.singular}`}</h1>
        <ProblemAlert problem={loadProblem}>
          {loadProblem.status !== 404 && (
            <button type="button" className="btn" onClick={() => void item.refetch()}>
              Try again
            </button>
          )}
        </ProblemAlert>
      </section>
    );
  }

  return (
    <ResourceForm
      // A fresh copy (reloaded after a conflict, or restored) starts the form again from it.
      key={item.dataUpdatedAt}
      def={def}
      item={isNew ? null : (item.data ?? null)}
      heading={heading}
      backLink={backLink}
      admin={admin}
      notice={notice}
      setNotice={setNotice}
      reload={() => void item.refetch()}
    />
  );
}

function ResourceForm<T extends BaseItem, F extends FieldValues>(props: {
  def: ResourceDef<T, F>;
  item: T | null;
  heading: string;
  backLink: React.ReactNode;
  admin: boolean;
  notice: string | null;
  setNotice: (notice: string | null) => void;
  reload: () => void;
}) {
  const { def, item, heading, admin, setNotice } = props;
  const isNew = !item;
  const { api } = useAuth();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useForm<F>({
    defaultValues: (item ? def.toForm(item) : def.emptyForm()) as never,
    resolver: schemaResolver(def.schema),
    // Errors stay as the last save left them until the next save (they are the server's words as often as ours).
    mode: 'onSubmit',
    reValidateMode: 'onSubmit',
    shouldFocusError: false,
  });
  const { formRef, alertRef, problem, setProblem, unmatched, showRefusal, showInvalid, clearProblem, focusAlert } = useErrorPlacement();
  const [conflict, setConflict] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const name = item ? def.displayName(item) : '';

  /** A write the server refused: a stale copy offers a reload; anything else says why, next to the fields it names. */
  function refused(err: unknown) {
    if (isApiError(err) && err.isConcurrencyConflict) {
      setConflict(true);
      setProblem(null);
      focusAlert();
      return;
    }
    showRefusal(err, form.setError);
  }

  // After a write, the resource's lists and lookups read again (this page's own copy is replaced or left behind).
  const forget = () =>
    queryClient.invalidateQueries({ queryKey: queryKeys.resource(def.apiPath), predicate: (q) => q.queryKey[2] !== 'item' });

  const save = useMutation({
    mutationFn: (values: F) => {
      const draft = def.toDraft(values);
      return isNew ? api.create<T>(def.apiPath, draft) : api.update<T>(def.apiPath, { ...(item as T), ...draft });
    },
    onSuccess: (saved, values) => {
      void forget();
      const savedName = def.displayName(saved) || def.displayName({ ...(item as T), ...def.toDraft(values) } as T);
      navigate(def.routePath, { state: { flash: `Saved “${savedName}”.` } });
    },
    onError: refused,
  });

  const remove = useMutation({
    mutationFn: () => api.remove(def.apiPath, (item as T).id),
    onSuccess: () => {
      void forget();
      navigate(def.routePath, { state: { flash: `Deleted “${name}”. Tick “Show archived” to see or restore it.` } });
    },
    onError: (err) => {
      setConfirmingDelete(false);
      if (isApiError(err) && err.isConcurrencyConflict) setConflict(true);
      else setProblem(problemOf(err));
      focusAlert();
    },
  });

  const restore = useMutation({
    mutationFn: () => api.restore<T>(def.apiPath, (item as T).id),
    onSuccess: (restored) => {
      const next = { ...(item as T), ...restored, deleted: false } as T;
      void forget();
      setNotice(`Restored “${def.displayName(next)}”.`);
      queryClient.setQueryData(queryKeys.item(def.apiPath, next.id), next);
    },
    onError: (err) => {
      setProblem(problemOf(err));
      focusAlert();
    },
  });

  const saving = save.isPending || remove.isPending || restore.isPending || save.isSuccess || remove.isSuccess;

  function onValid(values: F) {
    if (saving) return;
    setNotice(null);
    clearProblem();
    save.mutate(values);
  }

  function onInvalid(errors: RhfErrors<F>) {
    setNotice(null);
    showInvalid(errors, `this ${def.singular}`);
  }

  const archived = !!item?.deleted;
  const readOnly = !admin || archived;

  return (
    <section className="resource-form">
      {/* While the confirmation is open the page behind it is inert and hidden from assistive tech. */}
      <div aria-hidden={confirmingDelete || undefined} inert={confirmingDelete || undefined}>
        {props.backLink}
        <div className="page-header">
          <h1>
            {heading} {archived && <span className="badge">Archived</span>}
          </h1>
        </div>

        {props.notice && <StatusMessage>{props.notice}</StatusMessage>}
        {!admin && <p className="notice">You can view this {def.singular}. Only admins can change it.</p>}
        {archived && admin && (
          <div className="notice">
            <p>This {def.singular} is archived. Restore it to make changes.</p>
            <button type="button" className="btn btn--primary" onClick={() => restore.mutate()} disabled={saving}>
              Restore
            </button>
          </div>
        )}

        {conflict && (
          <div className="alert alert--error" role="alert" ref={alertRef} tabIndex={-1}>
            <p className="alert__title">Someone else changed this {def.singular}</p>
            <p>
              Your changes were not saved because this {def.singular} was changed after you opened it. Reload to see the
              latest version, then make your changes again.
            </p>
            <button type="button" className="btn" onClick={props.reload}>
              Reload
            </button>
          </div>
        )}
        {problem && !conflict && <ProblemAlert problem={problem} unmatched={unmatched} ref={alertRef} />}

        <FormProvider {...form}>
          <form ref={formRef} noValidate onSubmit={(e) => void form.handleSubmit(onValid, onInvalid)(e)} aria-label={heading} aria-busy={saving || undefined}>
            <fieldset className="plain" disabled={readOnly || saving}>
              <def.Fields readOnly={readOnly} />
            </fieldset>

            {!readOnly && (
              <div className="actions actions--form">
                <button type="submit" className="btn btn--primary" disabled={saving}>
                  Save
                </button>
                <button type="button" className="btn" onClick={() => navigate(def.routePath)} disabled={saving}>
                  Cancel
                </button>
                {!isNew && (
                  <button type="button" className="btn btn--danger actions__end" onClick={() => setConfirmingDelete(true)} disabled={saving}>
                    Delete
                  </button>
                )}
              </div>
            )}
            {saving && <Loading label="Saving…" />}
          </form>
        </FormProvider>
      </div>

      {confirmingDelete && (
        <ConfirmDialog
          title={`Delete this ${def.singular}?`}
          confirmLabel="Delete"
          cancelLabel="Cancel"
          danger
          busy={saving}
          onConfirm={() => remove.mutate()}
          onCancel={() => setConfirmingDelete(false)}
        >
          <p>“{name}” will be archived and hidden from lists. You can restore it later by ticking “Show archived”.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
