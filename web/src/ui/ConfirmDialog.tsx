import { useId, useRef, type ReactNode } from 'react';
import { Modal } from './Modal';

interface Props {
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
  danger?: boolean;
}

/** A confirmation: the Modal with the safe choice focused first; Escape cancels. */
export function ConfirmDialog({ title, children, confirmLabel, cancelLabel = 'Cancel', onConfirm, onCancel, busy, danger }: Props) {
  const bodyId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  return (
    <Modal title={title} onClose={onCancel} initialFocus={cancelRef} describedBy={children ? bodyId : undefined} closeButton={false}>
      {children && <div id={bodyId}>{children}</div>}
      <div className="actions">
        <button type="button" className={danger ? 'btn btn--danger' : 'btn btn--primary'} onClick={onConfirm} disabled={busy}>
          {confirmLabel}
        </button>
        <button type="button" className="btn" onClick={onCancel} ref={cancelRef} disabled={busy}>
          {cancelLabel}
        </button>
      </div>
    </Modal>
  );
}
