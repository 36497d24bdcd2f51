import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useRef, useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfirmDialog } from './ConfirmDialog';
import { Modal } from './Modal';

function Opener({ confirm = false }: { confirm?: boolean }) {
  const [open, setOpen] = useState(false);
  const [closed, setClosed] = useState(0);
  const keepRef = useRef<HTMLButtonElement>(null);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Open
      </button>
      <p>Closed {closed} times</p>
      {open &&
        (confirm ? (
          <ConfirmDialog title="Delete this room?" confirmLabel="Delete" onConfirm={() => {}} onCancel={() => (setOpen(false), setClosed((n) => n + 1))}>
            <p>It will be archived.</p>
          </ConfirmDialog>
        ) : (
          <Modal title="Check-in code" onClose={() => (setOpen(false), setClosed((n) => n + 1))} initialFocus={keepRef}>
            <input aria-label="Code" />
            <button type="button" ref={keepRef}>
              Keep
            </button>
          </Modal>
        ))}
    </>
  );
}

afterEach(() => {
  delete (HTMLDialogElement.prototype as Partial<HTMLDialogElement>).showModal;
  delete (HTMLDialogElement.prototype as Partial<HTMLDialogElement>).close;
});

describe('Modal', () => {
  it('is a dialog named by its title, focuses the chosen control, closes on Escape and gives focus back', async () => {
    const user = userEvent.setup();
    render(<Opener />);
    await user.click(screen.getByRole('button', { name: 'Open' }));
    const dialog = screen.getByRole('dialog', { name: 'Check-in code' });
    expect(dialog.tagName).toBe('DIALOG');
    expect(dialog).toHaveAttribute('open');
    expect(screen.getByRole('button', { name: 'Keep' })).toHaveFocus();

    // Tab stays inside: from the last control back to the first.
    await user.tab();
    expect(screen.getByRole('button', { name: 'Close' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByText('Closed 1 times')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Open' })).toHaveFocus();
  });

  it('opens with showModal() where the browser has it, and its cancel event (Escape) asks the owner to close', async () => {
    const showModal = vi.fn(function (this: HTMLDialogElement) {
      this.setAttribute('open', '');
    });
    const close = vi.fn(function (this: HTMLDialogElement) {
      this.removeAttribute('open');
    });
    Object.assign(HTMLDialogElement.prototype, { showModal, close });
    const user = userEvent.setup();
    render(<Opener />);
    await user.click(screen.getByRole('button', { name: 'Open' }));
    expect(showModal).toHaveBeenCalledTimes(1);
    const cancel = new Event('cancel', { cancelable: true });
    fireEvent(screen.getByRole('dialog'), cancel);
    expect(cancel.defaultPrevented).toBe(true);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByText('Closed 1 times')).toBeInTheDocument();
  });
});

describe('ConfirmDialog', () => {
  it('is the Modal with the safe choice focused, its body as description, no Close button, and Escape cancelling', async () => {
    const user = userEvent.setup();
    render(<Opener confirm />);
    await user.click(screen.getByRole('button', { name: 'Open' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete this room?' });
    expect(dialog).toHaveAccessibleDescription('It will be archived.');
    expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus();
    expect(screen.queryByRole('button', { name: 'Close' })).not.toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByText('Closed 1 times')).toBeInTheDocument();
  });
});
