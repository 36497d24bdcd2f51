import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { useState, type ReactNode } from 'react';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, beforeAll, beforeEach, expect, vi, type Mock } from 'vitest';
import { ApiClient } from '../api/client';
import { createQueryClient } from '../api/queries';
import type { Me, Role } from '../api/types';
import { AuthContext, type AuthContextValue } from '../auth/AuthContext';
import { App } from '../App';

export interface RecordedRequest {
  url: URL;
  method: string;
  headers: Headers;
  body: unknown;
}

export type Handler = (req: RecordedRequest) => Response | Promise<Response> | undefined;

export function json(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  return new Response(JSON.stringify(body), {
    status: init.status ?? 200,
    headers: { 'Content-Type': 'application/json', ...(init.headers ?? {}) },
  });
}

export function problem(status: number, body: Record<string, unknown>): Response {
  return new Response(JSON.stringify({ status, ...body }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}

/** A fetch double: routes requests to handlers and records them. Unhandled requests answer 404. */
export function mockFetch(...handlers: Handler[]): Mock<typeof fetch> & { requests: RecordedRequest[] } {
  const requests: RecordedRequest[] = [];
  const fn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const raw = init?.body;
    const req: RecordedRequest = {
      url,
      method: init?.method ?? 'GET',
      headers: new Headers(init?.headers),
      body: typeof raw === 'string' ? JSON.parse(raw) : undefined,
    };
    requests.push(req);
    for (const h of handlers) {
      const r = await h(req);
      if (r) return r;
    }
    return problem(404, { title: 'Not found' });
  }) as unknown as Mock<typeof fetch> & { requests: RecordedRequest[] };
  fn.requests = requests;
  return fn;
}

/** Matches method + path (exact), e.g. route('GET', '/api/services', () => json(...)). */
export function route(method: string, path: string, respond: (req: RecordedRequest) => Response | Promise<Response>): Handler {
  return (req) => (req.method === method && req.url.pathname === path ? respond(req) : undefined);
}

export function meFor(role: Role, overrides: Partial<Me> = {}): Me {
  const names: Record<Role, string> = {
    admin: 'Ada Admin',
    frontdesk: 'Fran Desk',
    practitioner: 'Ivy Injector',
    patient: 'Pat Patient',
  };
  return {
    userId: `user-${role}`,
    email: `${role}@demo.medspa.test`,
    displayName: names[role],
    tenantId: 'demo',
    role,
    ...(role === 'patient' ? { patientId: 'patient-1' } : { staffId: `staff-${role}` }),
    ...overrides,
  };
}

export function fakeAuth(overrides: Partial<AuthContextValue> & { fetch?: typeof fetch } = {}): AuthContextValue {
  const { fetch: fetchImpl, ...rest } = overrides;
  return {
    status: 'signedIn',
    me: meFor('admin'),
    problem: null,
    sessionExpired: false,
    api: new ApiClient({ getAccessToken: () => 'test-token', fetch: fetchImpl ?? mockFetch() }),
    signIn: vi.fn(async () => {}),
    signOut: vi.fn(async () => {}),
    completeSignIn: vi.fn(async () => '/staff'),
    retry: vi.fn(),
    ...rest,
  };
}

/** A fresh query cache for each render (nothing leaks between tests), with no retries so a failure shows at once. */
export function TestQueryProvider({ children }: { children: ReactNode }) {
  const [client] = useState(() => createQueryClient({ retry: false }));
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

export function renderApp(path: string, auth: AuthContextValue, children: ReactNode = <App />) {
  return render(
    <TestQueryProvider>
      <AuthContext.Provider value={auth}>
        <MemoryRouter initialEntries={[path]}>{children}</MemoryRouter>
      </AuthContext.Provider>
    </TestQueryProvider>,
  );
}

/**
 * For a staff page's tests: the lazily loaded staff area imported once up front (so the first test does not spend its
 * wait compiling it), and the clock fixed at <now> for every test.
 */
export function withStaffArea(now: string) {
  beforeAll(async () => {
    await import('../staff/StaffRoutes');
  });
  withClockAt(now);
}

/** The clock fixed at <now> for every test: only Date is faked, so timers (debounces, retries) still run. */
export function withClockAt(now: string) {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(now));
  });
  afterEach(() => vi.useRealTimers());
}

/**
 * Renders <path> signed in as the patient (patient-1). The patient's home reads their appointments and the clinic's
 * locations: when `handlers` do not answer them, there are none.
 */
export function renderAsPatient(path: string, handlers: Handler[]) {
  const fetch = mockFetch(
    ...handlers,
    route('GET', '/api/booking/my-appointments', () => json({ upcoming: [], past: [], cancelled: [] })),
    route('GET', '/api/booking/locations', () => json({ items: [] })),
  );
  renderApp(path, fakeAuth({ me: meFor('patient'), fetch }));
  return fetch;
}

/** Each text (or pattern) shows somewhere in the element: a row's facts read in one line. */
export function expectToShow(element: HTMLElement, ...texts: (string | RegExp)[]) {
  for (const text of texts) expect(element).toHaveTextContent(text);
}
