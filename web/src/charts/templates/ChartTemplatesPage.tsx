import { Link, useLocation } from 'react-router-dom';
import { useChartTemplates } from '../../api/charts';
import { Loading, LoadProblem, StatusMessage } from '../../ui/Alert';
import { ScrollTable } from '../../ui/ScrollTable';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { TREATMENT_LABELS } from '../chartLabels';

const DIAGRAM_LABELS = { none: 'No diagram', face: 'Face', body: 'Body' } as const;

/** /staff/chart-templates (admins): the built-in templates, to copy, and the clinic's own, to change. */
export function ChartTemplatesPage() {
  useDocumentTitle('Chart templates');
  const templates = useChartTemplates();
  const flash = (useLocation().state as { flash?: string } | null)?.flash ?? null;

  return (
    <section aria-labelledby="templates-h">
      <div className="page-header">
        <h1 id="templates-h">Chart templates</h1>
        <Link className="btn btn--primary" to="/staff/chart-templates/new">
          New template
        </Link>
      </div>
      <p className="muted">The fields, defaults, quick phrases and smart fields a chart starts with. The built-in ones are copied to be changed.</p>
      {flash && <StatusMessage>{flash}</StatusMessage>}
      {templates.isPending ? (
        <Loading label="Loading the templates…" />
      ) : templates.isError ? (
        <LoadProblem error={templates.error} retry={() => void templates.refetch()} />
      ) : (
        <ScrollTable label="Chart templates" columns={['Name', 'Treatment', 'Diagram', 'Fields', '']}>
          {templates.data.map((t) => (
            <tr key={t.id}>
              <td>{t.builtIn ? t.name : <Link to={`/staff/chart-templates/${encodeURIComponent(t.id)}`}>{t.name}</Link>}</td>
              <td>{TREATMENT_LABELS[t.treatment]}</td>
              <td>{DIAGRAM_LABELS[t.diagram]}</td>
              <td>{t.fields.length}</td>
              <td>
                {t.builtIn ? (
                  <Link to={`/staff/chart-templates/new?from=${encodeURIComponent(t.id)}`} aria-label={`Copy ${t.name}`}>
                    Copy
                  </Link>
                ) : (
                  <span className="muted">The clinic’s own</span>
                )}
              </td>
            </tr>
          ))}
        </ScrollTable>
      )}
    </section>
  );
}
