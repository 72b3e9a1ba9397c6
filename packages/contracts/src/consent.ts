/** The consent versions a booking may name (the texts: consent-texts.ts). */
import * as z from 'zod';
import { HEALTH_NOTES_CONSENT_TEXTS, type HealthNotesConsentVersion as Version } from './consent-texts';

export * from './consent-texts';

export const HealthNotesConsentVersion = z.enum(
  Object.keys(HEALTH_NOTES_CONSENT_TEXTS) as [Version, ...Version[]],
);
