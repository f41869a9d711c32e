import { useEffect, useRef, type ReactNode } from 'react';

/** A step's heading, which takes the focus when the step opens (a screen reader hears where it is now). */
export function StepHeading({ id, children, focus = true }: { id: string; children: ReactNode; focus?: boolean }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => { if (focus) ref.current?.focus(); }, [focus]);
  return <h2 ref={ref} id={id} tabIndex={-1} className="step-heading">{children}</h2>;
}
