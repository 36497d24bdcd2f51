import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { ApiError } from './errors';
import { queryKeys, retryTransient } from './queries';

describe('query keys', () => {
  it('put a resource’s lists, items and lookups under one prefix, so one write invalidates them all', async () => {
    const client = new QueryClient();
    client.setQueryData(queryKeys.lookup('services'), []);
    client.setQueryData(queryKeys.list('services', { q: '', includeDeleted: false }), []);
    client.setQueryData(queryKeys.item('services', 's1'), {});
    client.setQueryData(queryKeys.lookup('rooms'), []);
    await client.invalidateQueries({ queryKey: queryKeys.resource('services') });
    const stale = client
      .getQueryCache()
      .findAll()
      .filter((q) => q.isStale())
      .map((q) => q.queryKey[1]);
    expect(stale).toEqual(['services', 'services', 'services']);
  });

  it('put every availability query under one prefix', () => {
    const q = { serviceId: 's', locationId: 'l', from: '2026-11-23', to: '2026-12-06' };
    expect(queryKeys.booking.availabilityFor(q).slice(0, 2)).toEqual([...queryKeys.booking.availability]);
  });
});

describe('retryTransient', () => {
  const failure = (status: number) => new ApiError({ title: 'x', status });
  it('tries a read once more only when the network or the server failed', () => {
    expect(retryTransient(0, failure(0))).toBe(true);
    expect(retryTransient(0, failure(503))).toBe(true);
    expect(retryTransient(0, new TypeError('x'))).toBe(true);
    expect(retryTransient(0, failure(404))).toBe(false);
    expect(retryTransient(0, failure(412))).toBe(false);
    expect(retryTransient(1, failure(503))).toBe(false);
  });
});
