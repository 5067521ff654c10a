import { useState } from 'react';
import { ApiFailure } from '../api/errors';
import { clearFlash } from './flash';
import { handleFailure } from './remote';

/**
 * Form errors keyed by field path without the `body.` prefix (`medicines.0.name`), the same keys
 * whether the page's own zod check or the server refused: the page marks the field either way.
 */
export function formErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) fields[issue.path.map(String).join('.')] ??= issue.message;
  return fields;
}

/** The server's per-field answer (400) in the same keys; empty for any other failure. */
export function serverFieldErrors(err: unknown): Record<string, string> {
  if (!(err instanceof ApiFailure) || !err.fields) return {};
  return Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k.replace(/^body\./, ''), v]));
}

/**
 * The sending state of a form: busy while a request runs, the fields to mark, and one sentence
 * saying what went wrong. A refusal (the page's own check or the server's) never touches what was
 * typed: the form's values live in the form, not here.
 *
 * `describe` turns a failure into the sentence shown; by default it also sends an expired login
 * to the login page. The login, binding and privacy pages pass `failureMessage`: they are that
 * flow, so they say what happened and offer the way on themselves.
 */
export function useFormSend(describe: (err: unknown) => string = handleFailure) {
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  return {
    busy,
    errors,
    failure,
    /** Nothing to say any more (the page started over, e.g. another family was chosen). */
    clear() {
      setErrors({});
      setFailure(null);
    },
    /** The page's own check refused: mark the fields and say what to fix first. */
    refuse(fields: Record<string, string>, message = Object.values(fields)[0] ?? '请检查填写的内容') {
      setErrors(fields);
      setFailure(message);
    },
    /**
     * Sends; a refusal marks the server's fields and says why in plain words. Answers whether it
     * went through, for pages that refresh something after a refusal (the booking picker's places).
     */
    async send(request: () => Promise<unknown>): Promise<boolean> {
      // The next action: the confirmation of the last one has been read.
      clearFlash();
      setErrors({});
      setFailure(null);
      setBusy(true);
      try {
        await request();
        return true;
      } catch (err) {
        setErrors(serverFieldErrors(err));
        setFailure(describe(err));
        return false;
      } finally {
        setBusy(false);
      }
    },
  };
}
