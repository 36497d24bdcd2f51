import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { AuthContext } from '../../auth/AuthContext';
import { appointment } from '../../test/booking';
import { TestQueryProvider, fakeAuth, meFor, mockFetch, problem, route } from '../../test/utils';
import { DepositStep, validateCard } from './DepositStep';

describe('the deposit card form', () => {
  it('checks the card as typed', () => {
    expect(validateCard({ cardNumber: '', expiry: '', cvc: '' })).toEqual({
      cardNumber: ['Enter the card number.'],
      expiry: ['Enter the expiry date as MM/YY.'],
      cvc: ['Enter the CVC.'],
    });
    expect(validateCard({ cardNumber: '4242 4242 4242 4242', expiry: '13/30', cvc: '12' })).toEqual({
      expiry: ['Enter the expiry date as MM/YY, like 04/29.'],
      cvc: ['Enter the 3 or 4 digits of the CVC.'],
    });
    expect(validateCard({ cardNumber: '4242-4242-4242-4242', expiry: '04/29', cvc: '123' })).toEqual({});
  });

  it('drops a field’s error as soon as it changes, and shows the server’s field errors next to the inputs', async () => {
    const user = userEvent.setup();
    const fetch = mockFetch(
      route('POST', '/api/booking/appointments/a1/deposit', () =>
        problem(400, { title: 'The card was not accepted', errors: { cvc: ['The CVC does not match.'] } }),
      ),
    );
    render(
      <TestQueryProvider>
        <AuthContext.Provider value={fakeAuth({ me: meFor('patient'), fetch })}>
          <DepositStep appointment={appointment({ status: 'pending-deposit' })} onPaid={vi.fn()} onPickAnotherTime={vi.fn()} />
        </AuthContext.Provider>
      </TestQueryProvider>,
    );
    await user.click(screen.getByRole('button', { name: 'Pay deposit' }));
    expect(screen.getByLabelText('Card number')).toHaveAccessibleDescription('Enter the card number.');
    expect(screen.getByLabelText('Card number')).toHaveFocus();
    await user.type(screen.getByLabelText('Card number'), '4');
    expect(screen.getByLabelText('Card number')).not.toHaveAttribute('aria-invalid');
    expect(screen.getByLabelText('CVC')).toHaveAccessibleDescription('Enter the CVC.');

    await user.type(screen.getByLabelText('Card number'), '242 4242 4242 4242');
    await user.type(screen.getByLabelText('Expiry (MM/YY)'), '12/30');
    await user.type(screen.getByLabelText('CVC'), '999');
    await user.click(screen.getByRole('button', { name: 'Pay deposit' }));
    expect(await screen.findByText('The card was not accepted')).toBeInTheDocument();
    expect(screen.getByLabelText('CVC')).toHaveAccessibleDescription('The CVC does not match.');
  });
});
