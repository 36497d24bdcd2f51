import { createContext, useContext } from 'react';
import type { ApiClient } from '../api/client';
import type { ProblemDetails } from '../api/problem';
import type { Me } from '../api/types';

export type AuthStatus = 'loading' | 'signedOut' | 'signedIn' | 'unlinked' | 'error';

export interface AuthContextValue {
  status: AuthStatus;
  me: Me | null;
  /** Why sign-in could not finish (status 'error'), or why the account is unlinked. */
  problem: ProblemDetails | null;
  /** True when the API answered 401 during the session. */
  sessionExpired: boolean;
  api: ApiClient;
  signIn(returnTo?: string): Promise<void>;
  signOut(): Promise<void>;
  /** Finishes the redirect at /auth/callback; resolves to the path to go to next. */
  completeSignIn(): Promise<string>;
  retry(): void;
}

export const AuthContext = createContext<AuthContextValue | null>(null);

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

export function useApi(): ApiClient {
  return useAuth().api;
}
