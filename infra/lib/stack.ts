/** The Shifa stack: user pool, table, event bus and HTTP API, wired together. */
import { fallbackRoute, type RouteDeclaration, routes } from '@shifa/functions/routes';
import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Api } from './api';
import { Auth } from './auth';
import { Data } from './data';
import { Events } from './events';

export interface ShifaStackProps extends StackProps {
  /** Keep the table, and logs, when the stack is deleted; false only for throw-away stacks. */
  readonly retainData: boolean;
  readonly corsOrigins: readonly string[];
  readonly busName: string;
  /** The routes to serve; the declared list unless a test adds its own. */
  readonly routes?: readonly RouteDeclaration[];
}

export class ShifaStack extends Stack {
  readonly auth: Auth;
  readonly data: Data;
  readonly events: Events;
  readonly api: Api;

  constructor(scope: Construct, id: string, props: ShifaStackProps) {
    super(scope, id, props);

    this.auth = new Auth(this, 'Auth', { retainData: props.retainData });
    this.data = new Data(this, 'Data', { retainData: props.retainData });
    this.events = new Events(this, 'Events', { busName: props.busName });
    this.api = new Api(this, 'Api', {
      routes: props.routes ?? routes,
      jwt: { issuer: this.auth.issuer, audience: [this.auth.webClient.userPoolClientId] },
      fallback: fallbackRoute,
      data: this.data,
      corsOrigins: props.corsOrigins,
      logRemovalPolicy: props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.stage.url, description: 'Base URL of the HTTP API' });
    new CfnOutput(this, 'TableName', { value: this.data.table.tableName });
    new CfnOutput(this, 'EventBusName', { value: this.events.bus.eventBusName });
    new CfnOutput(this, 'UserPoolId', { value: this.auth.userPool.userPoolId });
    new CfnOutput(this, 'WebClientId', {
      value: this.auth.webClient.userPoolClientId,
      description: 'App client of the web app (SRP sign-in, no secret); the audience of API tokens',
    });
    new CfnOutput(this, 'IssuerUrl', {
      value: this.auth.issuer,
      description: 'Issuer of the tokens the API accepts',
    });
  }
}
