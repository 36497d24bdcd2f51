import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/errors';
import { LoadProblem } from './Alert';

describe('LoadProblem', () => {
  it('says what went wrong and offers Try again when the read can be retried', async () => {
    const retry = vi.fn();
    render(<LoadProblem error={new ApiError({ title: 'Service unavailable', status: 503, detail: 'Try later.' })} retry={retry} />);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Service unavailable');
    expect(alert).toHaveTextContent('Try later.');
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(retry).toHaveBeenCalledTimes(1);
  });

  it('has no button without a retry, and words any thrown error', () => {
    render(<LoadProblem error={new Error('boom')} />);
    expect(screen.getByRole('alert')).toHaveTextContent('Something went wrong');
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });
});
