import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useRef } from 'react';
import { Route, Routes } from 'react-router-dom';
import { useAuth } from './auth/AuthContext';
import { CallbackPage } from './auth/CallbackPage';
import { ClockProvider } from './booking/clock';
import { CALLBACK_PATH } from './auth/oidc';
import { RequireArea } from './auth/RequireArea';
import { LandingPage } from './LandingPage';
import { Loading } from './ui/Alert';
import { NotFound } from './ui/NotAvailable';

// The staff app and the patient area load only when someone goes there.
const StaffRoutes = lazy(() => import('./staff/StaffRoutes'));
const PatientArea = lazy(() => import('./patient/PatientArea'));

function PageLoading() {
  return (
    <main id="main" className="page page--narrow" aria-busy="true">
      <Loading />
    </main>
  );
}

/** What one person read is never shown to the next: the query cache is emptied when the signed-in person changes. */
function useForgetDataOnSignOut() {
  const queryClient = useQueryClient();
  const userId = useAuth().me?.userId ?? null;
  const last = useRef(userId);
  useEffect(() => {
    if (last.current === userId) return;
    last.current = userId;
    queryClient.clear();
  }, [userId, queryClient]);
}

export function App() {
  useForgetDataOnSignOut();
  return (
    <Routes>
      <Route path="/" element={<LandingPage />} />
      <Route path={CALLBACK_PATH} element={<CallbackPage />} />
      <Route
        path="/staff/*"
        element={
          <RequireArea area="staff">
            <ClockProvider>
              <Suspense fallback={<PageLoading />}>
                <StaffRoutes />
              </Suspense>
            </ClockProvider>
          </RequireArea>
        }
      />
      <Route
        path="/patient/*"
        element={
          <RequireArea area="patient">
            <ClockProvider>
              <Suspense fallback={<PageLoading />}>
                <PatientArea />
              </Suspense>
            </ClockProvider>
          </RequireArea>
        }
      />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
