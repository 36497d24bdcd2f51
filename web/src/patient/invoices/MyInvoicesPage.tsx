import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { problemOf } from '../../api/errors';
import { invoicesApi, type Invoice, type PaymentResult } from '../../api/invoices';
import { formatMoney } from '../../api/money';
import type { ProblemDetails } from '../../api/problem';
import { useAuth } from '../../auth/AuthContext';
import { CardPayment } from '../../payments/CardPayment';
import { openInvoicePdf, waitForInvoicePayment } from '../../payments/invoicePayments';
import { Loading, ProblemAlert, StatusMessage } from '../../ui/Alert';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { MyRecordPage } from '../MyRecordPage';

const STATUS: Record<Invoice['status'], string> = { draft: 'Being prepared', open: 'To pay', partial: 'Partly paid', paid: 'Paid', void: 'Cancelled' };

/**
 * /patient/invoices — "My invoices" (on a phone, usually): what each visit or purchase came to and what is still owed,
 * the balance paid by card online, and each invoice or receipt as a PDF.
 */
export function MyInvoicesPage() {
  useDocumentTitle('My invoices');
  const { api, me } = useAuth();
  const patientId = me?.patientId ?? '';
  const queryClient = useQueryClient();
  const key = ['my-invoices', patientId];
  const invoices = useQuery({ queryKey: key, queryFn: ({ signal }) => invoicesApi.ofPatient(api, patientId, signal), enabled: !!patientId });
  const [message, setMessage] = useState('');

  return (
    <MyRecordPage title="My invoices" linked={!!patientId}>
      {message && <StatusMessage>{message}</StatusMessage>}
      {invoices.isPending ? (
        <Loading label="Loading your invoices…" />
      ) : invoices.isError ? (
        <ProblemAlert problem={problemOf(invoices.error)} />
      ) : invoices.data.length === 0 ? (
        <p>You have no invoices yet. After a visit or a purchase, its receipt appears here.</p>
      ) : (
        <ul className="invoice-list">
          {invoices.data.map((invoice) => (
            <li key={invoice.id} className="panel">
              <InvoiceCard
                invoice={invoice}
                onPaid={(note) => {
                  setMessage(note);
                  void queryClient.invalidateQueries({ queryKey: key });
                }}
              />
            </li>
          ))}
        </ul>
      )}
    </MyRecordPage>
  );
}

function InvoiceCard({ invoice, onPaid }: { invoice: Invoice; onPaid: (note: string) => void }) {
  const { api } = useAuth();
  const money = (amount: number) => formatMoney({ amount, currency: invoice.currency });
  const [card, setCard] = useState<PaymentResult['card']>(null);
  const [busy, setBusy] = useState<'pay' | 'pdf' | 'wait' | null>(null);
  const [problem, setProblem] = useState<ProblemDetails | null>(null);
  const keyRef = useRef(crypto.randomUUID());
  const owed = invoice.totals.balance;
  const when = invoice.issuedAt ?? invoice.createdAt;
  const heading = `${invoice.invoiceNumber}${when ? ` · ${new Date(when).toLocaleDateString('en-US', { day: 'numeric', month: 'long', year: 'numeric' })}` : ''}`;

  async function pay() {
    setBusy('pay');
    setProblem(null);
    try {
      const result = await invoicesApi.pay(api, { invoiceId: invoice.id, tender: 'card', amount: owed, idempotencyKey: keyRef.current });
      keyRef.current = crypto.randomUUID();
      setCard(result.card);
    } catch (e) {
      setProblem(problemOf(e));
    } finally {
      setBusy(null);
    }
  }

  async function confirmed() {
    setBusy('wait');
    const paid = await waitForInvoicePayment(api, invoice).catch(() => null);
    setBusy(null);
    if (paid) {
      setCard(null);
      onPaid(`Thank you: ${money(owed)} paid on ${invoice.invoiceNumber}.`);
    } else setProblem({ title: 'The card payment did not go through', status: 0, detail: 'Nothing was charged. Check the card details, or try another card.' });
  }

  async function openPdf() {
    setBusy('pdf');
    setProblem(null);
    try {
      await openInvoicePdf(api, invoice, 'download');
    } catch (e) {
      setProblem(problemOf(e));
    } finally {
      setBusy(null);
    }
  }

  return (
    <article aria-label={invoice.invoiceNumber}>
      <h2 className="invoice-card__title">
        {heading} <span className={`status status--${invoice.status}`}>{STATUS[invoice.status]}</span>
      </h2>
      <p>{invoice.lines.map((l) => l.description).join(', ')}</p>
      <dl className="facts">
        <dt>Total</dt>
        <dd>{money(invoice.totals.total)}</dd>
        <dt>Paid</dt>
        <dd>{money(invoice.totals.paid - invoice.totals.refunded)}</dd>
        <dt>To pay</dt>
        <dd>
          <strong>{money(owed)}</strong>
        </dd>
      </dl>
      {problem && <ProblemAlert problem={problem} />}
      {busy === 'wait' ? (
        <Loading label="Waiting for the payment…" />
      ) : card ? (
        <>
          <CardPayment checkout={card} submitLabel={`Pay ${money(owed)}`} onConfirmed={() => void confirmed()} />
          <button type="button" className="btn" onClick={() => setCard(null)}>
            Not now
          </button>
        </>
      ) : (
        <div className="actions">
          {owed > 0 && invoice.status !== 'void' && (
            <button type="button" className="btn btn--primary" disabled={busy !== null} onClick={() => void pay()}>
              Pay {money(owed)} <span className="sr-only">on {invoice.invoiceNumber}</span>
            </button>
          )}
          <button type="button" className="btn" disabled={busy !== null} onClick={() => void openPdf()}>
            {invoice.status === 'paid' ? 'Receipt' : 'Invoice'} (PDF) <span className="sr-only">{invoice.invoiceNumber}</span>
          </button>
        </div>
      )}
    </article>
  );
}
