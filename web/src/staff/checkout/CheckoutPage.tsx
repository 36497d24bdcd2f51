import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { isApiError, problemOf } from '../../api/errors';
import { invoicesApi, type BillingProduct, type Invoice, type InvoiceDraft, type InvoiceLine, type InvoicePayment, type PaymentResult } from '../../api/invoices';
import { formatMoney, minorToDecimalString, parseDecimalToMinor } from '../../api/money';
import type { ProblemDetails } from '../../api/problem';
import { useApi } from '../../auth/AuthContext';
import { giftCardsApi, type GiftCard } from '../../api/giftCards';
import { CardPayment } from '../../payments/CardPayment';
import { openInvoicePdf, waitForInvoicePayment } from '../../payments/invoicePayments';
import { Loading, ProblemAlert, StatusMessage } from '../../ui/Alert';
import { SelectField, TextField } from '../../ui/Field';
import { ScrollTable } from '../../ui/ScrollTable';
import { useDocumentTitle } from '../../ui/useDocumentTitle';

const STATUS_LABELS: Record<Invoice['status'], string> = {
  draft: 'Draft',
  open: 'Awaiting payment',
  partial: 'Partly paid',
  paid: 'Paid',
  void: 'Void',
};

const TENDER_LABELS: Record<string, string> = { cash: 'Cash', card: 'Card', 'gift-card': 'Gift card', credit: 'Patient credit', deposit: 'Deposit' };

/** Where a refund went, in words: "$40.00 refunded to the card", "$5.00 given back in cash". */
const REFUNDED_TO: Record<string, string> = {
  cash: 'given back in cash',
  card: 'refunded to the card',
  'gift-card': 'put back on the gift card',
  credit: 'given as patient credit',
  deposit: 'refunded to the card the deposit was paid with',
};
const refundedTo = (tender: string) => REFUNDED_TO[tender] ?? `refunded (${tender})`;

const UNIT_OF: Record<string, string> = { neurotoxin: 'units', filler: 'syringes', retail: 'items' };

/** "20 units", "1 syringe", "0.5 syringes"; a service is just its count. */
function quantityLabel(line: InvoiceLine): string {
  const unit = UNIT_OF[line.kind];
  if (!unit) return String(line.quantity);
  return `${line.quantity} ${line.quantity === 1 ? unit.replace(/s$/, '') : unit}`;
}

function draftOf(invoice: Invoice): InvoiceDraft {
  return {
    lines: invoice.lines.map(({ id, kind, description, quantity, unitPrice, taxable, productId, practitionerId, discount }) => ({
      id, kind, description, quantity, unitPrice, taxable, productId, practitionerId, discount,
    })),
    discount: invoice.discount,
    tips: invoice.tips,
    notes: invoice.notes,
  };
}

/**
 * Checkout at the desk (desktop): the visit's invoice — add products from the price list (units, syringes, items), a
 * discount with its reason, a tip for the practitioner — then take payment in cash (with the change) or by card (the
 * card goes to Stripe from this page), in as many parts as needed; refund a payment back to where it came from.
 */
export function CheckoutPage() {
  // A visit's checkout (/staff/checkout/{appointmentId}) or an invoice's (/staff/invoices/{id}: a sale, or one reopened).
  const { appointmentId, invoiceId } = useParams();
  const api = useApi();
  const queryClient = useQueryClient();
  const key = ['checkout', appointmentId ?? invoiceId];
  const invoice = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => (appointmentId ? invoicesApi.openForAppointment(api, appointmentId) : invoicesApi.get(api, invoiceId ?? '', signal)),
    retry: false,
  });
  const billing = useQuery({ queryKey: ['billing-settings'], queryFn: ({ signal }) => invoicesApi.billing(api, signal) });
  // Kept here: the checkout below starts afresh with each version of the invoice, and what was just done must still show.
  const [message, setMessage] = useState('');
  useDocumentTitle(invoice.data ? `Checkout ${invoice.data.invoiceNumber}` : 'Checkout');

  if (invoice.isPending) return <Loading label="Opening the invoice…" />;
  if (invoice.isError) {
    return (
      <section>
        <h1>Checkout</h1>
        <ProblemAlert problem={problemOf(invoice.error)} />
        <Link to="/staff/calendar">Back to the calendar</Link>
      </section>
    );
  }
  return (
    <Checkout
      key={invoice.data.etag}
      invoice={invoice.data}
      products={billing.data?.products ?? []}
      message={message}
      setMessage={setMessage}
      onChanged={(next) => queryClient.setQueryData(key, next)}
      reload={() => void queryClient.invalidateQueries({ queryKey: key })}
    />
  );
}

function Checkout(props: {
  invoice: Invoice;
  products: BillingProduct[];
  message: string;
  setMessage: (message: string) => void;
  onChanged: (invoice: Invoice) => void;
  reload: () => void;
}) {
  const { invoice } = props;
  const api = useApi();
  const [draft, setDraft] = useState<InvoiceDraft>(() => draftOf(invoice));
  const [dirty, setDirty] = useState(false);
  const [problem, setProblem] = useState<ProblemDetails | null>(null);
  const { message, setMessage } = props;
  const [busy, setBusy] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);
  const money = (amount: number) => formatMoney({ amount, currency: invoice.currency });
  const editable = invoice.status === 'draft';
  const practitionerId = invoice.lines.find((l) => l.kind === 'service')?.practitionerId ?? null;

  function change(next: InvoiceDraft) {
    setDraft(next);
    setDirty(true);
    setMessage('');
  }

  async function run<T>(work: () => Promise<T>, done: (result: T) => void) {
    setBusy(true);
    setProblem(null);
    try {
      done(await work());
    } catch (e) {
      setProblem(problemOf(e));
      if (isApiError(e) && e.status === 412) props.reload();
      setTimeout(() => alertRef.current?.focus(), 0);
    } finally {
      setBusy(false);
    }
  }

  function save() {
    void run(() => invoicesApi.save(api, invoice.id, draft, invoice.etag ?? ''), (saved) => {
      setDirty(false);
      setMessage('Saved: the totals are up to date.');
      props.onChanged(saved);
    });
  }

  return (
    <section className="checkout">
      <p>
        {invoice.appointmentId ? (
          <Link to="/staff/calendar">Back to the calendar</Link>
        ) : (
          <Link to={`/staff/patients/${encodeURIComponent(invoice.patientId)}`}>Back to the patient</Link>
        )}
      </p>
      <h1>
        Checkout {invoice.invoiceNumber} <span className={`status status--${invoice.status}`}>{STATUS_LABELS[invoice.status]}</span>
      </h1>
      <p className="muted">{invoice.patientName}</p>
      {invoice.status === 'void' && invoice.voidReason && <p>Voided: {invoice.voidReason}</p>}
      {problem && <ProblemAlert problem={problem} ref={alertRef} />}
      {message && <StatusMessage>{message}</StatusMessage>}
      {invoice.lines.length > 0 && !dirty && invoice.status !== 'void' && (
        <InvoiceDocumentActions invoice={invoice} onSent={(next, note) => { props.onChanged(next); setMessage(note); }} />
      )}

      <div className="checkout__grid">
        <div>
          <h2>What is charged</h2>
          <ScrollTable label="Invoice lines" columns={['Item', 'Quantity', 'Unit price', 'Discount', 'Line total', editable && <span className="sr-only">Remove</span>]}>
            {draft.lines.map((line, i) => {
              const saved = invoice.lines.find((l) => l.id === line.id);
              return (
                <tr key={line.id}>
                  <td>
                    {line.description}
                    {line.taxable && <span className="muted"> · taxed</span>}
                  </td>
                  <td>{quantityLabel(line)}</td>
                  <td>{money(line.unitPrice)}</td>
                  <td>{saved && !dirty ? (saved.discountTotal ? `−${money(saved.discountTotal)}` : '—') : line.discount ? `${line.discount.value}%` : '—'}</td>
                  <td>{saved && !dirty ? money(saved.net ?? 0) : money(Math.round(line.quantity * line.unitPrice))}</td>
                  {editable && (
                    <td>
                      {line.kind !== 'service' && (
                        <button type="button" className="btn btn--small" onClick={() => change({ ...draft, lines: draft.lines.filter((_, j) => j !== i) })}>
                          Remove <span className="sr-only">{line.description}</span>
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </ScrollTable>

          {editable && <AddProduct products={props.products} onAdd={(line) => change({ ...draft, lines: [...draft.lines, line] })} />}
          {editable && <DiscountAndTip draft={draft} currency={invoice.currency} practitionerId={practitionerId} onChange={change} />}
          {editable && (
            <div className="actions">
              <button type="button" className="btn btn--primary" onClick={save} disabled={busy || !dirty}>
                Save changes
              </button>
              {dirty && <span className="muted">Unsaved changes: save to update the totals and take payment.</span>}
            </div>
          )}
        </div>

        <aside aria-label="Totals" className="checkout__totals">
          <h2>Totals</h2>
          <dl className="facts">
            <dt>Subtotal</dt>
            <dd>{money(invoice.totals.subtotal)}</dd>
            <dt>Discounts</dt>
            <dd>{invoice.totals.discounts ? `−${money(invoice.totals.discounts)}` : money(0)}</dd>
            {invoice.taxRates.map((rate) => (
              <Fragment key={rate.id}>
                <dt>
                  {rate.name} ({rate.percent}%)
                </dt>
                <dd>{money(rate.amount)}</dd>
              </Fragment>
            ))}
            <dt>Tips</dt>
            <dd>{money(invoice.totals.tips)}</dd>
            <dt>Total</dt>
            <dd>
              <strong>{money(invoice.totals.total)}</strong>
            </dd>
            <dt>Paid</dt>
            <dd>{money(invoice.totals.paid)}</dd>
            {invoice.totals.refunded > 0 && (
              <>
                <dt>Refunded</dt>
                <dd>{money(invoice.totals.refunded)}</dd>
              </>
            )}
            <dt>Balance due</dt>
            <dd>
              <strong>{money(invoice.totals.balance)}</strong>
            </dd>
          </dl>
          {invoice.status !== 'paid' && invoice.status !== 'void' && !dirty && (
            <TakePayment key={invoice.totals.balance} invoice={invoice} onPaid={(next, note) => { props.onChanged(next); setMessage(note); }} reload={props.reload} />
          )}
        </aside>
      </div>

      {invoice.payments.length > 0 && (
        <Payments invoice={invoice} onRefunded={(next, note) => { props.onChanged(next); setMessage(note); }} />
      )}

      {invoice.status !== 'void' && !dirty && (
        <VoidInvoice invoice={invoice} onVoided={(next, note) => { props.onChanged(next); setMessage(note); }} />
      )}
    </section>
  );
}

/**
 * Voids the invoice, after the desk says why. A draft is voided at once; an issued invoice only on its day, and every
 * payment goes back to where it came from first — so the button says how much will go back.
 */
function VoidInvoice(props: { invoice: Invoice; onVoided: (invoice: Invoice, note: string) => void }) {
  const { invoice } = props;
  const api = useApi();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ProblemDetails | null>(null);
  const keyRef = useRef(crypto.randomUUID());
  const givenBack = invoice.payments.reduce((sum, p) => sum + p.refundable, 0);
  const money = (value: number) => formatMoney({ amount: value, currency: invoice.currency });

  async function confirm() {
    if (!reason.trim()) return setError('Say why it is voided.');
    setError('');
    setProblem(null);
    setBusy(true);
    try {
      const voided = await invoicesApi.void(api, invoice.id, reason.trim(), keyRef.current);
      keyRef.current = crypto.randomUUID();
      setOpen(false);
      props.onVoided(voided, givenBack > 0 ? `${invoice.invoiceNumber} was voided; ${money(givenBack)} went back to where it was paid from.` : `${invoice.invoiceNumber} was voided.`);
    } catch (e) {
      setProblem(problemOf(e));
    } finally {
      setBusy(false);
    }
  }

  if (!open) {
    return (
      <div className="actions">
        <button type="button" className="btn btn--danger" onClick={() => { setOpen(true); setReason(''); setProblem(null); }}>
          Void invoice
        </button>
      </div>
    );
  }

  return (
    <fieldset className="checkout__refund">
      <legend>Void {invoice.invoiceNumber}</legend>
      <p>
        {givenBack > 0
          ? `Every payment goes back to where it came from: ${money(givenBack)} in all. Only on the day it was issued; later, refund instead.`
          : 'Nothing has been paid on it. Its number stays on record as voided.'}
      </p>
      {problem && <ProblemAlert problem={problem} />}
      <TextField name="voidReason" label="Why it is voided" value={reason} onChange={(value) => { setReason(value); setError(''); }} maxLength={500} />
      {error && <p className="field__error">{error}</p>}
      <div className="actions">
        <button type="button" className="btn btn--danger" disabled={busy} onClick={() => void confirm()}>
          {busy ? 'Voiding…' : givenBack > 0 ? `Void and give back ${money(givenBack)}` : `Void ${invoice.invoiceNumber}`}
        </button>
        <button type="button" className="btn" disabled={busy} onClick={() => setOpen(false)}>
          Keep the invoice
        </button>
      </div>
    </fieldset>
  );
}

function AddProduct(props: { products: BillingProduct[]; onAdd: (line: InvoiceLine) => void }) {
  const [productId, setProductId] = useState('');
  const [quantity, setQuantity] = useState('1');
  const [error, setError] = useState('');
  if (props.products.length === 0) return <p className="muted">The clinic's price list is empty: an admin adds products in the billing settings.</p>;

  function add() {
    const product = props.products.find((p) => p.id === productId);
    const q = Number(quantity);
    if (!product) return setError('Choose a product.');
    if (!/^\d+(\.\d{1,2})?$/.test(quantity.trim()) || !(q > 0) || q > 10000) return setError('A quantity above 0, with at most two decimals.');
    setError('');
    props.onAdd({
      id: `line-${crypto.randomUUID()}`,
      kind: product.kind,
      description: product.name,
      quantity: q,
      unitPrice: product.price.amount,
      taxable: product.taxable,
      productId: product.id,
    });
    setProductId('');
    setQuantity('1');
  }

  return (
    <fieldset className="checkout__add">
      <legend>Add a product</legend>
      <div className="grid-2">
        <SelectField
          name="productId"
          label="Product"
          value={productId}
          onChange={setProductId}
          placeholder="Choose…"
          options={props.products.map((p) => ({ value: p.id, label: `${p.name} — ${formatMoney(p.price)} per ${UNIT_OF[p.kind]?.replace(/s$/, '') ?? 'item'}` }))}
        />
        <TextField name="quantity" label="Quantity" value={quantity} onChange={setQuantity} inputMode="decimal" maxLength={8} />
      </div>
      {error && <p className="field__error">{error}</p>}
      <button type="button" className="btn" onClick={add}>
        Add to invoice
      </button>
    </fieldset>
  );
}

function DiscountAndTip(props: { draft: InvoiceDraft; currency: string; practitionerId: string | null; onChange: (draft: InvoiceDraft) => void }) {
  const { draft } = props;
  const [percent, setPercent] = useState(draft.discount?.kind === 'percent' ? String(draft.discount.value) : '');
  const [reason, setReason] = useState(draft.discount?.reason ?? '');
  const [tip, setTip] = useState(draft.tips[0] ? minorToDecimalString(draft.tips[0].amount, props.currency) : '');
  const [errors, setErrors] = useState<{ discount?: string; tip?: string }>({});
  const gross = draft.lines.reduce((sum, l) => sum + Math.round(l.quantity * l.unitPrice), 0);

  function applyDiscount() {
    const value = Number(percent);
    if (percent.trim() === '') return props.onChange({ ...draft, discount: null });
    if (!/^\d+(\.\d{1,2})?$/.test(percent.trim()) || value > 100) return setErrors({ ...errors, discount: 'A percent from 0 to 100.' });
    if (!reason.trim()) return setErrors({ ...errors, discount: 'Every discount needs a reason.' });
    setErrors({ ...errors, discount: undefined });
    props.onChange({ ...draft, discount: { kind: 'percent', value, reason: reason.trim() } });
  }

  function applyTip(amount: number | null) {
    if (!props.practitionerId) return;
    if (amount === null) {
      const parsed = parseDecimalToMinor(tip, props.currency);
      if (tip.trim() === '') return props.onChange({ ...draft, tips: [] });
      if (!parsed.ok || parsed.amount < 0) return setErrors({ ...errors, tip: parsed.ok ? 'No negative tips.' : parsed.error });
      amount = parsed.amount;
    } else {
      setTip(minorToDecimalString(amount, props.currency));
    }
    setErrors({ ...errors, tip: undefined });
    props.onChange({ ...draft, tips: amount > 0 ? [{ practitionerId: props.practitionerId, amount }] : [] });
  }

  return (
    <div className="grid-2 checkout__adjust">
      <fieldset>
        <legend>Discount</legend>
        <TextField name="discountPercent" label="Percent off" value={percent} onChange={setPercent} inputMode="decimal" maxLength={6} />
        <TextField name="discountReason" label="Reason" value={reason} onChange={setReason} maxLength={200} />
        {errors.discount && <p className="field__error">{errors.discount}</p>}
        <button type="button" className="btn" onClick={applyDiscount}>
          Apply discount
        </button>
      </fieldset>
      {props.practitionerId && (
        <fieldset>
          <legend>Tip for the practitioner</legend>
          <div className="actions">
            {[15, 18, 20].map((p) => (
              <button key={p} type="button" className="btn btn--small" onClick={() => applyTip(Math.round((gross * p) / 100))}>
                {p}%
              </button>
            ))}
          </div>
          <TextField name="tip" label="Tip amount" value={tip} onChange={setTip} inputMode="decimal" maxLength={10} />
          {errors.tip && <p className="field__error">{errors.tip}</p>}
          <button type="button" className="btn" onClick={() => applyTip(null)}>
            Apply tip
          </button>
        </fieldset>
      )}
    </div>
  );
}

function TakePayment(props: { invoice: Invoice; onPaid: (invoice: Invoice, note: string) => void; reload: () => void }) {
  const { invoice } = props;
  const api = useApi();
  const [tender, setTender] = useState<'cash' | 'card' | 'gift-card' | 'credit'>('card');
  const credit = useQuery({ queryKey: ['patient-credit', invoice.patientId], queryFn: ({ signal }) => invoicesApi.credit(api, invoice.patientId, signal) });
  const creditLeft = credit.data?.balance ?? 0;
  const [code, setCode] = useState('');
  const [giftCard, setGiftCard] = useState<GiftCard | null>(null);
  const [amount, setAmount] = useState(minorToDecimalString(invoice.totals.balance, invoice.currency));
  const [tendered, setTendered] = useState('');
  const [error, setError] = useState('');
  const [problem, setProblem] = useState<ProblemDetails | null>(null);
  const [card, setCard] = useState<PaymentResult['card']>(null);
  const [waiting, setWaiting] = useState(false);
  const keyRef = useRef(crypto.randomUUID());

  async function take() {
    const parsed = parseDecimalToMinor(amount, invoice.currency);
    if (!parsed.ok) return setError(parsed.error);
    if (parsed.amount <= 0 || parsed.amount > invoice.totals.balance) return setError(`From ${formatMoney({ amount: 1, currency: invoice.currency })} to the balance due.`);
    if (tender === 'credit' && parsed.amount > creditLeft) return setError(`The patient has ${formatMoney({ amount: creditLeft, currency: invoice.currency })} of credit.`);
    let given: number | undefined;
    if (tender === 'cash' && tendered.trim()) {
      const cash = parseDecimalToMinor(tendered, invoice.currency);
      if (!cash.ok || cash.amount < parsed.amount) return setError('The cash handed over is less than the amount.');
      given = cash.amount;
    }
    setError('');
    setProblem(null);
    if (tender === 'gift-card') return redeem(parsed.amount);
    try {
      const result = await invoicesApi.pay(api, { invoiceId: invoice.id, tender, amount: parsed.amount, tendered: given, idempotencyKey: keyRef.current });
      keyRef.current = crypto.randomUUID();
      if (result.card) setCard(result.card);
      else {
        if (tender === 'credit') void credit.refetch();
        props.onPaid(result.invoice, result.change > 0 ? `Cash taken. Give ${formatMoney({ amount: result.change, currency: invoice.currency })} in change.` : tender === 'credit' ? `${formatMoney({ amount: parsed.amount, currency: invoice.currency })} paid from the patient's credit.` : 'Payment taken.');
      }
    } catch (e) {
      setProblem(problemOf(e));
      if (isApiError(e) && e.status === 412) props.reload();
    }
  }

  async function checkBalance() {
    setProblem(null);
    setGiftCard(null);
    if (!/^[0-9A-Za-z\s-]{16,24}$/.test(code.trim())) return setError('Type the 16 characters of the gift card code.');
    setError('');
    try {
      const card = await giftCardsApi.check(api, code.trim());
      setGiftCard(card);
      const usable = Math.min(card.balance, invoice.totals.balance);
      if (usable > 0) setAmount(minorToDecimalString(usable, invoice.currency));
    } catch (e) {
      setProblem(problemOf(e));
    }
  }

  async function redeem(amountToTake: number) {
    if (!code.trim()) return setError('Type the gift card code.');
    try {
      const result = await giftCardsApi.redeem(api, code.trim(), { invoiceId: invoice.id, amount: amountToTake, idempotencyKey: keyRef.current });
      keyRef.current = crypto.randomUUID();
      const left = formatMoney({ amount: result.giftCard.balance, currency: result.giftCard.currency });
      props.onPaid(result.invoice, `${formatMoney({ amount: amountToTake, currency: invoice.currency })} paid by gift card ending ${result.giftCard.last4}; ${left} left on it.`);
    } catch (e) {
      setProblem(problemOf(e));
    }
  }

  async function cardConfirmed() {
    setWaiting(true);
    const paid = await waitForInvoicePayment(api, invoice);
    setWaiting(false);
    setCard(null);
    if (paid) props.onPaid(paid, 'Card payment received.');
    else {
      setProblem({ title: 'The card payment has not arrived yet', status: 0, detail: 'Reload the invoice in a minute: a declined card leaves the balance as it was.' });
      props.reload();
    }
  }

  if (waiting) return <Loading label="Waiting for the card payment…" />;
  if (card)
    return (
      <div className="checkout__card">
        <h3>Card payment of {formatMoney(card.amount)}</h3>
        <CardPayment checkout={card} submitLabel="Charge card" onConfirmed={() => void cardConfirmed()} />
        <button type="button" className="btn" onClick={() => setCard(null)}>
          Choose another way to pay
        </button>
      </div>
    );

  return (
    <fieldset className="checkout__pay">
      <legend>Take payment</legend>
      {problem && <ProblemAlert problem={problem} />}
      <SelectField
        name="tender"
        label="Pay by"
        value={tender}
        onChange={(v) => { setTender(v as typeof tender); setError(''); }}
        options={[
          { value: 'card', label: 'Card' },
          { value: 'cash', label: 'Cash' },
          { value: 'gift-card', label: 'Gift card' },
          ...(creditLeft > 0 ? [{ value: 'credit', label: `Patient credit (${formatMoney({ amount: creditLeft, currency: invoice.currency })} available)` }] : []),
        ]}
      />
      {tender === 'gift-card' && (
        <>
          <TextField name="giftCardCode" label="Gift card code" value={code} onChange={(v) => { setCode(v); setGiftCard(null); }} autoComplete="off" maxLength={24} />
          <button type="button" className="btn btn--small" onClick={() => void checkBalance()}>
            Check balance
          </button>
          {giftCard && (
            <p role="status">
              Gift card ending {giftCard.last4}: {formatMoney({ amount: giftCard.balance, currency: giftCard.currency })} left
              {giftCard.expired ? ' (expired: it cannot pay)' : ''}.
            </p>
          )}
        </>
      )}
      <TextField name="amount" label={`Amount (${invoice.currency})`} value={amount} onChange={setAmount} inputMode="decimal" maxLength={12} />
      {tender === 'cash' && <TextField name="tendered" label="Cash handed over (optional)" value={tendered} onChange={setTendered} inputMode="decimal" maxLength={12} />}
      {error && <p className="field__error">{error}</p>}
      <button type="button" className="btn btn--primary" onClick={() => void take()}>
        {tender === 'cash' ? 'Take cash' : tender === 'gift-card' ? 'Pay with gift card' : tender === 'credit' ? 'Pay from credit' : 'Pay by card'}
      </button>
    </fieldset>
  );
}

/**
 * The invoice as a document: opened in the browser's PDF viewer to print, saved, or emailed to the patient (which
 * issues a draft, so the patient is sent what they owe). A receipt once it is paid.
 */
function InvoiceDocumentActions(props: { invoice: Invoice; onSent: (invoice: Invoice, note: string) => void }) {
  const { invoice } = props;
  const api = useApi();
  const [busy, setBusy] = useState<'print' | 'download' | 'send' | null>(null);
  const [problem, setProblem] = useState<ProblemDetails | null>(null);
  const keyRef = useRef(crypto.randomUUID());
  const what = invoice.status === 'paid' ? 'receipt' : 'invoice';

  async function withPdf(action: 'print' | 'download') {
    setBusy(action);
    setProblem(null);
    try {
      await openInvoicePdf(api, invoice, action);
    } catch (e) {
      setProblem(problemOf(e));
    } finally {
      setBusy(null);
    }
  }

  async function send() {
    setBusy('send');
    setProblem(null);
    try {
      const sent = await invoicesApi.send(api, invoice.id, keyRef.current);
      keyRef.current = crypto.randomUUID();
      props.onSent(sent, `The ${what} was emailed to ${invoice.patientName ?? 'the patient'}.`);
    } catch (e) {
      setProblem(problemOf(e));
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="checkout__documents">
      {problem && <ProblemAlert problem={problem} />}
      <div className="actions">
        <button type="button" className="btn" disabled={busy !== null} onClick={() => void withPdf('print')}>
          {busy === 'print' ? 'Opening…' : `Print ${what}`}
        </button>
        <button type="button" className="btn" disabled={busy !== null} onClick={() => void withPdf('download')}>
          {busy === 'download' ? 'Preparing…' : `Download ${what} (PDF)`}
        </button>
        <button type="button" className="btn" disabled={busy !== null} onClick={() => void send()}>
          {busy === 'send' ? 'Sending…' : `Email ${what} to patient`}
        </button>
      </div>
    </div>
  );
}

function Payments(props: { invoice: Invoice; onRefunded: (invoice: Invoice, note: string) => void }) {
  const { invoice } = props;
  const api = useApi();
  const [refunding, setRefunding] = useState<InvoicePayment | null>(null);
  const [lineId, setLineId] = useState('');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [asCredit, setAsCredit] = useState(false);
  const [error, setError] = useState('');
  const [problem, setProblem] = useState<ProblemDetails | null>(null);
  const keyRef = useRef(crypto.randomUUID());
  const money = (value: number) => formatMoney({ amount: value, currency: invoice.currency });
  // What is left to give back for a line (a product returned): what it came to with its tax, less its refunds.
  const lineLeft = (id: string) => {
    const line = invoice.lines.find((l) => l.id === id);
    const refunded = invoice.refunds.filter((r) => r.lineId === id).reduce((sum, r) => sum + r.amount, 0);
    return line ? (line.net ?? 0) + (line.tax ?? 0) - refunded : 0;
  };

  function forLine(id: string) {
    setLineId(id);
    if (refunding) setAmount(minorToDecimalString(id ? Math.min(refunding.refundable, lineLeft(id)) : refunding.refundable, invoice.currency));
  }

  async function refund() {
    if (!refunding) return;
    const parsed = parseDecimalToMinor(amount, invoice.currency);
    const most = lineId ? Math.min(refunding.refundable, lineLeft(lineId)) : refunding.refundable;
    if (!parsed.ok || parsed.amount <= 0 || parsed.amount > most) return setError(`From ${money(1)} to ${money(most)}.`);
    if (!reason.trim()) return setError('Say why the money goes back.');
    setError('');
    setProblem(null);
    try {
      const result = await invoicesApi.refund(api, { invoiceId: invoice.id, paymentId: refunding.id, amount: parsed.amount, reason: reason.trim(), idempotencyKey: keyRef.current, lineId: lineId || undefined, asCredit: asCredit || undefined });
      keyRef.current = crypto.randomUUID();
      setRefunding(null);
      props.onRefunded(result.invoice, `${money(parsed.amount)} ${refundedTo(asCredit ? 'credit' : refunding.tender)}.`);
    } catch (e) {
      setProblem(problemOf(e));
    }
  }

  return (
    <section>
      <h2>Payments</h2>
      <ScrollTable label="Payments" columns={['Paid by', 'Amount', 'Refundable', 'Taken by', '']}>
        {invoice.payments.map((p) => (
          <tr key={p.id}>
            <td>{TENDER_LABELS[p.tender] ?? p.tender}</td>
            <td>{money(p.amount)}</td>
            <td>{money(p.refundable)}</td>
            <td>{p.by}</td>
            <td>
              {p.refundable > 0 && (
                <button type="button" className="btn btn--small" onClick={() => { setRefunding(p); setLineId(''); setAmount(minorToDecimalString(p.refundable, invoice.currency)); setReason(''); setAsCredit(false); }}>
                  Refund <span className="sr-only">{TENDER_LABELS[p.tender]} payment of {money(p.amount)}</span>
                </button>
              )}
            </td>
          </tr>
        ))}
      </ScrollTable>
      {invoice.refunds.length > 0 && (
        <ul>
          {invoice.refunds.map((r) => (
            <li key={r.id}>
              {money(r.amount)} {refundedTo(r.tender)}
              {r.lineId ? ` for ${invoice.lines.find((l) => l.id === r.lineId)?.description ?? 'an item'}` : ''}: {r.reason}
            </li>
          ))}
        </ul>
      )}
      {refunding && (
        <fieldset className="checkout__refund">
          <legend>Refund the {TENDER_LABELS[refunding.tender]?.toLowerCase()} payment of {money(refunding.amount)}</legend>
          {problem && <ProblemAlert problem={problem} />}
          <SelectField
            name="refundLine"
            label="For"
            value={lineId}
            onChange={forLine}
            options={[
              { value: '', label: 'No particular item' },
              ...invoice.lines.filter((l) => lineLeft(l.id) > 0).map((l) => ({ value: l.id, label: `${l.description} — ${money(lineLeft(l.id))} left` })),
            ]}
          />
          <div className="grid-2">
            <TextField name="refundAmount" label={`Amount to refund (${invoice.currency})`} value={amount} onChange={setAmount} inputMode="decimal" maxLength={12} />
            <TextField name="refundReason" label="Reason" value={reason} onChange={setReason} maxLength={200} />
          </div>
          {refunding.tender !== 'credit' && (
            <div className="field field--check">
              <input id="refund-as-credit" type="checkbox" checked={asCredit} onChange={(e) => setAsCredit(e.target.checked)} />
              <label htmlFor="refund-as-credit">Give it as patient credit instead (nothing goes back to the {TENDER_LABELS[refunding.tender]?.toLowerCase()})</label>
            </div>
          )}
          {error && <p className="field__error">{error}</p>}
          <div className="actions">
            <button type="button" className="btn btn--primary" onClick={() => void refund()}>
              Refund {amount ? `${invoice.currency} ${amount}` : ''}
            </button>
            <button type="button" className="btn" onClick={() => setRefunding(null)}>
              Keep the payment
            </button>
          </div>
        </fieldset>
      )}
    </section>
  );
}
