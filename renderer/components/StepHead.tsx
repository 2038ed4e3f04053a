import type { ReactNode } from 'react';

/** The heading block every wizard step starts with; the h1 gets focus after navigation (App.tsx). */
export function StepHead({ title, lead, children }: { title: string; lead: string; children?: ReactNode }) {
  return (
    <header className="step-head">
      <h1 id="step-title">{title}</h1>
      <p className="lead">{lead}</p>
      {children}
    </header>
  );
}
