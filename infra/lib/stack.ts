/** The Shifa stack: table, event bus and HTTP API, wired together. */
import { fallbackRoute, routes } from '@shifa/functions/routes';
import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Api } from './api';
import { Data } from './data';
import { Events } from './events';

export interface ShifaStackProps extends StackProps {
  /** Keep the table, and logs, when the stack is deleted; false only for throw-away stacks. */
  readonly retainData: boolean;
  readonly corsOrigins: readonly string[];
  readonly busName: string;
}

export class ShifaStack extends Stack {
  readonly data: Data;
  readonly events: Events;
  readonly api: Api;

  constructor(scope: Construct, id: string, props: ShifaStackProps) {
    super(scope, id, props);

    this.data = new Data(this, 'Data', { retainData: props.retainData });
    this.events = new Events(this, 'Events', { busName: props.busName });
    this.api = new Api(this, 'Api', {
      routes,
      fallback: fallbackRoute,
      data: this.data,
      corsOrigins: props.corsOrigins,
      logRemovalPolicy: props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.stage.url, description: 'Base URL of the HTTP API' });
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
    new CfnOutput(this, 'EventBusName', { value: this.events.bus.eventBusName });
  }
}
