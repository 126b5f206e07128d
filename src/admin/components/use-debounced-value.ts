import { useEffect, useState } from 'react';

/**
 * The value once it has stopped changing for `delayMs`: a query keyed by what the merchant types
 * (a live preview, a search) asks the server once per pause, not once per keystroke.
 */
export function useDebouncedValue<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), delayMs);
    return () => window.clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
