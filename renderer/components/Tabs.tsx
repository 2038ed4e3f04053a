import { useRef, type KeyboardEvent } from 'react';

interface Props<T extends string> {
  label: string;
  tabs: { id: T; label: string }[];
  current: T;
  onSelect(id: T): void;
}

/** A tab row with the WAI-ARIA keyboard pattern: arrow keys, Home and End move and select; one tab stop. */
export function Tabs<T extends string>({ label, tabs, current, onSelect }: Props<T>) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKey = (e: KeyboardEvent, i: number) => {
    const n = tabs.length;
    const next = e.key === 'ArrowRight' ? (i + 1) % n : e.key === 'ArrowLeft' ? (i - 1 + n) % n : e.key === 'Home' ? 0 : e.key === 'End' ? n - 1 : -1;
    if (next < 0) return;
    e.preventDefault();
    onSelect(tabs[next]!.id);
    refs.current[next]?.focus();
  };
  return (
    <div className="tabs" role="tablist" aria-label={label}>
      {tabs.map((tab, i) => (
        <button key={tab.id} ref={(el) => { refs.current[i] = el; }} type="button" role="tab" aria-selected={tab.id === current}
          tabIndex={tab.id === current ? 0 : -1} onClick={() => onSelect(tab.id)} onKeyDown={(e) => onKey(e, i)}>
          {tab.label}
        </button>
      ))}
    </div>
  );
}
