/**
 * Every health note a test file sends through the API, so that when the file's tables are deleted
 * they are first scanned for the notes' plaintext (test/support/table.ts): health data is stored only
 * sealed, in no table and no item other than its own sealed one.
 */

const written = new Set<string>();

/** Remembers the text of every traveller's health notes in a request body. */
export function rememberNotes(body: unknown): void {
  if (typeof body !== 'object' || body === null) return;
  const travellers = (body as { travellers?: unknown }).travellers;
  if (!Array.isArray(travellers)) return;
  for (const traveller of travellers) {
    const text = (traveller as { healthNotes?: { text?: unknown } } | null)?.healthNotes?.text;
    if (typeof text === 'string' && text.trim() !== '') written.add(text.trim());
  }
}

export const writtenNotes = (): readonly string[] => [...written];
