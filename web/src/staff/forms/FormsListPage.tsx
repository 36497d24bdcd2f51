import { Link, useLocation, useNavigate } from 'react-router-dom';
import { formKindLabel, useForms, type FormSummary } from '../../api/forms';
import { Loading, LoadProblem, StatusMessage } from '../../ui/Alert';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import '../../forms/forms.css';
import { ScrollTable } from '../../ui/ScrollTable';
import { EmptyState } from '../../ui/EmptyState';

function PublishedCell({ form }: { form: FormSummary }) {
  return (
    <>
      {form.publishedVersion ? `Version ${form.publishedVersion}` : <span className="muted">Not published</span>}
      {form.hasDraft && form.publishedVersion != null && <span className="badge badge--draft">Draft changes</span>}
    </>
  );
}

/** /staff/forms (admins): every intake form and consent by name, with what is published and what is still a draft. */
export function FormsListPage() {
  const navigate = useNavigate();
  const location = useLocation();
  const flash = (location.state as { flash?: string } | null)?.flash ?? null;
  useDocumentTitle('Forms');
  const forms = useForms();
  const items = forms.data ?? [];
  const newButton = (
    <button type="button" className="btn btn--primary" onClick={() => navigate('/staff/forms/new')}>
      New form
    </button>
  );

  return (
    <section aria-labelledby="forms-h">
      <div className="page-header">
        <h1 id="forms-h">Forms</h1>
        {items.length > 0 && newButton}
      </div>
      <p className="muted">Intake forms, consents and photo releases. Publishing makes a version patients can fill in; a service names the forms it needs.</p>
      {flash && <StatusMessage>{flash}</StatusMessage>}
      {forms.isPending ? (
        <Loading label="Loading forms…" />
      ) : forms.isError ? (
        <LoadProblem error={forms.error} retry={() => void forms.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title="No forms yet">
          <p className="muted">Build a medical history, a consent or a photo release, then publish it.</p>
          {newButton}
        </EmptyState>
      ) : (
        <ScrollTable label="Forms table" columns={['Name', 'Kind', 'Published', 'Expires after']}>
          {items.map((f) => (
            <tr key={f.id}>
              <td>
                <Link to={`/staff/forms/${encodeURIComponent(f.id)}`}>{f.name}</Link>
              </td>
              <td>{formKindLabel(f.kind)}</td>
              <td>
                <PublishedCell form={f} />
              </td>
              <td>{f.expirationMonths ? `${f.expirationMonths} months` : 'Never'}</td>
            </tr>
          ))}
        </ScrollTable>
      )}
    </section>
  );
}
