/**
 * `<stackName>-Monitoring`: the alarms (alarms.ts), their SNS topic and the dashboard
 * (dashboard.ts), in a stack of their own, deployed after the marketplace they watch. The
 * marketplace stays well below CloudFormation's resource limit, and monitoring can change without
 * touching it.
 *
 * The marketplace's functions and queues are referenced weakly (each read from the marketplace
 * stack's outputs at deploy time, not imported): a change of the marketplace that replaces or
 * removes a function is never blocked by an alarm that watches it, and `cdk deploy --all` updates
 * this stack right after.
 */

import { routes as declaredRoutes, type RouteDeclaration } from '@shifa/functions/routes';
import { type ApiUnitId, unitById } from '@shifa/functions/units';
import { CfnOutput, CrossStackReferences, ReferenceStrength, Stack, type StackProps } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { Alarms, BOOKING_ROUTES } from './alarms';
import { ShifaDashboard } from './dashboard';
import type { ShifaStack } from './stack';
import { camel } from './wiring';

export interface MonitoringStackProps extends StackProps {
  /** The marketplace watched. */
  readonly marketplace: ShifaStack;
  /** Subscribed by email to the alarm topic. */
  readonly alarmEmails: readonly string[];
  /** The routes served; the declared list unless a test brings its own. */
  readonly routes?: readonly RouteDeclaration[];
}

export class MonitoringStack extends Stack {
  readonly alarms: Alarms;
  readonly dashboard: ShifaDashboard;

  constructor(scope: Construct, id: string, props: MonitoringStackProps) {
    super(scope, id, props);
    CrossStackReferences.of(this).consume(ReferenceStrength.WEAK);
    const { marketplace } = props;
    const routes = props.routes ?? declaredRoutes;

    const units = marketplace.wiring.functions.filter(
      (wired): wired is typeof wired & { unit: ApiUnitId } =>
        wired.unit !== undefined && unitById(wired.unit).kind === 'api',
    );
    const apiUnits = units.map(({ unit }) => unit);
    const bookingRoutes = BOOKING_ROUTES.map((id) => {
      const declared = routes.find((route) => route.id === id);
      if (declared === undefined) throw new Error(`the booking route ${id} the alarms watch is not served`);
      return { route: id, unit: declared.unit };
    });
    const deadLetterQueues = new Map<string, IQueue>([
      ...marketplace.jobs.units.map((job): [string, IQueue] => [camel(job.unit), job.deadLetters]),
      ...marketplace.eventsPipeline.deadLetterQueues,
      ...marketplace.hospitalDelivery.deadLetterQueues,
      ...marketplace.records.deadLetterQueues,
    ]);
    // Every function's Lambda errors, the sign-up trigger's too: a tourist it fails to put in their group cannot book.
    const functions = new Map<string, { fn: IFunction; behindApi: boolean }>(
      marketplace.wiring.functions.map(({ id: name, fn }) => [
        camel(name),
        { fn: fn.function, behindApi: apiUnits.some((unit) => unit === name) },
      ]),
    );
    functions.set('postConfirmation', { fn: marketplace.auth.postConfirmation.function, behindApi: false });
    const streamPublisher = marketplace.eventsPipeline.publisher.function;

    this.alarms = new Alarms(this, 'Alarms', {
      apiUnits,
      bookingRoutes,
      streamPublisher,
      deadLetterQueues,
      functions,
      emails: props.alarmEmails,
    });
    this.dashboard = new ShifaDashboard(this, 'Dashboard', {
      dashboardName: marketplace.stackName,
      apiUnits,
      bookingRoutes,
      alarms: this.alarms,
      streamPublisher,
      deadLetterQueues,
    });

    new CfnOutput(this, 'AlarmTopicArn', {
      value: this.alarms.topic.topicArn,
      description: 'Every alarm notifies this topic; alarmEmails subscribes addresses to it (README)',
    });
    new CfnOutput(this, 'DashboardUrl', {
      value: `https://console.aws.amazon.com/cloudwatch/home?region=${this.region}#dashboards/dashboard/${marketplace.stackName}`,
      description: 'The CloudWatch dashboard of the marketplace',
    });
  }
}
