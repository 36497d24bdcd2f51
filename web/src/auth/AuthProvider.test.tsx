import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../App';
import { TestQueryProvider, json, meFor, mockFetch, problem, route } from '../test/utils';
import { AuthProvider } from './AuthProvider';

const AUTHORITY = 'http://127.0.0.1:7072';
const config = route('GET', '/api/auth/config', () =>
  json({ authority: AUTHORITY, clientId: 'medspa-web', scopes: 'openid profile email api', mode: 'local' }),
);
const discovery = (req: { url: URL }) =>
  req.url.href === `${AUTHORITY}/.well-known/openid-configuration`
    ? json({
        issuer: AUTHORITY,
        authorization_endpoint: `${AUTHORITY}/auth`,
        token_endpoint: `${AUTHORITY}/token`,
        end_session_endpoint: `${AUTHORITY}/session/end`,
        jwks_uri: `${AUTHORITY}/jwks`,
      })
    : undefined;

function storeUser(accessToken: string, expiresInSeconds = 3600) {
  sessionStorage.setItem(
    `oidc.user:${AUTHORITY}:medspa-web`,
    JSON.stringify({
      access_token: accessToken,
      token_type: 'Bearer',
      scope: 'openid profile email api',
      profile: { sub: 'u1' },
      expires_at: Math.floor(Date.now() / 1000) + expiresInSeconds,
    }),
  );
}

function renderAt(path: string) {
  return render(
    <TestQueryProvider>
      <MemoryRouter initialEntries={[path]}>
        <AuthProvider>
          <App />
        </AuthProvider>
      </MemoryRouter>
    </TestQueryProvider>,
  );
}

afterEach(() => vi.unstubAllGlobals());

describe('AuthProvider', () => {
  it('loads the config anonymously and offers Sign in when nobody is signed in', async () => {
    const fetch = mockFetch(config);
    vi.stubGlobal('fetch', fetch);
    renderAt('/');
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeInTheDocument();
    await waitFor(() => expect(fetch.requests.some((r) => r.url.pathname === '/api/auth/config')).toBe(true));
    expect(fetch.requests[0].headers.has('Authorization')).toBe(false);
    expect(fetch.requests.some((r) => r.url.pathname === '/api/me')).toBe(false);
  });

  it('signs in with authorization code + PKCE to /auth/callback', async () => {
    const fetch = mockFetch(config, discovery);
    vi.stubGlobal('fetch', fetch);
    const assign = vi.fn();
    const original = window.location;
    vi.stubGlobal('location', { ...original, assign, origin: 'http://localhost', href: 'http://localhost/', pathname: '/' });
    try {
      renderAt('/');
      await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
      await waitFor(() => expect(assign).toHaveBeenCalled());
      const url = new URL(assign.mock.calls[0][0]);
      expect(url.origin + url.pathname).toBe(`${AUTHORITY}/auth`);
      expect(url.searchParams.get('response_type')).toBe('code');
      expect(url.searchParams.get('client_id')).toBe('medspa-web');
      expect(url.searchParams.get('redirect_uri')).toBe('http://localhost/auth/callback');
      expect(url.searchParams.get('scope')).toBe('openid profile email api');
      expect(url.searchParams.get('code_challenge_method')).toBe('S256');
      expect(url.searchParams.get('code_challenge')).toBeTruthy();
    } finally {
      vi.stubGlobal('location', original);
    }
  });

  it('uses the stored access token for /api/me and opens the staff area', async () => {
    storeUser('stored-token');
    const fetch = mockFetch(config, route('GET', '/api/me', () => json(meFor('frontdesk'))));
    vi.stubGlobal('fetch', fetch);
    renderAt('/staff');
    expect(await screen.findByRole('heading', { name: 'Welcome, Fran Desk' })).toBeInTheDocument();
    const me = fetch.requests.find((r) => r.url.pathname === '/api/me')!;
    expect(me.headers.get('Authorization')).toBe('Bearer stored-token');
  });

  it('says the account is not linked to a clinic when /api/me answers 403', async () => {
    storeUser('stored-token');
    vi.stubGlobal('fetch', mockFetch(config, route('GET', '/api/me', () => problem(403, { title: 'Forbidden' }))));
    renderAt('/');
    expect(await screen.findByRole('alert')).toHaveTextContent('Your account is not linked to a clinic');
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeInTheDocument();
  });
});
