/** Imports nothing, so the lazily loaded esdk.ts shares no module with the rest of a bundle. */

/** A sealed value that is not what the caller expected: another context, or another suite. */
export class SealedValueMismatch extends Error {
  override readonly name = 'SealedValueMismatch';
}
