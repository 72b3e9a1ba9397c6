/**
 * Where a record's file lives in the bucket, and its id. The key names the owner and the record,
 * nothing else: never the file's name, which can say what illness it is about and would then sit
 * in access logs and event payloads.
 */

/** `tourist/{userId}/{recordId}`: the owner first, so one prefix holds everything of one tourist. */
export const recordObjectKey = (ownerId: string, recordId: string): string =>
  `tourist/${ownerId}/${recordId}`;

const KEY = /^tourist\/([^/]+)\/([a-z0-9][a-z0-9-]*)$/;

/** The owner and record an object key names; undefined for a key no record would have. */
export function parseRecordObjectKey(key: string): { ownerId: string; recordId: string } | undefined {
  const match = KEY.exec(key);
  if (match === null) return undefined;
  const [, ownerId = '', recordId = ''] = match;
  return { ownerId, recordId };
}

/**
 * A new record id: the time in base 36 (eight digits until the year 2059), then random hex, so a
 * tourist's records sort by when they were declared and the newest come first in a descending Query.
 */
export const newRecordId = (now: Date, random: string): string =>
  `rec-${now.getTime().toString(36).padStart(9, '0')}-${random}`;
