/** Treatment programmes as their hospital names them. */
import type { TreatmentKind } from '@shifa/contracts';

/**
 * A new programme's id: readable (`herbal-therapy-14d-…`) and unique by its
 * random suffix, which the caller draws so that this stays deterministic.
 */
export function programmeIdFor(kind: TreatmentKind, days: number, suffix: string): string {
  return `${kind.replaceAll('_', '-')}-${days}d-${suffix}`;
}
