import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { isApiError, problemOf } from '../../api/errors';
import type { FieldErrors, ProblemDetails } from '../../api/problem';
import type { BaseItem } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { canEdit } from '../../auth/roles';
import { Loading, ProblemAlert, StatusMessage } from '../../ui/Alert';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { FormErrorsContext } from '../../ui/Field';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import type { ResourceDef } from './types';
import { invalidateLookup } from './useLookup';

type LoadState = 'loading' | 'ready' | 'error';

/** Create (`/new`) or view/edit (`/:id`) one item of a resource. */
export function ResourceEditPage<T extends BaseItem, F>({ def, isNew }: { def: ResourceDef<T, F>; isNew?: boolean }) {
  const { id = '' } = useParams();
  const { api, me } = useAuth();
  const navigate = useNavigate();
  const admin = canEdit(me?.role);

  const [loadState, setLoadState] = useState<LoadState>(isNew ? 'ready' : 'loading');
  const [loadProblem, setLoadProblem] = useState<ProblemDetails | null>(null);
  const [item, setItem] = useState<T | null>(null);
  const [form, setForm] = useState<F>(() => def.emptyForm());
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<ProblemDetails | null>(null);
  const [unmatched, setUnmatched] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  const [saving, setSaving] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  const name = item ? def.displayName(item) : '';
  const heading = isNew ? def.newLabel : name || def.singular;
  useDocumentTitle(heading);

  const load = useCallback(
    async (signal?: AbortSignal) => {
      setLoadState('loading');
      setLoadProblem(null);
      try {
        const loaded = await api.getItem<T>(def.apiPath, id, signal);
        setItem(loaded);
        setForm(def.toForm(loaded));
        setErrors({});
        setProblem(null);
        setConflict(false);
        setLoadState('ready');
      } catch (e) {
        if (signal?.aborted) return;
        setLoadProblem(problemOf(e));
        setLoadState('error');
      }
    },
    [api, def, id],
  );

  useEffect(() => {
    if (isNew) return;
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [isNew, load]);

  // Field errors with no input on screen still need to be seen: list them in the alert.
  useEffect(() => {
    const root = formRef.current;
    if (!root) return setUnmatched([]);
    const shown = new Set<string>();
    root.querySelectorAll<HTMLElement>('[data-field]').forEach((el) => {
      for (const n of (el.dataset.field ?? '').split(' ')) shown.add(n);
    });
    setUnmatched(Object.keys(errors).filter((k) => !shown.has(k)));
  }, [errors]);

  // After a failed save, move focus to the first field in error, else to the alert.
  useEffect(() => {
    if (!focusRequest) return;
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (invalid) invalid.focus();
    else alertRef.current?.focus();
  }, [focusRequest]);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (saving) return;
    setNotice(null);
    const clientErrors = def.validate(form);
    if (Object.keys(clientErrors).length > 0) {
      setErrors(clientErrors);
      setProblem({
        title: 'Check the form',
        status: 400,
        detail: `${Object.keys(clientErrors).length === 1 ? 'One field needs' : `${Object.keys(clientErrors).length} fields need`} attention before this ${def.singular} can be saved.`,
      });
      setFocusRequest((n) => n + 1);
      return;
    }
    setSaving(true);
    setErrors({});
    setProblem(null);
    try {
      const draft = def.toDraft(form);
      const saved = isNew
        ? await api.create<T>(def.apiPath, draft)
        : await api.update<T>(def.apiPath, { ...(item as T), ...draft });
      invalidateLookup(api, def.apiPath);
      navigate(def.routePath, { state: { flash: `Saved “${def.displayName(saved) || def.displayName({ ...(item as T), ...draft } as T)}”.` } });
    } catch (err) {
      setSaving(false);
      if (isApiError(err) && err.isConcurrencyConflict) {
        setConflict(true);
        setProblem(null);
      } else {
        setErrors(isApiError(err) ? err.fieldErrors : {});
        setProblem(problemOf(err));
      }
      setFocusRequest((n) => n + 1);
    }
  }

  async function onDelete() {
    if (!item) return;
    setSaving(true);
    try {
      await api.remove(def.apiPath, item.id);
      invalidateLookup(api, def.apiPath);
      navigate(def.routePath, { state: { flash: `Deleted “${name}”. Tick “Show archived” to see or restore it.` } });
    } catch (err) {
      setSaving(false);
      setConfirmingDelete(false);
      if (isApiError(err) && err.isConcurrencyConflict) setConflict(true);
      else setProblem(problemOf(err));
      setFocusRequest((n) => n + 1);
    }
  }

  async function onRestore() {
    if (!item) return;
    setSaving(true);
    setProblem(null);
    try {
      const restored = await api.restore<T>(def.apiPath, item.id);
      invalidateLookup(api, def.apiPath);
      const next = { ...item, ...restored, deleted: false } as T;
      setItem(next);
      setForm(def.toForm(next));
      setNotice(`Restored “${def.displayName(next)}”.`);
    } catch (err) {
      setProblem(problemOf(err));
      setFocusRequest((n) => n + 1);
    } finally {
      setSaving(false);
    }
  }

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

  if (loadState === 'loading') {
    return (
      <section aria-busy="true">
        {backLink}
        <Loading label={`Loading ${def.singular}…`} />
      </section>
    );
  }

  if (loadState === 'error' && loadProblem) {
    return (
      <section>
        {backLink}
        <h1>{loadProblem.status === 404 ? `This ${def.singular} was not found` : `Could not load this ${def.singular}`}</h1>
        <ProblemAlert problem={loadProblem}>
          {loadProblem.status !== 404 && (
            <button type="button" className="btn" onClick={() => void load()}>
              Try again
            </button>
          )}
        </ProblemAlert>
      </section>
    );
  }

  const archived = !!item?.deleted;
  const readOnly = !admin || archived;

  return (
    <section className="resource-form">
      {/* While the confirmation is open the page behind it is inert and hidden from assistive tech. */}
      <div aria-hidden={confirmingDelete || undefined} inert={confirmingDelete || undefined}>
      {backLink}
      <div className="page-header">
        <h1>
          {heading} {archived && <span className="badge">Archived</span>}
        </h1>
      </div>

      {notice && <StatusMessage>{notice}</StatusMessage>}
      {!admin && (
        <p className="notice">
          You can view this {def.singular}. Only admins can change it.
        </p>
      )}
      {archived && admin && (
        <div className="notice">
          <p>This {def.singular} is archived. Restore it to make changes.</p>
          <button type="button" className="btn btn--primary" onClick={() => void onRestore()} disabled={saving}>
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
          <button type="button" className="btn" onClick={() => void load()}>
            Reload
          </button>
        </div>
      )}
      {problem && !conflict && (
        <ProblemAlert problem={problem} ref={alertRef}>
          {unmatched.length > 0 && (
            <ul>
              {unmatched.map((k) => (
                <li key={k}>
                  {k}: {errors[k].join(' ')}
                </li>
              ))}
            </ul>
          )}
        </ProblemAlert>
      )}

      <form ref={formRef} noValidate onSubmit={onSubmit} aria-label={heading} aria-busy={saving || undefined}>
        <FormErrorsContext.Provider value={errors}>
          <fieldset className="plain" disabled={readOnly || saving}>
            <def.Fields value={form} onChange={setForm} readOnly={readOnly} />
          </fieldset>
        </FormErrorsContext.Provider>

        {!readOnly && (
          <div className="actions actions--form">
            <button type="submit" className="btn btn--primary" disabled={saving}>
              Save
            </button>
            <button type="button" className="btn" onClick={() => navigate(def.routePath)} disabled={saving}>
              Cancel
            </button>
            {!isNew && item && (
              <button
                type="button"
                className="btn btn--danger actions__end"
                onClick={() => setConfirmingDelete(true)}
                disabled={saving}
              >
                Delete
              </button>
            )}
          </div>
        )}
        {saving && <Loading label="Saving…" />}
      </form>
      </div>

      {confirmingDelete && (
        <ConfirmDialog
          title={`Delete this ${def.singular}?`}
          confirmLabel="Delete"
          cancelLabel="Cancel"
          danger
          busy={saving}
          onConfirm={() => void onDelete()}
          onCancel={() => setConfirmingDelete(false)}
        >
          <p>
            “{name}” will be archived and hidden from lists. You can restore it later by ticking “Show archived”.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
