import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { problemOf } from '../../api/errors';
import { cardsApi, type CardOnFile } from '../../api/payments';
import type { ProblemDetails } from '../../api/problem';
import { useAuth } from '../../auth/AuthContext';
import { AddCard, cardLabel, expiryLabel } from '../../payments/AddCard';
import { Loading, ProblemAlert, StatusMessage } from '../../ui/Alert';
import { useDocumentTitle } from '../../ui/useDocumentTitle';
import { MyRecordPage } from '../MyRecordPage';

export const myCardsKey = (patientId: string) => ['my-cards', patientId];

/**
 * /patient/cards — "My cards" (on a phone, usually): the cards the clinic keeps on file (at Stripe, never in MedSpa),
 * with an expired or soon-expiring card called out, a new card added, one removed after asking.
 */
export function MyCardsPage() {
  useDocumentTitle('My cards');
  const { api, me } = useAuth();
  const patientId = me?.patientId ?? '';
  const queryClient = useQueryClient();
  const cards = useQuery({ queryKey: myCardsKey(patientId), queryFn: ({ signal }) => cardsApi.list(api, patientId, signal), enabled: !!patientId });
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<CardOnFile | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ProblemDetails | null>(null);
  const [message, setMessage] = useState('');

  async function remove(card: CardOnFile) {
    setBusy(true);
    setProblem(null);
    try {
      await cardsApi.remove(api, card.id);
      setRemoving(null);
      setMessage(`${cardLabel(card)} was removed.`);
      await queryClient.invalidateQueries({ queryKey: myCardsKey(patientId) });
    } catch (e) {
      setProblem(problemOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <MyRecordPage title="My cards" linked={!!patientId}>
      <p>The clinic charges a card on file only as its policies say (a missed appointment, a balance you agreed to). Card details stay with our payment provider.</p>
      {message && <StatusMessage>{message}</StatusMessage>}
      {problem && <ProblemAlert problem={problem} />}
      {cards.isPending ? (
        <Loading label="Loading your cards…" />
      ) : cards.isError ? (
        <ProblemAlert problem={problemOf(cards.error)} />
      ) : (
        <>
          {cards.data.length === 0 ? (
            <p>You have no cards on file.</p>
          ) : (
            <ul className="invoice-list">
              {cards.data.map((card) => (
                <li key={card.id} className="panel">
                  <article aria-label={cardLabel(card)}>
                    <h2 className="invoice-card__title">
                      {cardLabel(card)}{' '}
                      {card.expired ? (
                        <span className="status status--void">Expired</span>
                      ) : card.expiresSoon ? (
                        <span className="status status--partial">Expires soon</span>
                      ) : null}
                    </h2>
                    <p>
                      {card.expired ? 'Expired' : 'Expires'} {expiryLabel(card)}
                      {card.expired ? ': add a new card, then remove this one.' : ''}
                    </p>
                    {removing?.id === card.id ? (
                      <div className="actions">
                        <button type="button" className="btn btn--danger" disabled={busy} onClick={() => void remove(card)}>
                          {busy ? 'Removing…' : `Yes, remove ${cardLabel(card)}`}
                        </button>
                        <button type="button" className="btn" disabled={busy} onClick={() => setRemoving(null)}>
                          Keep it
                        </button>
                      </div>
                    ) : (
                      <div className="actions">
                        <button type="button" className="btn" onClick={() => { setRemoving(card); setMessage(''); }}>
                          Remove <span className="sr-only">{cardLabel(card)}</span>
                        </button>
                      </div>
                    )}
                  </article>
                </li>
              ))}
            </ul>
          )}
          {adding ? (
            <AddCard
              patientId={patientId}
              known={cards.data}
              onCancel={() => setAdding(false)}
              onSaved={(card) => {
                setAdding(false);
                setMessage(`${cardLabel(card)} was saved.`);
                void queryClient.invalidateQueries({ queryKey: myCardsKey(patientId) });
              }}
            />
          ) : (
            <div className="actions">
              <button type="button" className="btn btn--primary" onClick={() => { setAdding(true); setMessage(''); }}>
                Add a card
              </button>
            </div>
          )}
        </>
      )}
    </MyRecordPage>
  );
}
