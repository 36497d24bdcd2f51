import type { ReactNode } from 'react';

/** What a page or list shows when it has nothing to show: a title, then what the person can do about it. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty-state">
      <p className="empty-state__title">{title}</p>
      {children}
    </div>
  );
}
