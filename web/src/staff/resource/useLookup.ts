import { useEffect, useState } from 'react';
import type { ApiClient } from '../../api/client';
import { useApi } from '../../auth/AuthContext';
import type { BaseItem } from '../../api/types';

const caches = new WeakMap<ApiClient, Map<string, Promise<BaseItem[]>>>();

function load(api: ApiClient, resource: string): Promise<BaseItem[]> {
  let cache = caches.get(api);
  if (!cache) caches.set(api, (cache = new Map()));
  let p = cache.get(resource);
  if (!p) {
    p = (async () => {
      const items: BaseItem[] = [];
      let token: string | null = null;
      // Reference data is small; cap the walk so a runaway list cannot hang the page.
      for (let i = 0; i < 10; i++) {
        const page: { items: BaseItem[]; continuationToken: string | null } = await api.list<BaseItem>(resource, {
          pageSize: 200,
          continuationToken: token,
        });
        items.push(...page.items);
        token = page.continuationToken;
        if (!token) break;
      }
      return items;
    })();
    const current = p;
    p.catch(() => {
      if (cache.get(resource) === current) cache.delete(resource);
    });
    cache.set(resource, p);
  }
  return p;
}

/** Forget a cached lookup after that resource changed. */
export function invalidateLookup(api: ApiClient, resource: string) {
  caches.get(api)?.delete(resource);
}

/** Live (not archived) items of another resource, for selects and name look-ups. Shared per page load. */
export function useLookup<T extends BaseItem>(resource: string): { items: T[]; loading: boolean; failed: boolean } {
  const api = useApi();
  const [state, setState] = useState<{ items: T[]; loading: boolean; failed: boolean }>({
    items: [],
    loading: true,
    failed: false,
  });
  useEffect(() => {
    let alive = true;
    load(api, resource).then(
      (items) => alive && setState({ items: items as T[], loading: false, failed: false }),
      () => alive && setState({ items: [], loading: false, failed: true }),
    );
    return () => {
      alive = false;
    };
  }, [api, resource]);
  return state;
}

/** Shows the name of a referenced item (a room's location, say). */
export function useNameOf(resource: string, nameOf: (item: BaseItem & Record<string, unknown>) => string) {
  const { items } = useLookup<BaseItem & Record<string, unknown>>(resource);
  return (id: string | undefined) => {
    if (!id) return '';
    const found = items.find((i) => i.id === id);
    return found ? nameOf(found) : id;
  };
}
