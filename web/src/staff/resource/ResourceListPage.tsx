import { useEffect, useId, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { problemOf } from '../../api/errors';
import type { ProblemDetails } from '../../api/problem';
import type { BaseItem } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { canEdit } from '../../auth/roles';
import { Loading, ProblemAlert, StatusMessage } from '../../ui/Alert';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import type { ResourceDef } from './types';
import { invalidateLookup } from './useLookup';

export const PAGE_SIZE = 50;
export const SEARCH_DEBOUNCE_MS = 300;

interface ListState<T> {
  status: 'loading' | 'ready' | 'error';
  items: T[];
  continuationToken: string | null;
  problem: ProblemDetails | null;
  loadingMore: boolean;
}

export function ResourceListPage<T extends BaseItem, F>({ def }: { def: ResourceDef<T, F> }) {
  const { api, me } = useAuth();
  const editable = canEdit(me?.role);
  const navigate = useNavigate();
  const location = useLocation();
  const searchId = useId();
  const archivedId = useId();
  useDocumentTitle(def.title);

  const [flash, setFlash] = useState<string | null>((location.state as { flash?: string } | null)?.flash ?? null);
  const [query, setQuery] = useState('');
  const [appliedQuery, setAppliedQuery] = useState('');
  const [showArchived, setShowArchived] = useState(false);
  const [reloadKey, setReloadKey] = useState(0);
  const [restoreProblem, setRestoreProblem] = useState<ProblemDetails | null>(null);
  const [state, setState] = useState<ListState<T>>({
    status: 'loading',
    items: [],
    continuationToken: null,
    problem: null,
    loadingMore: false,
  });

  // Clear the one-time flash from history so a reload does not repeat it.
  useEffect(() => {
    if ((location.state as { flash?: string } | null)?.flash) navigate('.', { replace: true, state: null });
  }, [location.state, navigate]);

  useEffect(() => {
    const t = setTimeout(() => setAppliedQuery(query.trim()), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [query]);

  useEffect(() => {
    const controller = new AbortController();
    setState((s) => ({ ...s, status: 'loading', problem: null }));
    api
      .list<T>(def.apiPath, { q: appliedQuery, includeDeleted: showArchived, pageSize: PAGE_SIZE }, controller.signal)
      .then(
        (page) =>
          setState({
            status: 'ready',
            items: page.items,
            continuationToken: page.continuationToken,
            problem: null,
            loadingMore: false,
          }),
        (e) => {
          if (controller.signal.aborted) return;
          setState({ status: 'error', items: [], continuationToken: null, problem: problemOf(e), loadingMore: false });
        },
      );
    return () => controller.abort();
  }, [api, def.apiPath, appliedQuery, showArchived, reloadKey]);

  async function loadMore() {
    if (!state.continuationToken) return;
    setState((s) => ({ ...s, loadingMore: true }));
    try {
      const page = await api.list<T>(def.apiPath, {
        q: appliedQuery,
        includeDeleted: showArchived,
        pageSize: PAGE_SIZE,
        continuationToken: state.continuationToken,
      });
      setState((s) => ({
        ...s,
        items: [...s.items, ...page.items],
        continuationToken: page.continuationToken,
        loadingMore: false,
      }));
    } catch (e) {
      setState((s) => ({ ...s, loadingMore: false, problem: problemOf(e) }));
    }
  }

  async function restore(item: T) {
    setRestoreProblem(null);
    try {
      const restored = await api.restore<T>(def.apiPath, item.id);
      invalidateLookup(api, def.apiPath);
      setState((s) => ({ ...s, items: s.items.map((i) => (i.id === item.id ? { ...i, ...restored, deleted: false } : i)) }));
      setFlash(`Restored “${def.displayName(item)}”.`);
    } catch (e) {
      setRestoreProblem(problemOf(e));
    }
  }

  function onSearch(e: FormEvent) {
    e.preventDefault();
    setAppliedQuery(query.trim());
  }

  const loading = state.status === 'loading';
  const isEmpty = state.status === 'ready' && state.items.length === 0;
  const emptyBecauseNothingExists = isEmpty && !appliedQuery;
  const createButton = editable && (
    <button type="button" className="btn btn--primary" onClick={() => navigate(`${def.routePath}/new`)}>
      {def.newLabel}
    </button>
  );

  return (
    <section className="resource-list" aria-labelledby={`${searchId}-h`}>
      <div className="page-header">
        <h1 id={`${searchId}-h`}>{def.title}</h1>
        {!emptyBecauseNothingExists && createButton}
      </div>

      {flash && <StatusMessage>{flash}</StatusMessage>}
      {restoreProblem && <ProblemAlert problem={restoreProblem} />}

      <div className="toolbar">
        <form role="search" onSubmit={onSearch} className="search">
          <label htmlFor={searchId}>Search {def.title.toLowerCase()}</label>
          <div className="search__row">
            <input id={searchId} type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
            <button type="submit" className="btn">
              Search
            </button>
          </div>
        </form>
        <div className="field field--check">
          <input
            id={archivedId}
            type="checkbox"
            checked={showArchived}
            onChange={(e) => setShowArchived(e.target.checked)}
          />
          <label htmlFor={archivedId}>Show archived</label>
        </div>
      </div>

      <div className="list-region" aria-busy={loading || state.loadingMore}>
        {loading && <Loading label={`Loading ${def.title.toLowerCase()}…`} />}

        {state.status === 'error' && state.problem && (
          <ProblemAlert problem={state.problem}>
            <button type="button" className="btn" onClick={() => setReloadKey((k) => k + 1)}>
              Try again
            </button>
          </ProblemAlert>
        )}

        {emptyBecauseNothingExists && (
          <div className="empty-state">
            <p className="empty-state__title">{def.emptyText}</p>
            {createButton}
          </div>
        )}
        {isEmpty && appliedQuery && (
          <div className="empty-state">
            <p className="empty-state__title">
              No {def.title.toLowerCase()} match “{appliedQuery}”.
            </p>
          </div>
        )}

        {state.status === 'ready' && state.items.length > 0 && (
          <div className="table-wrap" tabIndex={0} role="region" aria-label={`${def.title} table`}>
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  {def.columns.map((c) => (
                    <th scope="col" key={c.header}>
                      {c.header}
                    </th>
                  ))}
                  {showArchived && <th scope="col">Status</th>}
                  {showArchived && editable && (
                    <th scope="col">
                      <span className="sr-only">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {state.items.map((item) => (
                  <tr key={item.id} className={item.deleted ? 'is-archived' : undefined}>
                    <th scope="row">
                      <Link to={`${def.routePath}/${encodeURIComponent(item.id)}`}>{def.displayName(item) || '(no name)'}</Link>
                    </th>
                    {def.columns.map((c) => (
                      <td key={c.header}>{c.cell(item)}</td>
                    ))}
                    {showArchived && <td>{item.deleted ? <span className="badge">Archived</span> : 'Active'}</td>}
                    {showArchived && editable && (
                      <td>
                        {item.deleted && (
                          <button
                            type="button"
                            className="btn btn--small"
                            aria-label={`Restore ${def.displayName(item)}`}
                            onClick={() => void restore(item)}
                          >
                            Restore
                          </button>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}

        {state.status === 'ready' && state.continuationToken && (
          <button type="button" className="btn load-more" onClick={() => void loadMore()} disabled={state.loadingMore}>
            {state.loadingMore ? 'Loading more…' : 'Load more'}
          </button>
        )}
        {state.status === 'ready' && state.problem && <ProblemAlert problem={state.problem} />}
      </div>
    </section>
  );
}
