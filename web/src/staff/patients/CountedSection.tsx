import { useId, type ReactNode } from 'react';

/** A part of a patient's tab named by its heading, which says how many entries it holds ("Completed (3)"). */
export function CountedSection(props: { title: string; count: number; className: string; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className={props.className}>
      <h2 id={id}>
        {props.title} <span className="muted">({props.count})</span>
      </h2>
      {props.children}
    </section>
  );
}
