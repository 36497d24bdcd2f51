import type { ReactNode } from 'react';
import type { FieldValues } from 'react-hook-form';
import { Route, Routes, useParams } from 'react-router-dom';
import type { BaseItem } from '../api/types';
import { useAuth } from '../auth/AuthContext';
import { NotAvailableContent, NotFoundContent } from '../ui/NotAvailable';
import { ChartPage } from '../charts/ChartPage';
import { LotRecallPage } from '../charts/LotRecallPage';
import { ChartTemplateEditorPage } from '../charts/templates/ChartTemplateEditorPage';
import { ChartTemplatesPage } from '../charts/templates/ChartTemplatesPage';
import { AuditPage } from './audit/AuditPage';
import { CalendarPage } from './calendar/CalendarPage';
import { CheckoutPage } from './checkout/CheckoutPage';
import { equipmentResource } from './equipment/equipmentResource';
import { FormBuilderPage } from './forms/FormBuilderPage';
import { FormsListPage } from './forms/FormsListPage';
import { locationsResource } from './locations/locationsResource';
import { PatientCardPage } from './patients/PatientCardPage';
import { PatientsPage } from './patients/PatientsPage';
import { ResourceEditPage } from './resource/ResourceEditPage';
import { ResourceListPage } from './resource/ResourceListPage';
import type { ResourceDef } from './resource/types';
import { roomsResource } from './rooms/roomsResource';
import { servicesResource } from './services/servicesResource';
import { ClinicSettingsPage } from './settings/ClinicSettingsPage';
import { MessageTemplatesPage } from './settings/MessageTemplatesPage';
import { StaffHome } from './StaffHome';
import { StaffShell } from './StaffShell';
import { teamResource } from './team/teamResource';
import { InboxPage } from './inbox/InboxPage';
import { WaitlistDeskPage } from './waitlist/WaitlistDeskPage';
import { CalendarLinkPage } from './calendarLink/CalendarLinkPage';

type AnyDef = ResourceDef<BaseItem, FieldValues>;

export const RESOURCES: { segment: string; def: AnyDef }[] = [
  { segment: 'locations', def: locationsResource as unknown as AnyDef },
  { segment: 'team', def: teamResource as unknown as AnyDef },
  { segment: 'services', def: servicesResource as unknown as AnyDef },
  { segment: 'rooms', def: roomsResource as unknown as AnyDef },
  { segment: 'equipment', def: equipmentResource as unknown as AnyDef },
];

function EditRoute({ def }: { def: AnyDef }) {
  const { id } = useParams();
  return <ResourceEditPage key={id} def={def} />;
}

/** A form's builder starts afresh for each form (its values, messages and dialogs). */
function FormBuilderRoute() {
  const { id } = useParams();
  return <FormBuilderPage key={id} />;
}

/** A patient's card starts afresh for each patient (its tab, messages and form). */
function PatientCardRoute() {
  const { id } = useParams();
  return <PatientCardPage key={id} />;
}

function AdminOnly({ children }: { children: ReactNode }) {
  const { me } = useAuth();
  if (me?.role !== 'admin') return <NotAvailableContent homePath="/staff" homeLabel="Go to the staff home" />;
  return <>{children}</>;
}

/** Checkout is the desk's and the admins' (the API says the same). */
function DeskOnly({ children }: { children: ReactNode }) {
  const { me } = useAuth();
  if (me?.role !== 'admin' && me?.role !== 'frontdesk') return <NotAvailableContent homePath="/staff" homeLabel="Go to the staff home" />;
  return <>{children}</>;
}

/** Everything under /staff (the caller has already checked the person is staff). */
export default function StaffRoutes() {
  return (
    <Routes>
      <Route element={<StaffShell />}>
        <Route index element={<StaffHome />} />
        <Route path="calendar" element={<CalendarPage />} />
        <Route path="inbox" element={<DeskOnly><InboxPage /></DeskOnly>} />
        <Route path="waitlist" element={<DeskOnly><WaitlistDeskPage /></DeskOnly>} />
        <Route path="calendar-link" element={<CalendarLinkPage />} />
        <Route path="checkout/:appointmentId" element={<DeskOnly><CheckoutPage /></DeskOnly>} />
        <Route path="invoices/:invoiceId" element={<DeskOnly><CheckoutPage /></DeskOnly>} />
        <Route path="patients">
          <Route index element={<PatientsPage />} />
          <Route path=":id" element={<PatientCardRoute />} />
        </Route>
        <Route path="charts/:id" element={<ChartPage />} />
        <Route
          path="lot-recall"
          element={
            <AdminOnly>
              <LotRecallPage />
            </AdminOnly>
          }
        />
        <Route path="chart-templates">
          <Route index element={<AdminOnly><ChartTemplatesPage /></AdminOnly>} />
          <Route path="new" element={<AdminOnly><ChartTemplateEditorPage key="new" /></AdminOnly>} />
          <Route path=":id" element={<AdminOnly><ChartTemplateEditorPage /></AdminOnly>} />
        </Route>
        {RESOURCES.map(({ segment, def }) => (
          <Route key={segment} path={segment}>
            <Route index element={<ResourceListPage key={def.apiPath} def={def} />} />
            <Route path="new" element={<ResourceEditPage key="new" def={def} isNew />} />
            <Route path=":id" element={<EditRoute def={def} />} />
          </Route>
        ))}
        <Route path="forms">
          <Route
            index
            element={
              <AdminOnly>
                <FormsListPage />
              </AdminOnly>
            }
          />
          <Route
            path="new"
            element={
              <AdminOnly>
                <FormBuilderPage key="new" isNew />
              </AdminOnly>
            }
          />
          <Route
            path=":id"
            element={
              <AdminOnly>
                <FormBuilderRoute />
              </AdminOnly>
            }
          />
        </Route>
        <Route
          path="settings"
          element={
            <AdminOnly>
              <ClinicSettingsPage />
            </AdminOnly>
          }
        />
        <Route
          path="settings/messages"
          element={
            <AdminOnly>
              <MessageTemplatesPage />
            </AdminOnly>
          }
        />
        <Route
          path="audit"
          element={
            <AdminOnly>
              <AuditPage />
            </AdminOnly>
          }
        />
        <Route path="*" element={<NotFoundContent />} />
      </Route>
    </Routes>
  );
}
