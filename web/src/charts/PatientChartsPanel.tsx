import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { chartsApi, useChartTemplates } from '../api/charts';
import { problemOf } from '../api/errors';
import { patientsApi } from '../api/patients';
import type { ProblemDetails } from '../api/problem';
import { queryKeys } from '../api/queries';
import { useApi } from '../auth/AuthContext';
import { useClock } from '../booking/clock';
import { Loading, LoadProblem, ProblemAlert } from '../ui/Alert';
import { ScrollTable } from '../ui/ScrollTable';
import { CHART_STATUS_LABELS } from './chartLabels';

/**
 * The patient card's Charts tab (clinicians): the patient's charts, newest visit first, and starting the chart of a
 * visit from one of the clinic's templates, with last visit's map when the treatment repeats.
 */
export function PatientChartsPanel({ patientId }: { patientId: string }) {
  const api = useApi();
  const clock = useClock();
  const navigate = useNavigate();
  const charts = useQuery({ queryKey: queryKeys.charts.ofPatient(patientId), queryFn: ({ signal }) => chartsApi.ofPatient(api, patientId, signal) });
  const templates = useChartTemplates();
  const visits = useQuery({ queryKey: queryKeys.patients.appointments(patientId), queryFn: ({ signal }) => patientsApi.appointments(api, patientId, signal) });
  const [appointmentId, setAppointmentId] = useState('');
  const [templateId, setTemplateId] = useState('');
  const [copyLastMap, setCopyLastMap] = useState(true);
  const [problem, setProblem] = useState<ProblemDetails | null>(null);

  const start = useMutation({
    mutationFn: () => chartsApi.start(api, { appointmentId, templateId, copyLastMap }),
    onMutate: () => setProblem(null),
    onSuccess: (chart) => navigate(`/staff/charts/${encodeURIComponent(chart.id)}`),
    onError: (err) => setProblem({ ...problemOf(err), title: 'The chart was not started' }),
  });

  if (charts.isPending || templates.isPending || visits.isPending) return <Loading label="Loading charts…" />;
  if (charts.isError) return <LoadProblem error={charts.error} retry={() => void charts.refetch()} />;
  const chartable = visits.data ? [...visits.data.upcoming, ...visits.data.past].filter((a) => a.status !== 'cancelled' && a.status !== 'no-show') : [];

  return (
    <div className="patient-charts">
      <section aria-labelledby="start-chart-h" className="patient-charts__start">
        <h3 id="start-chart-h">Start a chart</h3>
        {problem && <ProblemAlert problem={problem} />}
        {chartable.length === 0 ? (
          <p className="muted">No visit to chart: book one first.</p>
        ) : (
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (appointmentId && templateId) start.mutate();
            }}
          >
            <div className="field">
              <label htmlFor="chart-visit">Visit</label>
              <select id="chart-visit" value={appointmentId} onChange={(e) => setAppointmentId(e.target.value)} required>
                <option value="">Choose a visit</option>
                {chartable.map((a) => (
                  <option key={a.id} value={a.id}>
                    {clock.dateTime(a.startTime)} · {a.serviceName}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="chart-template">Template</label>
              <select id="chart-template" value={templateId} onChange={(e) => setTemplateId(e.target.value)} required>
                <option value="">Choose a template</option>
                {(templates.data ?? []).map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field field--check">
              <input id="chart-copy" type="checkbox" checked={copyLastMap} onChange={(e) => setCopyLastMap(e.target.checked)} />
              <label htmlFor="chart-copy">Start from last visit’s map (same treatment; lots are not copied)</label>
            </div>
            <button type="submit" className="btn btn--primary" disabled={start.isPending || !appointmentId || !templateId}>
              {start.isPending ? 'Starting…' : 'Start chart'}
            </button>
          </form>
        )}
      </section>
      <section aria-labelledby="charts-h">
        <h3 id="charts-h">Charts</h3>
        {charts.data.length === 0 ? (
          <p className="muted">No charts yet.</p>
        ) : (
          <ScrollTable label="Charts of this patient" columns={['Visit', 'Chart', 'Practitioner', 'Status']}>
            {charts.data.map((c) => (
              <tr key={c.id}>
                <td className="nowrap">{clock.dateTime(c.visitStart)}</td>
                <th scope="row">
                  <Link to={`/staff/charts/${encodeURIComponent(c.id)}`}>
                    {c.templateName} · {c.serviceName}
                  </Link>
                </th>
                <td>{c.practitionerName}</td>
                <td>
                  <span className={`status status--chart-${c.status}`}>{CHART_STATUS_LABELS[c.status]}</span>
                  {c.amendments.length > 0 && <span className="muted"> · amended</span>}
                  {c.sharedAt && <span className="muted"> · shared</span>}
                </td>
              </tr>
            ))}
          </ScrollTable>
        )}
      </section>
    </div>
  );
}
