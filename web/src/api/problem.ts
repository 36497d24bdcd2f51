/** RFC 9457 problem details, as every /api error body is shaped. */
export interface ProblemDetails {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: Record<string, string[]>;
  /** The problem's other members (RFC 9457 extensions), as sent: e.g. `missingForms` on a refused completion. */
  extensions?: Record<string, unknown>;
}

const STANDARD_MEMBERS = new Set(['type', 'title', 'status', 'detail', 'instance', 'errors']);

/** Field errors keyed by camelCase paths: `name`, `address.city`, `openingHours[0].open`. */
export type FieldErrors = Record<string, string[]>;

/**
 * Normalises a server field path to the camelCase form the UI uses.
 * Accepts `Address.City`, `$.address.city`, `OpeningHours[0].Open` and `address/city`.
 */
export function normalizeFieldPath(path: string): string {
  let p = path.trim();
  if (p.startsWith('$.')) p = p.slice(2);
  else if (p.startsWith('$')) p = p.slice(1);
  if (p.startsWith('/')) p = p.slice(1);
  p = p.replace(/\//g, '.');
  return p
    .split('.')
    .filter((s) => s.length > 0)
    .map((segment) => segment.charAt(0).toLowerCase() + segment.slice(1))
    .join('.');
}

export function normalizeFieldErrors(errors: unknown): FieldErrors {
  const out: FieldErrors = {};
  if (!errors || typeof errors !== 'object' || Array.isArray(errors)) return out;
  for (const [key, value] of Object.entries(errors as Record<string, unknown>)) {
    const messages = Array.isArray(value)
      ? value.filter((m): m is string => typeof m === 'string')
      : typeof value === 'string'
        ? [value]
        : [];
    if (messages.length === 0) continue;
    const k = normalizeFieldPath(key);
    out[k] = [...(out[k] ?? []), ...messages];
  }
  return out;
}

const defaultTitles: Record<number, string> = {
  400: 'The request was not valid',
  401: 'Your session has expired',
  403: 'You are not allowed to do that',
  404: 'Not found',
  409: 'That conflicts with existing data',
  412: 'Someone else changed this item',
  422: 'The request was not valid',
  429: 'Too many requests',
  500: 'The server had a problem',
  503: 'The service is unavailable',
};

export function defaultTitle(status: number): string {
  return defaultTitles[status] ?? `Request failed (${status})`;
}

/** Builds ProblemDetails from any response body (problem+json, plain JSON, or nothing). */
export function toProblem(status: number, body: unknown): ProblemDetails {
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const b = body as Record<string, unknown>;
    return {
      type: typeof b.type === 'string' ? b.type : undefined,
      title: typeof b.title === 'string' && b.title ? b.title : defaultTitle(status),
      status: typeof b.status === 'number' ? b.status : status,
      detail: typeof b.detail === 'string' ? b.detail : undefined,
      instance: typeof b.instance === 'string' ? b.instance : undefined,
      errors: normalizeFieldErrors(b.errors),
      ...extensionsOf(b),
    };
  }
  return {
    title: defaultTitle(status),
    status,
    detail: typeof body === 'string' && body.trim() ? body.trim().slice(0, 500) : undefined,
    errors: {},
  };
}

function extensionsOf(body: Record<string, unknown>): { extensions?: Record<string, unknown> } {
  const rest = Object.entries(body).filter(([k]) => !STANDARD_MEMBERS.has(k));
  return rest.length ? { extensions: Object.fromEntries(rest) } : {};
}
