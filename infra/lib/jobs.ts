/**
 * The scheduled jobs of functions/schedules.ts: per entry, an EventBridge Scheduler schedule that
 * invokes its deployment unit's function every `everyMinutes` with `{"job": id}`. Failed runs end in
 * a dead-letter queue of the unit's own (the message names the job), which an alarm watches.
 */

import type { ScheduleDeclaration } from '@shifa/functions/schedules';
import type { ScheduleUnitId } from '@shifa/functions/units';
import type { JobEvent } from '@shifa/http';
import { Duration, Validations } from 'aws-cdk-lib';
import { Grant, type IRole } from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { ShifaFunction } from './function';
import type { FunctionWiring } from './wiring';

/**
 * Retries of one run. A later run does the same work on a fresh clock (the jobs are safe to
 * repeat), so a run is worth retrying only until the next one is due; past that it is dead-lettered,
 * which tells the operator a run failed outright.
 */
export const JOB_RETRY_ATTEMPTS = 2;

/**
 * Until the next run of the unit's most frequent job is due, within what both Lambda and Scheduler
 * accept: a minute to six hours.
 */
export const maxEventAgeOf = (
  declarations: readonly Pick<ScheduleDeclaration, 'everyMinutes'>[],
): Duration => {
  const soonest = Math.min(...declarations.map((declaration) => declaration.everyMinutes));
  return Duration.minutes(Math.min(Math.max(1, soonest), 6 * 60));
};

/** Long enough to read what failed after a weekend; a message holds the schedule's event and the error. */
export const DEAD_LETTER_RETENTION = Duration.days(14);

/**
 * Scheduler's role may invoke the job's function and nothing else. LambdaInvoke's own grant
 * adds `function:*` (every version and alias), which the jobs never use.
 */
class InvokeUnqualified extends LambdaInvoke {
  protected override addTargetActionToRole(role: IRole): void {
    Grant.addToPrincipal({
      grantee: role,
      actions: ['lambda:InvokeFunction'],
      resourceArns: [this.targetArn],
    });
  }
}

export interface Job {
  readonly declaration: ScheduleDeclaration;
  readonly schedule: Schedule;
}

export interface JobUnit {
  readonly unit: ScheduleUnitId;
  readonly fn: ShifaFunction;
  readonly deadLetters: Queue;
  readonly jobs: readonly Job[];
}

export interface JobsProps {
  readonly schedules: readonly ScheduleDeclaration[];
  readonly wiring: FunctionWiring;
}

export class Jobs extends Construct {
  readonly units: readonly JobUnit[];

  constructor(scope: Construct, id: string, props: JobsProps) {
    super(scope, id);

    for (const declaration of props.schedules) {
      if (!Number.isInteger(declaration.everyMinutes) || declaration.everyMinutes < 1) {
        throw new Error(
          `schedule ${declaration.id}: everyMinutes must be a whole number of minutes, at least 1`,
        );
      }
    }
    const byUnit = new Map<ScheduleUnitId, ScheduleDeclaration[]>();
    for (const declaration of props.schedules) {
      byUnit.set(declaration.unit, [...(byUnit.get(declaration.unit) ?? []), declaration]);
    }

    this.units = [...byUnit].map(([unit, declarations]) => {
      const fn = props.wiring.unit(this, unit);
      const deadLetters = new Queue(this, `${fn.node.id}DeadLetters`, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: DEAD_LETTER_RETENTION,
      });
      Validations.of(deadLetters).acknowledge({
        id: 'AwsSolutions::AwsSolutions-SQS3',
        reason: `This queue is itself the dead-letter queue of the ${unit} unit's schedules and function; an alarm watches its depth.`,
      });

      const maxEventAge = maxEventAgeOf(declarations);
      // Scheduler invokes Lambda asynchronously: its own retries and dead letters cover a run that could
      // not be delivered (throttled, function missing); a run the function itself failed is Lambda's
      // to retry and, once given up, to send to the same queue with the error and the job attached.
      fn.function.configureAsyncInvoke({
        retryAttempts: JOB_RETRY_ATTEMPTS,
        maxEventAge,
        onFailure: new SqsDestination(deadLetters),
      });
      const jobs = declarations.map((declaration) => {
        const input: JobEvent = { job: declaration.id };
        const schedule = new Schedule(this, `${declaration.id}Schedule`, {
          description: declaration.summary,
          schedule: ScheduleExpression.rate(Duration.minutes(declaration.everyMinutes)),
          target: new InvokeUnqualified(fn.function, {
            input: ScheduleTargetInput.fromObject(input),
            deadLetterQueue: deadLetters,
            retryAttempts: JOB_RETRY_ATTEMPTS,
            maxEventAge,
          }),
        });
        return { declaration, schedule };
      });
      return { unit, fn, deadLetters, jobs };
    });
  }
}
