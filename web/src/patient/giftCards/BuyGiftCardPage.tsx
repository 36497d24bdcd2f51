import { useRef, useState } from 'react';
import { FormProvider, useForm, useWatch } from 'react-hook-form';
import { Link } from 'react-router-dom';
import { useBookingLocations, useBookingServices } from '../../api/bookingQueries';
import { problemOf } from '../../api/errors';
import { giftCardsApi, type GiftCardPurchase } from '../../api/giftCards';
import { formatMoney, parseDecimalToMinor } from '../../api/money';
import type { PaymentCheckout } from '../../api/payments';
import type { ProblemDetails } from '../../api/problem';
import { useApi } from '../../auth/AuthContext';
import { CardPayment } from '../../payments/CardPayment';
import { Loading, ProblemAlert, StatusMessage } from '../../ui/Alert';
import { TextAreaField, TextField } from '../../ui/Field';
import { schemaResolver, setServerErrors } from '../../ui/form';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { giftCardPurchaseSchema, localNow, type GiftCardPurchaseForm } from './giftCardPurchaseSchema';

const PRESETS = [5_000, 10_000, 15_000, 20_000];

/** "Wednesday 2 December at 09:00" from the purchase's wall-clock time in the buyer's zone. */
function describeDelivery(purchase: GiftCardPurchase): string {
  const [date, time] = purchase.deliverAtLocal.slice(0, 16).split('T');
  const day = new Date(`${date}T12:00:00Z`).toLocaleDateString('en-US', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
  return `${day} at ${time}`;
}

/** Reads the purchase until Stripe's webhook has recorded the payment (or gives up and says so). */
async function waitForPayment(read: () => Promise<GiftCardPurchase>): Promise<GiftCardPurchase> {
  let purchase = await read();
  for (let i = 0; i < 40 && purchase.status === 'awaiting-payment'; i++) {
    await new Promise((r) => setTimeout(r, 500));
    purchase = await read();
  }
  return purchase;
}

/**
 * /patient/gift-cards — a patient buys a gift card for someone (a phone, usually): the amount, who it is for, a message,
 * and when to send it on their own clock; then pays by card. The clinic emails the card at that time.
 */
export function BuyGiftCardPage() {
  useDocumentTitle('Give a gift card');
  const locations = useBookingLocations();
  const services = useBookingServices(locations.data?.[0]?.id ?? '');
  const currency = services.data?.[0]?.price.currency;
  const nothingOnSale = locations.isSuccess && (locations.data.length === 0 || (services.isSuccess && services.data.length === 0));
  return (
    <section className="gift">
      <p>
        <Link to="/patient">Back to your account</Link>
      </p>
      <h1>Give a gift card</h1>
      {locations.isError || services.isError ? (
        <ProblemAlert problem={problemOf(locations.error ?? services.error)} />
      ) : nothingOnSale ? (
        <p>The clinic does not sell gift cards online yet: ask at the desk.</p>
      ) : !currency ? (
        <Loading label="Loading…" />
      ) : (
        <GiftCardPurchaseFlow currency={currency} />
      )}
    </section>
  );
}

function GiftCardPurchaseFlow({ currency }: { currency: string }) {
  const api = useApi();
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const form = useForm<GiftCardPurchaseForm>({
    defaultValues: { amount: '100.00', recipientName: '', recipientEmail: '', message: '', when: 'later', date: '', time: '09:00' },
    resolver: schemaResolver(giftCardPurchaseSchema(currency)),
    shouldFocusError: true,
  });
  const [checkout, setCheckout] = useState<(GiftCardPurchase & PaymentCheckout) | null>(null);
  const [done, setDone] = useState<GiftCardPurchase | null>(null);
  const [problem, setProblem] = useState<ProblemDetails | null>(null);
  const [busy, setBusy] = useState(false);
  const keyRef = useRef(crypto.randomUUID());
  const when = useWatch({ control: form.control, name: 'when' });

  async function onValid(values: GiftCardPurchaseForm) {
    const amount = parseDecimalToMinor(values.amount, currency);
    if (!amount.ok) return;
    setBusy(true);
    setProblem(null);
    try {
      setCheckout(
        await giftCardsApi.buyOnline(api, {
          amount: amount.amount,
          currency,
          recipientName: values.recipientName.trim(),
          recipientEmail: values.recipientEmail.trim(),
          message: values.message.trim() || null,
          deliverOn: values.when === 'later' ? `${values.date}T${values.time}` : null,
          timeZone: zone,
          idempotencyKey: keyRef.current,
        }),
      );
    } catch (e) {
      const p = problemOf(e);
      const { deliverOn, ...others } = p.errors ?? {};
      setServerErrors(form.setError, deliverOn ? { ...others, date: deliverOn } : others);
      if (!p.errors || Object.keys(p.errors).length === 0) setProblem(p);
    } finally {
      setBusy(false);
    }
  }

  async function paid() {
    if (!checkout) return;
    setBusy(true);
    const purchase = await waitForPayment(() => giftCardsApi.purchase(api, checkout.id)).catch(() => null);
    setBusy(false);
    if (purchase && purchase.status !== 'awaiting-payment') setDone(purchase);
    else setProblem({ title: 'The card payment did not go through', status: 0, detail: 'Nothing was charged. Check the card details, or try another card.' });
  }

  if (done)
    return (
      <div className="panel">
        <StatusMessage>Thank you — your gift is paid for.</StatusMessage>
        <p>
          We will email a {formatMoney(done.amount)} gift card to <strong>{done.recipientName}</strong> ({done.recipientEmail})
          {done.status === 'delivered' ? ' now.' : ` on ${describeDelivery(done)} (${done.timeZone.replace(/_/g, ' ')} time).`}
        </p>
        {done.message && <blockquote className="gift__message">{done.message}</blockquote>}
        <p>
          <Link to="/patient">Back to your account</Link>
        </p>
      </div>
    );

  if (checkout)
    return (
      <div className="panel">
        <h2>Pay {formatMoney(checkout.amount)}</h2>
        <p>
          A gift card for {checkout.recipientName}, sent {checkout.status === 'awaiting-payment' && form.getValues('when') === 'now' ? 'as soon as it is paid' : `on ${describeDelivery(checkout)}`}.
        </p>
        {problem && <ProblemAlert problem={problem} />}
        {busy ? <Loading label="Waiting for the payment…" /> : <CardPayment checkout={checkout} submitLabel={`Pay ${formatMoney(checkout.amount)}`} onConfirmed={() => void paid()} />}
        <button type="button" className="btn" onClick={() => { setCheckout(null); setProblem(null); }}>
          Change the gift
        </button>
      </div>
    );

  return (
    <FormProvider {...form}>
      {problem && <ProblemAlert problem={problem} />}
      <form className="panel gift__form" noValidate onSubmit={(e) => void form.handleSubmit(onValid)(e)}>
        <fieldset>
          <legend>Amount</legend>
          <div className="actions" role="group" aria-label="Suggested amounts">
            {PRESETS.map((p) => (
              <button key={p} type="button" className="btn btn--small" onClick={() => form.setValue('amount', (p / 100).toFixed(2), { shouldValidate: form.formState.isSubmitted })}>
                {formatMoney({ amount: p, currency })}
              </button>
            ))}
          </div>
          <TextField name="amount" label={`Amount (${currency})`} inputMode="decimal" maxLength={10} required />
        </fieldset>
        <TextField name="recipientName" label="Their name" autoComplete="off" maxLength={100} required />
        <TextField name="recipientEmail" label="Their email" type="email" autoComplete="off" maxLength={254} required />
        <TextAreaField name="message" label="Your message (optional)" maxLength={500} rows={3} />
        <fieldset className="checkbox-group">
          <legend>When to send it</legend>
          {(
            [
              ['now', 'As soon as it is paid'],
              ['later', 'On a day and time I choose'],
            ] as const
          ).map(([value, label]) => (
            <div className="field field--check" key={value}>
              <input id={`when-${value}`} type="radio" value={value} {...form.register('when')} />
              <label htmlFor={`when-${value}`}>{label}</label>
            </div>
          ))}
          {when === 'later' && (
            <div className="grid-2">
              <TextField name="date" label="Day" type="date" inputProps={{ min: localNow().slice(0, 10) }} required />
              <TextField name="time" label="Time" type="time" required />
            </div>
          )}
          <p className="muted">Times are on your clock ({zone.replace(/_/g, ' ')}).</p>
        </fieldset>
        <div className="actions">
          <button type="submit" className="btn btn--primary btn--large" disabled={busy}>
            {busy ? 'Preparing…' : 'Continue to payment'}
          </button>
        </div>
      </form>
    </FormProvider>
  );
}
