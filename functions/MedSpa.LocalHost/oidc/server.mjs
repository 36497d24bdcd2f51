// Local OpenID Connect provider that stands in for Azure AD B2C when MedSpa runs on one machine.
//
// MedSpa.LocalHost runs `npm ci` in this folder and starts `node server.mjs` as a child process,
// configuring it only through environment variables (see README in the parent project and the
// list below). It prints `oidc ready <issuer>` once listening, which the host waits for.
//
// What the SPA and the API see is kept close to B2C:
//   - one public client (no secret), authorization code + PKCE S256 only;
//   - access tokens are RS256 JWTs for the API audience, signed with the key the .NET host wrote
//     (the host validates them with the public half), carrying sub, email, name and scope;
//   - the ID token carries email and name too, as a B2C user flow does;
//   - no consent screen: the client is first-party, so what it asks for is granted.
//   - like B2C's smart lockout (see infra/README.md), repeated wrong passwords lock the account for a while
//     (lockout.mjs): 5 failures in a row lock it for 15 minutes by default.
// Everything is held in memory (oidc-provider's default adapter): a restart signs everybody out.

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createLockout, localeFrom, lockoutMessage, readLimit } from './lockout.mjs';

// oidc-provider warns on stderr about two choices made here on purpose: Node 20 (it asks for 22+, yet
// works on 20) and the in-memory store (see above). The host logs our stderr as warnings, so keep
// those two out and let every other warning through. Imported dynamically so the filter is in place first.
const warn = console.warn;
console.warn = (...args) => {
  if (!/Unsupported runtime|in-memory adapter/.test(String(args[0]))) warn(...args);
};
const { default: Provider, errors } = await import('oidc-provider');

// ---------------------------------------------------------------------------------------------
// Configuration from the environment.
// ---------------------------------------------------------------------------------------------
const env = process.env;
const port = Number(env.OIDC_PORT || 7072);
const issuer = (env.OIDC_ISSUER || `http://127.0.0.1:${port}`).replace(/\/+$/, ''); // no trailing slash: `iss` must match exactly
const clientId = env.OIDC_CLIENT_ID || 'medspa-web';
const audience = env.OIDC_API_AUDIENCE || 'api://medspa';
const apiScope = 'api';
const password = env.OIDC_PASSWORD || 'medspa-demo';
const list = (value) => (value || '').split(',').map((s) => s.trim()).filter(Boolean);
const redirectUris = list(env.OIDC_REDIRECT_URIS || 'http://127.0.0.1:7071/auth/callback');
const postLogoutRedirectUris = list(env.OIDC_POST_LOGOUT_REDIRECT_URIS || 'http://127.0.0.1:7071/');
// Failed passwords in a row before an account is locked, and for how long (minutes; fractions allowed).
const lockout = createLockout({
  attempts: readLimit(env.OIDC_LOCKOUT_ATTEMPTS, 5, 'OIDC_LOCKOUT_ATTEMPTS', { whole: true }),
  minutes: readLimit(env.OIDC_LOCKOUT_MINUTES, 15, 'OIDC_LOCKOUT_MINUTES'),
});

function readJson(file, what) {
  if (!file) throw new Error(`${what} is required`);
  return JSON.parse(readFileSync(file, 'utf8'));
}

// The signing key comes from the .NET host so that it can validate tokens without fetching our JWKS.
const jwks = readJson(env.OIDC_JWKS_FILE, 'OIDC_JWKS_FILE');

// Accounts are keyed by lower-cased email, which is also the `sub`: stable and readable in logs/tests.
const users = new Map(
  readJson(env.OIDC_USERS_FILE, 'OIDC_USERS_FILE').map((u) => [u.email.toLowerCase(), { email: u.email.toLowerCase(), name: u.name }]),
);

// The SPA's origin(s), derived from its redirect URIs: the only browser origins allowed to call us cross-origin.
const spaOrigins = new Set([...redirectUris, ...postLogoutRedirectUris].map((u) => new URL(u).origin));

// ---------------------------------------------------------------------------------------------
// Helpers.
// ---------------------------------------------------------------------------------------------
const loginTemplate = readFileSync(fileURLToPath(new URL('./login.html', import.meta.url)), 'utf8');

const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

// Compare digests rather than strings so the check takes the same time whatever the input.
const digest = (s) => createHash('sha256').update(String(s)).digest();
const passwordMatches = (candidate) => timingSafeEqual(digest(candidate), digest(password));

function findUser(accountId) {
  return users.get(String(accountId).toLowerCase());
}

// Grants what the first-party client asked for (OIDC scopes and, per resource server, its scopes),
// so that the consent prompt never has anything to ask.
function grantRequested(grant, requestedScopes, resourceServers) {
  const oidcScopes = [...requestedScopes].filter((s) => ['openid', 'email', 'profile'].includes(s));
  if (oidcScopes.length) grant.addOIDCScope(oidcScopes.join(' '));
  for (const [indicator, server] of Object.entries(resourceServers || {})) {
    const scopes = [...requestedScopes].filter((s) => server.scopes.has(s));
    if (scopes.length) grant.addResourceScope(indicator, scopes.join(' '));
  }
}

// ---------------------------------------------------------------------------------------------
// The provider.
// ---------------------------------------------------------------------------------------------
const provider = new Provider(issuer, {
  jwks,
  clients: [{
    client_id: clientId,
    application_type: 'web',
    token_endpoint_auth_method: 'none', // public client: a SPA cannot keep a secret
    grant_types: ['authorization_code'],
    response_types: ['code'],
    redirect_uris: redirectUris,
    post_logout_redirect_uris: postLogoutRedirectUris,
    id_token_signed_response_alg: 'RS256',
  }],

  // Only the code flow is offered (no implicit/hybrid), as the SPA uses nothing else.
  responseTypes: ['code'],

  // PKCE is always required (oidc-provider also requires it for public clients); only S256 is offered.
  pkce: { required: () => true },

  // Cookie signing keys are random per process: sessions are in memory, so they die with it anyway.
  // Cookies are not `secure` on plain http (oidc-provider sets that only for https), which loopback needs.
  cookies: { keys: [randomBytes(32).toString('base64url')] },

  scopes: ['openid', 'email', 'profile'],
  // B2C puts email and name in the ID token whatever the scopes, so `openid` alone brings them here too.
  claims: {
    openid: ['sub', 'email', 'name'],
    email: ['email', 'email_verified'],
    profile: ['name'],
  },
  // By default oidc-provider keeps profile claims out of the ID token when an access token is also
  // issued (the RP is meant to call userinfo). Our access token is for the API, not for userinfo,
  // so the ID token has to carry them.
  conformIdTokenClaims: false,

  async findAccount(ctx, sub) {
    const user = findUser(sub);
    if (!user) return undefined;
    return {
      accountId: user.email,
      async claims() {
        return { sub: user.email, email: user.email, email_verified: true, name: user.name };
      },
    };
  },

  // The API authorizes on these, so they go into the JWT access token as well.
  async extraTokenClaims(ctx, token) {
    const user = token.accountId && findUser(token.accountId);
    return user ? { email: user.email, name: user.name } : undefined;
  },

  // Skip consent for this first-party client: reuse the session's grant (or start one) and add
  // whatever is being requested to it.
  async loadExistingGrant(ctx) {
    const { client, session, account } = ctx.oidc;
    const grantId = ctx.oidc.result?.consent?.grantId || session.grantIdFor(client.clientId);
    let grant = grantId ? await ctx.oidc.provider.Grant.find(grantId) : undefined;
    if (!grant || grant.accountId !== account.accountId) {
      grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: account.accountId });
    }
    grantRequested(grant, ctx.oidc.requestParamScopes, ctx.oidc.resourceServers);
    await grant.save();
    return grant;
  },

  ttl: {
    AccessToken: 60 * 60,
    IdToken: 60 * 60,
    AuthorizationCode: 60,
    Interaction: 60 * 60,
    Session: 8 * 60 * 60,
    Grant: 8 * 60 * 60,
  },

  // Only the SPA's own origins may call token/userinfo/jwks from a browser.
  clientBasedCORS(ctx, origin) {
    return spaOrigins.has(origin);
  },

  features: {
    devInteractions: { enabled: false }, // our own login page below
    userinfo: { enabled: true },
    revocation: { enabled: true },

    // The SPA does not send `resource`; every token is for the API, as with B2C's `api` scope.
    resourceIndicators: {
      enabled: true,
      defaultResource: (ctx, client, oneOf) => oneOf ?? audience,
      // Without this, a code requested with `openid` would yield an opaque userinfo-only token.
      useGrantedResource: () => true,
      getResourceServerInfo(ctx, resourceIndicator) {
        if (resourceIndicator !== audience) throw new errors.InvalidTarget();
        return {
          audience,
          scope: apiScope,
          accessTokenTTL: 60 * 60,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'RS256' } },
        };
      },
    },

    // Sign-out needs no confirmation (B2C asks none): the page posts the confirmation by itself,
    // with a button for browsers without script.
    rpInitiatedLogout: {
      enabled: true,
      async logoutSource(ctx, form) {
        ctx.type = 'html';
        ctx.body = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Signing out · MedSpa local sign-in</title></head>
<body><main><h1>MedSpa local sign-in</h1><p>Signing you out…</p>
${form.replace('</form>', '<input type="hidden" name="logout" value="yes"></form>')}
<button type="submit" form="op.logoutForm">Sign out</button></main>
<script>document.getElementById('op.logoutForm').submit();</script></body></html>`;
      },
      async postLogoutSuccessSource(ctx) {
        ctx.type = 'html';
        ctx.body = '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Signed out · MedSpa local sign-in</title></head>'
          + '<body><main><h1>MedSpa local sign-in</h1><p>You are signed out.</p></main></body></html>';
      },
    },
  },

  // A plain error page: the default one pulls a web font from the internet.
  async renderError(ctx, out) {
    ctx.type = 'html';
    ctx.body = '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Sign-in error · MedSpa local sign-in</title></head>'
      + `<body><main><h1>MedSpa local sign-in</h1><p role="alert">Sign-in failed.</p>${
        Object.entries(out).map(([k, v]) => `<p><strong>${escapeHtml(k)}</strong>: ${escapeHtml(v)}</p>`).join('')}</main></body></html>`;
  },
});

// ---------------------------------------------------------------------------------------------
// Interactions (the login page). Served by plain node:http next to oidc-provider's own handler,
// so that no web framework is needed.
// ---------------------------------------------------------------------------------------------
// `error` is the message to show (plain text): it is announced (role="alert") and describes the form and its
// fields. `invalid` marks the fields as wrong, which is true of a wrong password but not of a lockout.
function renderLogin(res, uid, { email = '', error = '', invalid = false } = {}) {
  const describedBy = error ? 'aria-describedby="login-error"' : '';
  const values = {
    uid: escapeHtml(uid),
    email: escapeHtml(email),
    describedby: describedBy,
    invalid: [invalid ? 'aria-invalid="true"' : '', describedBy].filter(Boolean).join(' '),
    error: error ? `<p id="login-error" class="error" role="alert">${escapeHtml(error)}</p>` : '',
  };
  // One pass over the template, so that text typed by the person (the email) is never itself read as a placeholder.
  const html = loginTemplate.replace(/\{\{(\w+)\}\}/g, (match, name) => values[name] ?? match);
  res.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    // form-action must also allow the SPA origins: browsers apply it to the redirects that follow the post.
    'Content-Security-Policy': `default-src 'none'; style-src 'unsafe-inline'; form-action 'self' ${[...spaOrigins].join(' ')}; frame-ancestors 'none'; base-uri 'none'`,
  });
  res.end(html);
}

async function readForm(req) {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 16 * 1024) throw new Error('form too large');
  }
  return new URLSearchParams(body);
}

async function handleInteraction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new errors.InvalidRequest('interaction mismatch');
  const { prompt, params, session } = details;

  if (req.method === 'GET' && !action) {
    if (prompt.name === 'login') return renderLogin(res, uid, { email: params.login_hint || '' });
    if (prompt.name === 'consent') {
      // Normally loadExistingGrant leaves nothing to consent to; should anything remain, grant it.
      const grant = details.grantId
        ? await provider.Grant.find(details.grantId)
        : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
      grant.addOIDCScope(prompt.details.missingOIDCScope?.join(' ') || 'openid');
      for (const [indicator, scopes] of Object.entries(prompt.details.missingResourceScopes || {})) {
        grant.addResourceScope(indicator, scopes.join(' '));
      }
      return provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
    }
    throw new errors.InvalidRequest(`unsupported prompt ${prompt.name}`);
  }

  if (req.method === 'POST' && action === 'login' && prompt.name === 'login') {
    const form = await readForm(req);
    const email = (form.get('email') || '').trim();
    const user = findUser(email);
    // Check the password even for an unknown email so both failures look (and take) the same.
    const passwordOk = passwordMatches(form.get('password') || '');
    // Unknown emails are counted and locked like real ones, so a lockout does not tell that an account exists.
    let state = lockout.status(email);
    if (!state.locked && (!user || !passwordOk)) {
      state = lockout.fail(email);
      if (!state.locked) return renderLogin(res, uid, { email, error: 'Email or password is incorrect', invalid: true });
    }
    if (state.locked) {
      const locale = localeFrom(req.headers['accept-language']);
      return renderLogin(res, uid, { email, error: lockoutMessage(state.until, { locale }) });
    }
    lockout.succeed(email);
    return provider.interactionFinished(req, res, { login: { accountId: user.email } }, { mergeWithLastSubmission: false });
  }

  res.writeHead(405, { 'Content-Type': 'text/plain' }).end('method not allowed');
}

const oidcCallback = provider.callback();
const server = createServer((req, res) => {
  const match = /^\/interaction\/([\w-]+)(?:\/(login))?\/?(?:\?.*)?$/.exec(req.url);
  if (!match) return oidcCallback(req, res);
  handleInteraction(req, res, match[1], match[2]).catch((err) => {
    // Typically an expired or unknown interaction (e.g. after a restart): say so plainly.
    console.error(`oidc interaction error: ${err.message}`);
    if (!res.headersSent) res.writeHead(err.statusCode || 400, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(`Sign-in could not continue: ${err.error_description || err.message}. Start again from the application.`);
  });
});

server.listen(port, new URL(issuer).hostname, () => {
  console.log(`oidc ready ${issuer}`);
});

// The host stops us with SIGTERM (or Ctrl+C reaches us as SIGINT): close sockets and leave with 0.
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 2000).unref();
  });
}

// The host keeps our stdin open while it lives: when it goes (even without stopping us, as when it fails to start),
// the pipe closes and we leave too, rather than holding the port for the next run.
process.stdin.on('end', () => process.exit(0));
process.stdin.on('close', () => process.exit(0));
process.stdin.resume();
