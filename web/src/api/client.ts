import { ApiError } from './errors';
import { toProblem } from './problem';
import type { BaseItem, Draft, Page } from './types';

export type TokenGetter = () => Promise<string | null | undefined> | string | null | undefined;

export interface ApiClientOptions {
  /** Prefix for every path; '' means same origin (`/api/...`). */
  baseUrl?: string;
  getAccessToken?: TokenGetter;
  /** Called once per 401 answer so the app can ask the person to sign in again. */
  onUnauthorized?: () => void;
  fetch?: typeof fetch;
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  query?: Record<string, string | number | boolean | null | undefined>;
  ifMatch?: string;
  signal?: AbortSignal;
  /** Skip the Authorization header (anonymous endpoints such as /api/auth/config). */
  anonymous?: boolean;
}

export interface ListQuery {
  q?: string;
  includeDeleted?: boolean;
  pageSize?: number;
  continuationToken?: string | null;
}

export function buildQuery(query: RequestOptions['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/**
 * The one way the web app talks to /api: bearer token on every call, JSON in and out,
 * problem+json errors raised as ApiError, If-Match on updates.
 */
export class ApiClient {
  private readonly baseUrl: string;
  private readonly getAccessToken?: TokenGetter;
  private readonly onUnauthorized?: () => void;
  private readonly fetchImpl: typeof fetch;

  constructor(options: ApiClientOptions = {}) {
    this.baseUrl = (options.baseUrl ?? '').replace(/\/$/, '');
    this.getAccessToken = options.getAccessToken;
    this.onUnauthorized = options.onUnauthorized;
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  /** The caller's token (null when signed out): for connections the client does not make itself (live updates). */
  async accessToken(): Promise<string | null> {
    return (await this.getAccessToken?.()) ?? null;
  }

  /** The absolute address of an API path on this client's base. */
  url(path: string): string {
    return this.baseUrl + path;
  }

  async request<T>(path: string, options: RequestOptions = {}): Promise<{ data: T; response: Response }> {
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
    if (!options.anonymous && this.getAccessToken) {
      const token = await this.getAccessToken();
      if (token) headers.Authorization = `Bearer ${token}`;
    }
    // A file (a photo) goes as it is, with its own type; everything else as JSON.
    const file = options.body instanceof Blob ? options.body : null;
    if (options.body !== undefined) headers['Content-Type'] = file ? file.type || 'application/octet-stream' : 'application/json';
    if (options.ifMatch) headers['If-Match'] = options.ifMatch;

    const url = `${this.baseUrl}${path}${buildQuery(options.query)}`;
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        method: options.method ?? 'GET',
        headers,
        body: file ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
        signal: options.signal,
        credentials: 'same-origin',
      });
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') throw e;
      throw new ApiError({
        title: 'Cannot reach the server',
        status: 0,
        detail: 'Check your connection and try again.',
        errors: {},
      });
    }

    const body = await readBody(response);
    if (!response.ok) {
      if (response.status === 401) this.onUnauthorized?.();
      throw new ApiError(toProblem(response.status, body));
    }
    return { data: body as T, response };
  }

  async get<T>(path: string, options: Omit<RequestOptions, 'method' | 'body'> = {}): Promise<T> {
    return (await this.request<T>(path, options)).data;
  }

  /** A call answered by a record kept with If-Match (a form, an appointment, a patient): the answer with its etag. */
  async requestWithEtag<T extends { etag?: string }>(path: string, options: RequestOptions = {}): Promise<T> {
    const { data, response } = await this.request<T>(path, options);
    return withEtag(data, response);
  }

  // ----- resource conventions: /api/<resource>[/{id}] -----

  list<T>(resource: string, query: ListQuery = {}, signal?: AbortSignal): Promise<Page<T>> {
    return this.get<Page<T>>(`/api/${resource}`, {
      query: {
        q: query.q?.trim(),
        includeDeleted: query.includeDeleted ? 'true' : undefined,
        pageSize: query.pageSize,
        continuationToken: query.continuationToken,
      },
      signal,
    }).then((page) => ({ items: page?.items ?? [], continuationToken: page?.continuationToken ?? null }));
  }

  async getItem<T extends BaseItem>(resource: string, id: string, signal?: AbortSignal): Promise<T> {
    const { data, response } = await this.request<T>(`/api/${resource}/${encodeURIComponent(id)}`, { signal });
    return withEtag(data, response);
  }

  async create<T extends BaseItem>(resource: string, draft: Draft<T>): Promise<T> {
    const { data, response } = await this.request<T>(`/api/${resource}`, { method: 'POST', body: draft });
    return withEtag(data, response);
  }

  /** PUT the full item with If-Match: its etag. A 412 answer raises ApiError with isConcurrencyConflict. */
  async update<T extends BaseItem>(resource: string, item: T): Promise<T> {
    if (!item.etag) throw new Error('Cannot update an item without its etag');
    const { data, response } = await this.request<T>(`/api/${resource}/${encodeURIComponent(item.id)}`, {
      method: 'PUT',
      body: item,
      ifMatch: item.etag,
    });
    return withEtag(data, response);
  }

  async remove(resource: string, id: string): Promise<void> {
    await this.request<void>(`/api/${resource}/${encodeURIComponent(id)}`, { method: 'DELETE' });
  }

  async restore<T extends BaseItem>(resource: string, id: string): Promise<T> {
    const { data, response } = await this.request<T>(`/api/${resource}/${encodeURIComponent(id)}/restore`, {
      method: 'POST',
    });
    return withEtag(data, response);
  }
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204 || response.status === 205) return undefined;
  const binary = response.headers.get('Content-Type') ?? '';
  if (binary.startsWith('image/') || binary.startsWith('application/pdf')) return response.blob();
  const text = await response.text().catch(() => '');
  if (!text) return undefined;
  const type = response.headers.get('Content-Type') ?? '';
  if (type.includes('json') || /^[[{]/.test(text.trim())) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

/** The body's etag wins; otherwise take the ETag header. */
export function withEtag<T extends { etag?: string }>(data: T, response: Response): T {
  if (data && typeof data === 'object' && !data.etag) {
    const header = response.headers.get('ETag');
    if (header) return { ...data, etag: header };
  }
  return data;
}
