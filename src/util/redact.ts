/**
 * Scrubs known secret values out of text. Whoever handles a secret value (a provider fetching
 * it, a controller writing it) registers it here; the logger passes every line through
 * {@link Redactor.redact} before it is written. Values are matched as raw text, base64 and
 * JSON-escaped, the three forms in which a secret ends up inside a log line.
 *
 * @module
 */

export const REDACTED = '[REDACTED]';

/** Values shorter than this are not registered: redacting them would mangle ordinary text. */
export const MIN_REDACTED_LENGTH = 4;

export interface Redactor {
  /** Registers a secret value; every later {@link redact} call hides it. */
  add(value: string | Uint8Array): void;
  /** Returns `text` with every registered value replaced by {@link REDACTED}. */
  redact(text: string): string;
  /** Number of registered forms, for tests and metrics. */
  readonly size: number;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function formsOf(value: string | Uint8Array): string[] {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(value);
  const text = bytes.toString('utf8');
  const forms = [text, bytes.toString('base64'), JSON.stringify(text).slice(1, -1)];
  return forms.filter((f) => f.length >= MIN_REDACTED_LENGTH);
}

/** Creates an empty redactor. Construct one per process in cli/ and pass it down. */
export function createRedactor(): Redactor {
  const values = new Set<string>();
  let pattern: RegExp | undefined;
  return {
    add(value) {
      const before = values.size;
      for (const form of formsOf(value)) values.add(form);
      if (values.size !== before) pattern = undefined;
    },
    redact(text) {
      if (values.size === 0) return text;
      // Longest first, so a value that contains another is replaced whole.
      pattern ??= new RegExp([...values].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|'), 'g');
      return text.replace(pattern, REDACTED);
    },
    get size() {
      return values.size;
    },
  };
}
