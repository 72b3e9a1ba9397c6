/**
 * Every Lambda function the stack deploys, with its entry module and what it needs: the deployment
 * units, each event rule's target, the stream publisher, the delivery worker, the record upload checker,
 * the sign-up trigger.
 * The bundle report and the bundle tests walk this list; the constructs make the same functions.
 */
import { rules, streamPublisher } from '@shifa/events';
import { deliveryWorker, postConfirmation, recordUploadChecker } from '@shifa/functions/consumers';
import { handlerFile } from '@shifa/functions/routes';
import { type Needs, needsOf, union, unitFile, units } from '@shifa/functions/units';

export type DeployedFunction = { readonly id: string; readonly entry: string; readonly needs: Needs };

export const deployedFunctions = (): readonly DeployedFunction[] => [
  ...units.map((unit) => ({ id: unit.id, entry: unitFile(unit.id), needs: needsOf(unit.id) })),
  ...rules.map((rule) => ({ id: rule.id, entry: handlerFile(rule.target), needs: union([rule.target]) })),
  { id: streamPublisher.id, entry: handlerFile(streamPublisher), needs: union([{ table: 'none' }]) },
  { id: deliveryWorker.id, entry: handlerFile(deliveryWorker), needs: union([deliveryWorker]) },
  {
    id: recordUploadChecker.id,
    entry: handlerFile(recordUploadChecker),
    needs: union([recordUploadChecker]),
  },
  { id: postConfirmation.id, entry: handlerFile(postConfirmation), needs: union([postConfirmation]) },
];
