import { useEffect, useRef, useState } from 'react';
import { problemOf } from '../api/errors';
import { cardsApi, intentIdOf, type CardIntent, type CardOnFile } from '../api/payments';
import type { ProblemDetails } from '../api/problem';
import { useApi } from '../auth/AuthContext';
import { Loading, ProblemAlert } from '../ui/Alert';
import { CardPayment } from './CardPayment';

/**
 * Saves a card on file for a patient: MedSpa starts a SetupIntent, the card goes from this page to the provider (never to
 * MedSpa), and the card is found on the patient's list once the provider has it. A declined card saves nothing and
 * the patient may try another.
 */
export function AddCard(props: { patientId: string; known: CardOnFile[]; onSaved: (card: CardOnFile) => void; onCancel: () => void }) {
  const api = useApi();
  const [intent, setIntent] = useState<CardIntent | null>(null);
  const [problem, setProblem] = useState<ProblemDetails | null>(null);
  const [waiting, setWaiting] = useState(false);
  const [attempt, setAttempt] = useState(0);
  // One SetupIntent per attempt, however often React renders (a retried request finds the same one).
  const keyRef = useRef<{ attempt: number; key: string }>({ attempt: -1, key: '' });
  const { patientId, known, onSaved } = props;

  useEffect(() => {
    if (keyRef.current.attempt !== attempt) keyRef.current = { attempt, key: crypto.randomUUID() };
    let live = true;
    cardsApi
      .startAdding(api, patientId, keyRef.current.key)
      .then((started) => live && setIntent({ paymentId: intentIdOf(started.clientSecret), clientSecret: started.clientSecret, provider: started.provider }))
      .catch((e: unknown) => live && setProblem(problemOf(e)));
    return () => {
      live = false;
    };
  }, [api, patientId, attempt]);

  async function confirmed() {
    setWaiting(true);
    setProblem(null);
    const before = new Set(known.map((c) => c.id));
    for (let i = 0; i < 20; i++) {
      const cards = await cardsApi.list(api, patientId).catch(() => [] as CardOnFile[]);
      const added = cards.find((c) => !before.has(c.id));
      if (added) {
        setWaiting(false);
        onSaved(added);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    setWaiting(false);
    setProblem({ title: 'The card was not saved', status: 0, detail: 'Your bank did not accept it. Check the details, or try another card.' });
    setIntent(null);
    setAttempt((n) => n + 1);
  }

  return (
    <section className="panel" aria-labelledby="add-card-h">
      <h2 id="add-card-h">Add a card</h2>
      {problem && <ProblemAlert problem={problem} />}
      {waiting ? (
        <Loading label="Saving your card…" />
      ) : intent ? (
        <CardPayment key={intent.clientSecret} checkout={intent} submitLabel="Save card" onConfirmed={() => void confirmed()} />
      ) : (
        !problem && <Loading label="Opening the secure card form…" />
      )}
      <div className="actions">
        <button type="button" className="btn" onClick={props.onCancel} disabled={waiting}>
          Cancel
        </button>
      </div>
    </section>
  );
}

/** "Visa ending 4242 · expires 04/2029" */
export function cardLabel(card: CardOnFile): string {
  const brand = card.brand ? card.brand[0].toUpperCase() + card.brand.slice(1) : 'Card';
  return `${brand} ending ${card.last4}`;
}

export function expiryLabel(card: CardOnFile): string {
  return `${String(card.expiryMonth).padStart(2, '0')}/${card.expiryYear}`;
}
