import { useEffect, useId, useLayoutEffect, useRef, type KeyboardEvent, type ReactNode, type RefObject } from 'react';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Whether this browser opens <dialog> as a modal (jsdom, which runs the unit tests, does not). */
function canShowModal(dialog: HTMLDialogElement): boolean {
  return typeof dialog.showModal === 'function';
}

/**
 * The one dialog of the app: a native <dialog> opened with showModal(), so the page behind is inert and the
 * browser draws the backdrop. Focus moves inside (to `initialFocus`, else the first field or button), Tab stays
 * inside, Escape closes (the dialog's cancel event; a key handler where showModal is missing), and focus returns
 * to what opened it. The dialog stays open while it is rendered: the owner closes it by not rendering it.
 */
export function Modal(props: {
  title: string;
  children: ReactNode;
  onClose: () => void;
  initialFocus?: RefObject<HTMLElement | null>;
  /** Wider dialog for pickers and forms. */
  wide?: boolean;
  describedBy?: string;
  /** A "Close" button beside the title (a confirmation has its own buttons instead). */
  closeButton?: boolean;
}) {
  const titleId = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const onClose = useRef(props.onClose);
  useLayoutEffect(() => {
    onClose.current = props.onClose;
  });
  const initialFocus = props.initialFocus;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const previous = document.activeElement as HTMLElement | null;
    if (canShowModal(dialog)) {
      if (!dialog.open) dialog.showModal();
    } else {
      dialog.setAttribute('open', '');
    }
    const target = initialFocus?.current ?? dialog.querySelector<HTMLElement>(FOCUSABLE) ?? dialog;
    target.focus();
    return () => {
      if (dialog.open && typeof dialog.close === 'function') dialog.close();
      if (previous && document.contains(previous)) previous.focus?.();
    };
  }, [initialFocus]);

  function onKeyDown(e: KeyboardEvent<HTMLDialogElement>) {
    const dialog = ref.current;
    if (!dialog) return;
    if (e.key === 'Escape' && !canShowModal(dialog)) {
      e.stopPropagation();
      onClose.current();
      return;
    }
    if (e.key !== 'Tab') return;
    const focusable = Array.from(dialog.querySelectorAll<HTMLElement>(FOCUSABLE));
    if (focusable.length === 0) return;
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (e.shiftKey && (document.activeElement === first || document.activeElement === dialog)) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  }

  return (
    <dialog
      className={`dialog${props.wide ? ' dialog--wide' : ''}`}
      aria-labelledby={titleId}
      aria-describedby={props.describedBy}
      aria-modal="true"
      ref={ref}
      tabIndex={-1}
      onKeyDown={onKeyDown}
      onCancel={(e) => {
        // Escape: the owner decides (it closes the dialog by no longer rendering it).
        e.preventDefault();
        onClose.current();
      }}
    >
      <div className="dialog__header">
        <h2 id={titleId}>{props.title}</h2>
        {props.closeButton !== false && (
          <button type="button" className="btn btn--small btn--quiet dialog__close" onClick={() => onClose.current()}>
            Close
          </button>
        )}
      </div>
      {props.children}
    </dialog>
  );
}
