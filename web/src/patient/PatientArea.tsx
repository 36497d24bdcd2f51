import { lazy, Suspense } from 'react';
import { Link, Route, Routes } from 'react-router-dom';
import { usePatientForms } from '../api/forms';
import { useAuth } from '../auth/AuthContext';
import { Loading } from '../ui/Alert';
import { AppShell } from '../ui/AppShell';
import { NotFoundContent } from '../ui/NotAvailable';
import { AccessLogPage } from './AccessLogPage';
import { BookingPage } from './booking/BookingPage';
import { MyCardsPage } from './cards/MyCardsPage';
import { MyFormsPage } from './forms/MyFormsPage';
import { BuyGiftCardPage } from './giftCards/BuyGiftCardPage';
import { MyInvoicesPage } from './invoices/MyInvoicesPage';
import { MyAppointmentsPage } from './MyAppointments';
import { MyDetailsPage } from './MyDetailsPage';
import { MyFamilyPage } from './MyFamilyPage';
import { MyMembershipPage } from './membership/MyMembershipPage';
import { MyTreatmentsPage } from './MyTreatmentsPage';
import { MyWaitlistPage } from './waitlist/MyWaitlistPage';

// Filling a form loads SurveyJS: only when a patient opens one.
const FillFormPage = lazy(() => import('./forms/FillFormPage'));

/** "Forms to fill in", with how many when they are known. */
function FormsLink() {
  const { me } = useAuth();
  const forms = usePatientForms(me?.patientId);
  const count = forms.data?.outstanding.length;
  return (
    <p>
      <Link to="/patient/forms">{count ? `Forms to fill in (${count})` : 'Forms to fill in'}</Link>
      {count === 0 && <span className="muted"> · nothing to fill in</span>}
    </p>
  );
}

/** /patient: the welcome, the patient's appointments, their forms and a way to see who viewed their record. */
export function PatientHome() {
  return (
    <>
      <MyAppointmentsPage welcome />
      <section aria-labelledby="your-record-h" className="panel">
        <h2 id="your-record-h">Your record</h2>
        <p>
          <Link to="/patient/profile">My details</Link>
        </p>
        <p>
          <Link to="/patient/waitlist">My waitlist</Link>
        </p>
        <p>
          <Link to="/patient/family">My family</Link>
        </p>
        <FormsLink />
        <p>
          <Link to="/patient/treatments">My treatments</Link>
        </p>
        <p>
          <Link to="/patient/invoices">My invoices</Link>
        </p>
        <p>
          <Link to="/patient/membership">My membership</Link>
        </p>
        <p>
          <Link to="/patient/cards">My cards</Link>
        </p>
        <p>
          <Link to="/patient/access-log">Who viewed my record</Link>
        </p>
      </section>
      <section aria-labelledby="gifts-h" className="panel">
        <h2 id="gifts-h">Gifts</h2>
        <p>
          <Link to="/patient/gift-cards">Give a gift card</Link>
        </p>
      </section>
    </>
  );
}

/** Everything under /patient (the caller has already checked the person is a patient). */
export default function PatientArea() {
  return (
    <AppShell homePath="/patient">
      <Routes>
        <Route index element={<PatientHome />} />
        <Route path="appointments" element={<MyAppointmentsPage />} />
        <Route path="book" element={<BookingPage />} />
        <Route path="access-log" element={<AccessLogPage />} />
        <Route path="profile" element={<MyDetailsPage />} />
        <Route path="family" element={<MyFamilyPage />} />
        <Route path="family/:id" element={<MyDetailsPage />} />
        <Route path="forms" element={<MyFormsPage />} />
        <Route path="treatments" element={<MyTreatmentsPage />} />
        <Route path="gift-cards" element={<BuyGiftCardPage />} />
        <Route path="invoices" element={<MyInvoicesPage />} />
        <Route path="cards" element={<MyCardsPage />} />
        <Route path="waitlist" element={<MyWaitlistPage />} />
        <Route path="membership" element={<MyMembershipPage />} />
        <Route
          path="forms/:formId"
          element={
            <Suspense fallback={<Loading label="Loading the form…" />}>
              <FillFormPage />
            </Suspense>
          }
        />
        <Route path="*" element={<NotFoundContent />} />
      </Routes>
    </AppShell>
  );
}
