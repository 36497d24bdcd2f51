import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { appointment } from '../../test/booking';
import { TestQueryProvider } from '../../test/utils';
import { Confirmation } from './Confirmation';

describe('Confirmation', () => {
  const missingForms = [
    { formId: 'form-history', name: 'Medical history', kind: 'intake' as const },
    { formId: 'form-filler', name: 'Dermal filler consent', kind: 'consent' as const },
  ];

  it('links each form the treatment still needs, for this appointment', () => {
    render(<TestQueryProvider><MemoryRouter><Confirmation appointment={appointment({ id: 'appt-1', missingForms })} /></MemoryRouter></TestQueryProvider>);

    expect(screen.getByRole('heading', { name: 'Before your visit' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Medical history' })).toHaveAttribute('href', '/patient/forms/form-history?appointment=appt-1');
    expect(screen.getByRole('link', { name: 'Dermal filler consent' })).toHaveAttribute('href', '/patient/forms/form-filler?appointment=appt-1');
  });

  it('fills them for the child when a parent booked for one, and says nothing when nothing is missing', () => {
    const { unmount } = render(
      <TestQueryProvider><MemoryRouter><Confirmation appointment={appointment({ id: 'appt-2', patientId: 'child-1', missingForms: missingForms.slice(0, 1) })} forName="Sam Patient" /></MemoryRouter></TestQueryProvider>,
    );
    expect(screen.getByRole('link', { name: 'Medical history' })).toHaveAttribute('href', '/patient/forms/form-history?appointment=appt-2&for=child-1');
    unmount();

    render(<TestQueryProvider><MemoryRouter><Confirmation appointment={appointment({ missingForms: [] })} /></MemoryRouter></TestQueryProvider>);
    expect(screen.queryByRole('heading', { name: 'Before your visit' })).not.toBeInTheDocument();
  });
});
