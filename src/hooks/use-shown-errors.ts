import { useEffect, useRef, useState } from 'react';
import { focusFirstInvalidField } from '@/lib/form-errors';

/**
 * Which fields are visited; a field's error shows once it is visited or a submit was tried.
 * `attemptSubmit()` with errors left moves focus to the first field that shows one, after the
 * errors have rendered; give `formRef` to the form's element to search only inside it.
 */
export function useShownErrors(errors: Record<string, string>) {
  const [visited, setVisited] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [focusRequest, setFocusRequest] = useState(0);
  const formRef = useRef<HTMLElement | null>(null);
  useEffect(() => {
    if (focusRequest > 0) focusFirstInvalidField(formRef.current ?? document);
  }, [focusRequest]);
  return {
    errorOf: (path: string) => (submitted || visited.has(path) ? errors[path] : undefined),
    visit: (path: string) => {
      setVisited((current) => (current.has(path) ? current : new Set([...current, path])));
    },
    submitted,
    attemptSubmit: () => {
      setSubmitted(true);
      if (Object.keys(errors).length > 0) setFocusRequest((count) => count + 1);
    },
    formRef,
  };
}
