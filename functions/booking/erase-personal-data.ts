/** DELETE /me: a tourist erases their personal data across their bookings, keeping what accounting needs. */
import { erasePersonalData } from '@shifa/booking';
import { httpHandler, ok } from '@shifa/http';
import { route } from '../routes';

export const handler = httpHandler(route('erasePersonalData'), async ({ principal }) =>
  ok(await erasePersonalData(principal, new Date())),
);
