import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { AuthConfig } from '../api/types';

export const CALLBACK_PATH = '/auth/callback';

/**
 * One code path for the local OpenID Connect provider, Entra External ID and Azure AD B2C:
 * authorization code + PKCE, user kept in sessionStorage.
 * Silent renew is off: an iframe renew cannot load our pages (frame-ancestors 'none'),
 * so an expired session sends the person through sign-in again.
 */
export function createUserManager(config: AuthConfig, origin: string = window.location.origin): UserManager {
  return new UserManager({
    authority: config.authority,
    client_id: config.clientId,
    redirect_uri: `${origin}${CALLBACK_PATH}`,
    post_logout_redirect_uri: origin,
    response_type: 'code',
    scope: config.scopes,
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
    automaticSilentRenew: false,
    monitorSession: false,
    loadUserInfo: false,
  });
}

export interface SignInState {
  returnTo?: string;
}
