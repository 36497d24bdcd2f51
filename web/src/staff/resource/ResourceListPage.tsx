import { useInfiniteQuery, useMutation, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { FieldValues } from 'react-hook-form';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { problemOf } from '../../api/errors';
import { queryKeys } from '../../api/queries';
import type { BaseItem, Page } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { canEdit } from '../../auth/roles';
import { Loading, LoadProblem, ProblemAlert, StatusMessage } from '../../ui/Alert';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import type { ResourceDef } from './types';
import { ScrollTable } from '../../ui/ScrollTable';
import { EmptyState } from '../../ui/EmptyState';

export const PAGE_SIZE = 50;
export const SEARCH_DEBOUNCE_MS = 300;

export function ResourceListPage<T extends BaseItem, F extends FieldValues>({ def }: { def: ResourceDef<T, F> }) {
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
  const queryClient = useQueryClient();

  // Clear the one-time flash from history so a reload does not repeat it.
  useEffect(() => {
    if ((location.state as { flash?: string } | null)?.flash) navigate('.', { replace: true, state: null });
  }, [location.state, navigate]);

  useEffect(() => {
    const t = setTimeout(() => setAppliedQuery(query.trim()), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [query]);

  // Pages of PAGE_SIZE items; "Load more" asks for the next one with the last page's continuation token.
  const listKey = queryKeys.list(def.apiPath, { q: appliedQuery, includeDeleted: showArchived });
  const list = useInfiniteQuery({
    queryKey: listKey,
    queryFn: ({ pageParam, signal }) =>
      api.list<T>(def.apiPath, { q: appliedQuery, includeDeleted: showArchived, pageSize: PAGE_SIZE, continuationToken: pageParam }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.continuationToken,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  const restore = useMutation({
    mutationFn: (item: T) => api.restore<T>(def.apiPath, item.id),
    onSuccess: (restored, item) => {
      // The row changes where it stands; lookups read it again (an item's page always reads afresh).
      queryClient.setQueryData<InfiniteData<Page<T>>>(listKey, (data) =>
        data && {
          ...data,
          pages: data.pages.map((p) => ({ ...p, items: p.items.map((i) => (i.id === item.id ? { ...i, ...restored, deleted: false } : i)) })),
        },
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.lookup(def.apiPath) });
      setFlash(`Restored “${def.displayName(item)}”.`);
    },
  });

  function onSearch(e: FormEvent) {
    e.preventDefault();
    setAppliedQuery(query.trim());
  }

  const loading = list.isPending;
  const ready = list.isSuccess || (list.isError && !!list.data);
  const isEmpty = list.isSuccess && items.length === 0;
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
      {restore.isError && <ProblemAlert problem={problemOf(restore.error)} />}

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

      <div className="list-region" aria-busy={loading || list.isFetchingNextPage}>
        {loading && <Loading label={`Loading ${def.title.toLowerCase()}…`} />}

        {list.isError && !list.data && <LoadProblem error={list.error} retry={() => void list.refetch()} />}

        {emptyBecauseNothingExists && (
          <EmptyState title={def.emptyText}>
            {createButton}
          </EmptyState>
        )}
        {isEmpty && appliedQuery && (
          <EmptyState title={`No ${def.title.toLowerCase()} match “${appliedQuery}”.`} />
        )}

        {ready && items.length > 0 && (
          <ScrollTable label={`${def.title} table`} columns={['Name', ...def.columns.map((c) => c.header), showArchived && 'Status', showArchived && editable && <span className="sr-only">Actions</span>]}>
            {items.map((item) => (
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
                        onClick={() => restore.mutate(item)}
                      >
                        Restore
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </ScrollTable>
        )}

        {ready && list.hasNextPage && (
          <button type="button" className="btn load-more" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
            {list.isFetchingNextPage ? 'Loading more…' : 'Load more'}
          </button>
        )}
        {list.isFetchNextPageError && <ProblemAlert problem={problemOf(list.error)} />}
      </div>
    </section>
  );
}
