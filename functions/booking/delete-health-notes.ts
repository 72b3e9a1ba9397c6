/** DELETE /bookings/{bookingId}/health-notes: the tourist deletes their travellers' health notes for good. */
import { deleteNotesOf } from '@shifa/booking';
import { BookingPathParams } from '@shifa/contracts';
import { httpHandler, noContent, parsePath } from '@shifa/http';
import { route } from '../routes';

export const handler = httpHandler(route('deleteHealthNotes'), async ({ event, principal }) => {
  const { bookingId } = parsePath(BookingPathParams, event);
  await deleteNotesOf(principal, bookingId, new Date());
  return noContent();
});
