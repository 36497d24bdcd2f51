import { useQuery } from '@tanstack/react-query';
import type { ApiClient } from '../../api/client';
import { queryKeys } from '../../api/queries';
import type { BaseItem } from '../../api/types';
import { useApi } from '../../auth/AuthContext';

/** Every live item of a resource (reference data is small; the walk is capped so a runaway list cannot hang the page). */
async function loadAll(api: ApiClient, resource: string, signal: AbortSignal): Promise<BaseItem[]> {
  const items: BaseItem[] = [];
  let token: string | null = null;
  for (let i = 0; i < 10; i++) {
    const page: { items: BaseItem[]; continuationToken: string | null } = await api.list<BaseItem>(
      resource,
      { pageSize: 200, continuationToken: token },
      signal,
    );
    items.push(...page.items);
    token = page.continuationToken;
    if (!token) break;
  }
  return items;
}

/**
 * Live (not archived) items of another resource, for selects and name look-ups. Read once and shared by every
 * component that asks, until a write to that resource invalidates `queryKeys.resource(resource)`.
 */
export function useLookup<T extends BaseItem>(resource: string): { items: T[]; loading: boolean; failed: boolean } {
  const api = useApi();
  const query = useQuery({
    queryKey: queryKeys.lookup(resource),
    queryFn: ({ signal }) => loadAll(api, resource, signal),
    staleTime: Infinity,
  });
  return { items: (query.data ?? []) as T[], loading: query.isPending, failed: query.isError };
}
