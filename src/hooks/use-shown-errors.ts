import { useState } from 'react';

/** Which fields are visited; a field's error shows once it is visited or a submit was tried. */
export function useShownErrors(errors: Record<string, string>) {
  const [visited, setVisited] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  return {
    errorOf: (path: string) => (submitted || visited.has(path) ? errors[path] : undefined),
    visit: (path: string) => {
      setVisited((current) => (current.has(path) ? current : new Set([...current, path])));
    },
    submitted,
    attemptSubmit: () => {
      setSubmitted(true);
    },
  };
}
