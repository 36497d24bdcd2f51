import { Link } from 'react-router-dom';
import { useDocumentTitle } from './useDocumentTitle';

export function NotAvailable({ homePath, homeLabel }: { homePath: string; homeLabel: string }) {
  useDocumentTitle('Not available');
  return (
    <main id="main" className="page page--narrow" tabIndex={-1}>
      <h1>Not available for your account</h1>
      <p>This part of MedSpa is not available for your account.</p>
      <p>
        <Link to={homePath}>{homeLabel}</Link>
      </p>
    </main>
  );
}

export function NotFound() {
  useDocumentTitle('Page not found');
  return (
    <main id="main" className="page page--narrow" tabIndex={-1}>
      <h1>Page not found</h1>
      <p>We could not find that page.</p>
      <p>
        <Link to="/">Go to the home page</Link>
      </p>
    </main>
  );
}
