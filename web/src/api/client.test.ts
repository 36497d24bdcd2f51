import { describe, expect, it, vi } from 'vitest';
import { json, mockFetch, problem, route } from '../test/utils';
import { ApiClient } from './client';
import { ApiError } from './errors';
import type { Service } from './types';

/** Awaits a call that must fail and returns its ApiError. */
async function failure(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    return e as ApiError;
  }
  throw new Error('expected the call to fail');
}

const service = { id: 's1', etag: '"etag-1"', name: 'Botox', deleted: false } as unknown as Service;

describe('ApiClient', () => {
  it('sends the bearer token on every /api call', async () => {
    const fetch = mockFetch(route('GET', '/api/services', () => json({ items: [], continuationToken: null })));
    const api = new ApiClient({ getAccessToken: async () => 'abc.def.ghi', fetch });

    await api.list('services');

    expect(fetch.requests[0].headers.get('Authorization')).toBe('Bearer abc.def.ghi');
  });

  it('sends no Authorization header to anonymous endpoints or without a token', async () => {
    const fetch = mockFetch(route('GET', '/api/auth/config', () => json({ authority: 'x' })));
    const api = new ApiClient({ getAccessToken: () => 'tok', fetch });
    await api.get('/api/auth/config', { anonymous: true });
    expect(fetch.requests[0].headers.has('Authorization')).toBe(false);

    const noToken = new ApiClient({ getAccessToken: () => null, fetch });
    await noToken.get('/api/auth/config');
    expect(fetch.requests[1].headers.has('Authorization')).toBe(false);
  });

  it('puts search, archived flag, page size and continuation token in the list query', async () => {
    const fetch = mockFetch(route('GET', '/api/services', () => json({ items: [service], continuationToken: 'next' })));
    const api = new ApiClient({ fetch });

    const page = await api.list('services', { q: ' botox ', includeDeleted: true, pageSize: 50, continuationToken: 'tok 1' });

    const params = fetch.requests[0].url.searchParams;
    expect(params.get('q')).toBe('botox');
    expect(params.get('includeDeleted')).toBe('true');
    expect(params.get('pageSize')).toBe('50');
    expect(params.get('continuationToken')).toBe('tok 1');
    expect(page).toEqual({ items: [service], continuationToken: 'next' });
  });

  it('leaves out empty query values', async () => {
    const fetch = mockFetch(route('GET', '/api/rooms', () => json({ items: [], continuationToken: null })));
    await new ApiClient({ fetch }).list('rooms', { q: '', includeDeleted: false });
    expect(fetch.requests[0].url.search).toBe('');
  });

  it('parses problem+json into an ApiError with camelCase field errors', async () => {
    const fetch = mockFetch(
      route('POST', '/api/services', () =>
        problem(400, {
          type: 'https://medspa.test/problems/validation',
          title: 'One or more fields are invalid',
          detail: 'See errors',
          errors: { Name: ['Name is required.'], 'Price.Amount': ['Must be 0 or more.'], 'openingHours[0].open': ['Bad time'] },
        }),
      ),
    );
    const api = new ApiClient({ fetch });

    const error = await failure(api.create<Service>('services', {} as never));

    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.problem.title).toBe('One or more fields are invalid');
    expect(error.problem.detail).toBe('See errors');
    expect(error.isValidation).toBe(true);
    expect(error.fieldErrors).toEqual({
      name: ['Name is required.'],
      'price.amount': ['Must be 0 or more.'],
      'openingHours[0].open': ['Bad time'],
    });
  });

  it('gives a readable title when the error body is not problem+json', async () => {
    const fetch = mockFetch(() => new Response('upstream exploded', { status: 502, headers: { 'Content-Type': 'text/plain' } }));
    const error = await failure(new ApiClient({ fetch }).get('/api/me'));
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(502);
    expect(error.problem.title).toBe('Request failed (502)');
    expect(error.problem.detail).toBe('upstream exploded');
  });

  it('reports a network failure as status 0', async () => {
    const fetch = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    const error = await failure(new ApiClient({ fetch }).get('/api/me'));
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(0);
    expect(error.problem.title).toBe('Cannot reach the server');
  });

  it('updates with PUT, If-Match: <etag> and the full item', async () => {
    const fetch = mockFetch(route('PUT', '/api/services/s1', (req) => json({ ...(req.body as object), etag: '"etag-2"' })));
    const api = new ApiClient({ fetch });

    const saved = await api.update<Service>('services', { ...service, name: 'Botox Cosmetic' });

    const req = fetch.requests[0];
    expect(req.method).toBe('PUT');
    expect(req.headers.get('If-Match')).toBe('"etag-1"');
    expect(req.headers.get('Content-Type')).toBe('application/json');
    expect(req.body).toEqual({ ...service, name: 'Botox Cosmetic' });
    expect(saved.etag).toBe('"etag-2"');
  });

  it('raises a concurrency conflict on 412', async () => {
    const fetch = mockFetch(route('PUT', '/api/services/s1', () => problem(412, { title: 'Precondition failed' })));
    const error = await failure(new ApiClient({ fetch }).update('services', service));
    expect(error).toBeInstanceOf(ApiError);
    expect(error.isConcurrencyConflict).toBe(true);
  });

  it('takes the etag from the ETag header when the body has none', async () => {
    const fetch = mockFetch(route('GET', '/api/services/s1', () => json({ id: 's1', name: 'Botox' }, { headers: { ETag: '"from-header"' } })));
    const item = await new ApiClient({ fetch }).getItem<Service>('services', 's1');
    expect(item.etag).toBe('"from-header"');
  });

  it('deletes with DELETE (204) and restores with POST /restore', async () => {
    const fetch = mockFetch(
      route('DELETE', '/api/services/s1', () => new Response(null, { status: 204 })),
      route('POST', '/api/services/s1/restore', () => json({ ...service, deleted: false })),
    );
    const api = new ApiClient({ fetch });
    await expect(api.remove('services', 's1')).resolves.toBeUndefined();
    const restored = await api.restore<Service>('services', 's1');
    expect(restored.deleted).toBe(false);
    expect(fetch.requests.map((r) => `${r.method} ${r.url.pathname}`)).toEqual([
      'DELETE /api/services/s1',
      'POST /api/services/s1/restore',
    ]);
  });

  it('tells the app when the API answers 401', async () => {
    const onUnauthorized = vi.fn();
    const fetch = mockFetch(() => problem(401, { title: 'Unauthorized' }));
    await new ApiClient({ fetch, onUnauthorized }).get('/api/me').catch(() => {});
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });
});
