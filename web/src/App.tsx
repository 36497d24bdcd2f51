import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useRef, type ComponentType } from 'react';
import { Route, Routes } from 'react-router-dom';
import { useAuth } from './auth/AuthContext';
import { CallbackPage } from './auth/CallbackPage';
import { ClockProvider } from './booking/clock';
import { CALLBACK_PATH } from './auth/oidc';
import { RequireArea } from './auth/RequireArea';
import type { Area } from './auth/roles';
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

/** An area for signed-in people of its roles: its pages load on first visit and write times the clinic's way. */
function SignedInArea({ area, Pages }: { area: Area; Pages: ComponentType }) {
  return (
    <RequireArea area={area}>
      <ClockProvider>
        <Suspense fallback={<PageLoading />}>
          <Pages />
        </Suspense>
      </ClockProvider>
    </RequireArea>
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
      <Route path="/staff/*" element={<SignedInArea area="staff" Pages={StaffRoutes} />} />
      <Route path="/patient/*" element={<SignedInArea area="patient" Pages={PatientArea} />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
