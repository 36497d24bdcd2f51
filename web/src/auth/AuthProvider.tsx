import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { UserManager } from 'oidc-client-ts';
import { ApiClient } from '../api/client';
import { isApiError, problemOf } from '../api/errors';
import type { ProblemDetails } from '../api/problem';
import type { AuthConfig, Me } from '../api/types';
import { AuthContext, type AuthContextValue, type AuthStatus } from './AuthContext';
import { CALLBACK_PATH, createUserManager, type SignInState } from './oidc';
import { landingPathFor } from './roles';

interface State {
  status: AuthStatus;
  me: Me | null;
  problem: ProblemDetails | null;
  sessionExpired: boolean;
}

const UNLINKED: ProblemDetails = {
  title: 'Your account is not linked to a clinic',
  status: 403,
  detail: 'You signed in, but no clinic knows this account yet. Ask your clinic to invite you, or sign out and use another account.',
};

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<State>({ status: 'loading', me: null, problem: null, sessionExpired: false });
  const managerPromise = useRef<Promise<UserManager> | null>(null);
  const callbackPromise = useRef<Promise<string> | null>(null);

  const api = useMemo(
    () =>
      new ApiClient({
        getAccessToken: async () => {
          if (!managerPromise.current) return null;
          const user = await (await managerPromise.current).getUser();
          return user && !user.expired ? user.access_token : null;
        },
        onUnauthorized: () =>
          setState((s) => (s.status === 'signedIn' ? { ...s, status: 'signedOut', me: null, sessionExpired: true } : s)),
      }),
    [],
  );

  const getManager = useCallback((): Promise<UserManager> => {
    if (!managerPromise.current) {
      managerPromise.current = api
        .get<AuthConfig>('/api/auth/config', { anonymous: true })
        .then((config) => createUserManager(config));
      managerPromise.current.catch(() => {
        managerPromise.current = null;
      });
    }
    return managerPromise.current;
  }, [api]);

  const loadMe = useCallback(async (): Promise<Me | null> => {
    try {
      const me = await api.get<Me>('/api/me');
      setState({ status: 'signedIn', me, problem: null, sessionExpired: false });
      return me;
    } catch (e) {
      if (isApiError(e) && e.status === 403) {
        setState({ status: 'unlinked', me: null, problem: UNLINKED, sessionExpired: false });
      } else if (isApiError(e) && e.status === 401) {
        await (await getManager()).removeUser();
        setState({ status: 'signedOut', me: null, problem: null, sessionExpired: true });
      } else {
        setState({ status: 'error', me: null, problem: problemOf(e), sessionExpired: false });
      }
      return null;
    }
  }, [api, getManager]);

  const init = useCallback(async () => {
    try {
      const manager = await getManager();
      const user = await manager.getUser();
      if (!user || user.expired) {
        if (user) await manager.removeUser();
        setState({ status: 'signedOut', me: null, problem: null, sessionExpired: !!user });
        return;
      }
      await loadMe();
    } catch (e) {
      setState({ status: 'error', me: null, problem: problemOf(e), sessionExpired: false });
    }
  }, [getManager, loadMe]);

  useEffect(() => {
    // The callback page finishes sign-in itself.
    if (window.location.pathname === CALLBACK_PATH) return;
    void init();
  }, [init]);

  const signIn = useCallback(
    async (returnTo?: string) => {
      try {
        const manager = await getManager();
        const signInState: SignInState = { returnTo };
        await manager.signinRedirect({ state: signInState });
      } catch (e) {
        setState((s) => ({ ...s, status: 'error', problem: { ...problemOf(e), title: 'Sign-in is unavailable right now' } }));
      }
    },
    [getManager],
  );

  const signOut = useCallback(async () => {
    // The Static Web Apps gate keeps its own session cookie for page roles: end it too, so the next person at this
    // browser does not inherit the pages of the last one.
    await fetch('/.auth/logout', { credentials: 'same-origin', redirect: 'manual' }).catch(() => undefined);
    const manager = await getManager().catch(() => null);
    if (!manager) {
      window.location.assign('/');
      return;
    }
    try {
      await manager.signoutRedirect();
    } catch {
      // The provider may not offer an end-session endpoint: forget the user locally.
      await manager.removeUser();
      window.location.assign('/');
    }
  }, [getManager]);

  const completeSignIn = useCallback((): Promise<string> => {
    // React StrictMode runs effects twice; the code can be redeemed only once.
    if (!callbackPromise.current) {
      callbackPromise.current = (async () => {
        const manager = await getManager();
        const user = await manager.signinRedirectCallback();
        const me = await loadMe();
        const returnTo = (user.state as SignInState | undefined)?.returnTo;
        return me ? landingPathFor(me, returnTo) : '/';
      })();
    }
    return callbackPromise.current;
  }, [getManager, loadMe]);

  const retry = useCallback(() => {
    setState({ status: 'loading', me: null, problem: null, sessionExpired: false });
    void init();
  }, [init]);

  const value = useMemo<AuthContextValue>(
    () => ({ ...state, api, signIn, signOut, completeSignIn, retry }),
    [state, api, signIn, signOut, completeSignIn, retry],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
