/**
 * Travellers' health notes, sealed one per traveller with the context {purpose, bookingId,
 * traveller}: a note copied onto another booking or traveller does not open. Nothing here logs a
 * note.
 */
import { type Envelope, unitEnvelope } from './envelope';
import { SEALING_PURPOSES } from './purposes';
import type { Sealed } from './sealed';

export type HealthNotesCipher = {
  encrypt(text: string, bookingId: string, traveller: number): Promise<Sealed>;
  decrypt(sealed: Sealed, bookingId: string, traveller: number): Promise<string>;
};

const context = (bookingId: string, traveller: number) => ({
  purpose: SEALING_PURPOSES['health-notes'],
  bookingId,
  traveller: String(traveller),
});

export const healthNotesCipherOver = (envelope: Envelope): HealthNotesCipher => ({
  encrypt: (text, bookingId, traveller) => envelope.seal(text, context(bookingId, traveller)),
  decrypt: (sealed, bookingId, traveller) => envelope.open(sealed, context(bookingId, traveller)),
});

/** The cipher under this unit's keys; it fails at once, naming the setting, where the unit has none. */
export const healthNotesCipher = (): HealthNotesCipher => healthNotesCipherOver(unitEnvelope());

export type HealthNotesSealer = Pick<HealthNotesCipher, 'encrypt'>;

/** Seals only: what holding a booking needs (on AWS its function may not Decrypt health notes). */
export const healthNotesSealer = (): HealthNotesSealer => {
  const { encrypt } = healthNotesCipherOver(unitEnvelope());
  return { encrypt };
};
