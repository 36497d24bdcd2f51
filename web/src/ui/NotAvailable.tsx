import { Link } from 'react-router-dom';
import { useDocumentTitle } from './useDocumentTitle';

/** Body of the "not available" page; used inside a shell (e.g. a non-admin opening the audit log). */
export function NotAvailableContent({ homePath, homeLabel }: { homePath: string; homeLabel: string }) {
  useDocumentTitle('Not available');
  return (
    <>
      <h1>Not available for your account</h1>
      <p>This part of MedSpa is not available for your account.</p>
      <p>
        <Link to={homePath}>{homeLabel}</Link>
      </p>
    </>
  );
}

export function NotAvailable(props: { homePath: string; homeLabel: string }) {
  return (
    <main id="main" className="page page--narrow" tabIndex={-1}>
      <NotAvailableContent {...props} />
    </main>
  );
}

export function NotFoundContent() {
  useDocumentTitle('Page not found');
  return (
    <>
      <h1>Page not found</h1>
      <p>We could not find that page.</p>
      <p>
        <Link to="/">Go to the home page</Link>
      </p>
    </>
  );
}

export function NotFound() {
  return (
    <main id="main" className="page page--narrow" tabIndex={-1}>
      <NotFoundContent />
    </main>
  );
}
