import { useQuery } from '@tanstack/react-query';
import { chartsApi } from '../api/charts';
import { queryKeys } from '../api/queries';
import { useApi, useAuth } from '../auth/AuthContext';
import { useClock } from '../booking/clock';
import { amountLabel } from '../charts/chartLabels';
import '../charts/charts.css';
import { useDocumentTitle } from '../ui/useDocumentTitle';
import { Loading, LoadProblem } from '../ui/Alert';
import { MyRecordPage } from './MyRecordPage';
import { usePatientPhotos } from '../api/photos';
import { PhotoCompare } from '../photos/PhotoCompare';
import '../photos/photos.css';

/** /patient/treatments: what was done at each visit the clinic shared (products, areas) and the after-care to follow. */
export function MyTreatmentsPage() {
  const api = useApi();
  const { me } = useAuth();
  const clock = useClock();
  useDocumentTitle('My treatments');
  const patientId = me?.patientId ?? '';
  const shared = useQuery({
    queryKey: queryKeys.charts.ofPatient(patientId),
    queryFn: ({ signal }) => chartsApi.sharedWithMe(api, patientId, signal),
    enabled: !!patientId,
  });
  // The photos of the visits shared with the patient (the API gives no others), for their own before and after.
  const photos = usePatientPhotos(patientId);

  return (
    <MyRecordPage title="My treatments" linked={!!patientId} intro={<p className="muted">What was done at your visits, and how to look after it.</p>}>
      {shared.isPending ? (
        <Loading label="Loading your treatments…" />
      ) : shared.isError ? (
        <LoadProblem error={shared.error} retry={() => void shared.refetch()} />
      ) : shared.data.length === 0 ? (
        <p className="muted">Nothing shared yet: after a treatment, your practitioner shares what was done here.</p>
      ) : (
        shared.data.map((c) => (
          <section key={c.id} className="panel treatment" aria-labelledby={`treatment-${c.id}`}>
            <h2 id={`treatment-${c.id}`}>
              {c.serviceName} · {clock.dateTime(c.visitStart)}
            </h2>
            <p className="muted">With {c.practitionerName}</p>
            {c.products.length > 0 && (
              <>
                <h3>What was used</h3>
                <ul>
                  {c.products.map((p) => (
                    <li key={p.product}>
                      {p.product}: {amountLabel(p.units, p.millilitres)}
                    </li>
                  ))}
                </ul>
              </>
            )}
            {c.areas.length > 0 && (
              <p>
                <strong>Areas treated:</strong> {c.areas.join(', ')}
              </p>
            )}
            {c.afterCare && (
              <>
                <h3>After-care</h3>
                <p className="pre-line">{c.afterCare}</p>
              </>
            )}
          </section>
        ))
      )}
      {photos.data && photos.data.length > 0 && (
        <div className="panel">
          <PhotoCompare photos={photos.data} heading="Your before and after" />
        </div>
      )}
    </MyRecordPage>
  );
}
