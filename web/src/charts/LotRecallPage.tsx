import { useState } from 'react';
import { Link } from 'react-router-dom';
import { chartsApi } from '../api/charts';
import { queryKeys } from '../api/queries';
import { useApiQuery } from '../api/useApiQuery';
import { useClock } from '../booking/clock';
import { Loading, LoadProblem } from '../ui/Alert';
import { EmptyState } from '../ui/EmptyState';
import { ScrollTable } from '../ui/ScrollTable';
import { useDocumentTitle } from '../ui/useDocumentTitle';
import { amountLabel } from './chartLabels';
import './charts.css';

/** /staff/lot-recall (admins): a manufacturer recalls a lot; every patient injected from it, to contact them. */
export function LotRecallPage() {
  useDocumentTitle('Lot recall');
  const clock = useClock();
  const [typed, setTyped] = useState('');
  const [lot, setLot] = useState('');
  const uses = useApiQuery(queryKeys.charts.byLot(lot), (api, signal) => chartsApi.byLot(api, lot, signal), { enabled: lot !== '' });

  return (
    <section aria-labelledby="recall-h">
      <h1 id="recall-h">Lot recall</h1>
      <p className="muted">Every patient injected from a lot, from the lots charted on each injection point. Each search is in the audit log.</p>
      <form
        className="lot-search"
        onSubmit={(e) => {
          e.preventDefault();
          setLot(typed.trim());
        }}
      >
        <div className="field">
          <label htmlFor="lot">Lot number</label>
          <input id="lot" value={typed} maxLength={60} autoComplete="off" onChange={(e) => setTyped(e.target.value)} />
        </div>
        <button type="submit" className="btn btn--primary" disabled={!typed.trim()}>
          Find patients
        </button>
      </form>
      {lot === '' ? null : uses.isPending ? (
        <Loading label="Searching the charts…" />
      ) : uses.isError ? (
        <LoadProblem error={uses.error} retry={() => void uses.refetch()} />
      ) : uses.data.length === 0 ? (
        <EmptyState title={`No chart names lot ${lot}`}>
          <p className="muted">Check the number on the box; lots are matched whatever their capitals.</p>
        </EmptyState>
      ) : (
        <>
          <p role="status" className="lot-search__count">
            {count(new Set(uses.data.map((u) => u.patientId)).size, 'patient')}, {count(uses.data.length, 'visit')} with lot {lot}.
          </p>
          <ScrollTable label="Patients injected from the lot" columns={['Patient', 'Visit', 'Product', 'Amount', 'Practitioner']}>
            {uses.data.map((u) => (
              <tr key={`${u.chartId}:${u.product}`}>
                <td>
                  <Link to={`/staff/patients/${encodeURIComponent(u.patientId)}`}>{u.patientName}</Link>
                </td>
                <td>
                  <Link to={`/staff/charts/${encodeURIComponent(u.chartId)}`}>{clock.dateTime(u.visitStart)}</Link>
                </td>
                <td>{u.product}</td>
                <td>{amountLabel(u.units, u.millilitres)}</td>
                <td>{u.practitionerName}</td>
              </tr>
            ))}
          </ScrollTable>
        </>
      )}
    </section>
  );
}

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
