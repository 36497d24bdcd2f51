import { useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface TabItem<T extends string> {
  id: T;
  label: string;
}

/**
 * The one tab strip of the app (WAI-ARIA tabs): arrow keys, Home and End move between tabs, only the chosen tab is in
 * the Tab order, and each tab names its panel `${baseId}-panel-${id}` (the panels are the caller's, with role="tabpanel"
 * and aria-labelledby `${baseId}-tab-${id}`).
 */
export function TabList<T extends string>({
  label,
  tabs,
  selected,
  onSelect,
  baseId,
  className = 'tabs',
}: {
  label: string;
  tabs: readonly TabItem<T>[];
  selected: T;
  onSelect: (id: T) => void;
  baseId: string;
  className?: string;
}) {
  const refs = useRef<Partial<Record<T, HTMLButtonElement | null>>>({});

  function onKey(e: KeyboardEvent) {
    const i = tabs.findIndex((t) => t.id === selected);
    const next =
      e.key === 'ArrowRight' ? (i + 1) % tabs.length
      : e.key === 'ArrowLeft' ? (i - 1 + tabs.length) % tabs.length
      : e.key === 'Home' ? 0
      : e.key === 'End' ? tabs.length - 1
      : -1;
    if (next < 0) return;
    e.preventDefault();
    onSelect(tabs[next].id);
    refs.current[tabs[next].id]?.focus();
  }

  return (
    <div role="tablist" aria-label={label} className={className}>
      {tabs.map((t) => (
        <button
          key={t.id}
          type="button"
          role="tab"
          id={`${baseId}-tab-${t.id}`}
          aria-selected={selected === t.id}
          aria-controls={`${baseId}-panel-${t.id}`}
          tabIndex={selected === t.id ? 0 : -1}
          className="tabs__tab"
          ref={(el) => {
            refs.current[t.id] = el;
          }}
          onClick={() => onSelect(t.id)}
          onKeyDown={onKey}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}

/** A tab's panel, labelled by its tab; hidden (kept mounted) while another tab is chosen. */
export function TabPanel({ baseId, id, selected, children }: { baseId: string; id: string; selected: string; children: ReactNode }) {
  return (
    <div role="tabpanel" id={`${baseId}-panel-${id}`} aria-labelledby={`${baseId}-tab-${id}`} hidden={selected !== id} tabIndex={0} className="tabs__panel">
      {children}
    </div>
  );
}
