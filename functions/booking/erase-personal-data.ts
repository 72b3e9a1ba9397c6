/**
 * DELETE /me: a tourist erases their personal data across their bookings, keeping what accounting
 * needs, then deletes their medical records; refused before anything goes while a booking is in progress.
 */
import { erasePersonalData } from '@shifa/booking';
import { httpHandler, ok } from '@shifa/http';
import { deleteEveryRecordOf } from '@shifa/records';
import { route } from '../routes';

export const handler = httpHandler(route('erasePersonalData'), async ({ principal }) => {
  const report = await erasePersonalData(principal, new Date());
  const records = await deleteEveryRecordOf(principal.userId);
  return ok({ ...report, records });
});
