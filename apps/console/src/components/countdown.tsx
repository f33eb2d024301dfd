/** A deadline as a live countdown ("in 3 hours", "2 days ago") with the exact time in the viewer's zone as its title. */
import { useEffect, useState } from 'react';
import { useFormat } from '../i18n/format';

export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

export function Countdown({ at }: { at: string | null | undefined }) {
  const format = useFormat();
  const now = useNow();
  if (!at) return <span>—</span>;
  return (
    <time dateTime={at} title={format.dateTime(at)}>
      {format.relative(at, now)}
    </time>
  );
}
