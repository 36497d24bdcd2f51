import type { ReactNode } from 'react';

/**
 * A table of rows that scrolls sideways on a narrow screen. Its wrapper is a named region that takes focus, so a
 * keyboard can scroll it and a screen reader announces what it holds. `columns` head the columns (`false` leaves one
 * out); `children` are the body's rows.
 */
export function ScrollTable(props: { label: string; columns: (ReactNode | false)[]; className?: string; children: ReactNode }) {
  return (
    <div className={props.className ? `table-wrap ${props.className}` : 'table-wrap'} tabIndex={0} role="region" aria-label={props.label}>
      <table>
        <thead>
          <tr>
            {props.columns
              .filter((c) => c !== false)
              .map((c, i) => (
                <th scope="col" key={i}>
                  {c}
                </th>
              ))}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </div>
  );
}
