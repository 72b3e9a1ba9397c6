/**
 * The HTTP API: one API Gateway route per entry of the route table in @shifa/functions (so the
 * JWT authorizer and the access log stay per operation), integrated with the function of the
 * deployment unit the entry names, so the API on AWS and the local server serve the same list.
 */
import {
  fallbackRoute,
  type RouteDeclaration,
  routeKeyOf,
  THROTTLE_CLASSES,
  throttleOf,
} from '@shifa/functions/routes';
import type { UnitId } from '@shifa/functions/units';
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnStage,
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpRoute,
  HttpRouteKey,
  type HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { ShifaFunction } from './function';
import type { LogSettings } from './stage';
import type { FunctionWiring } from './wiring';

/** Who issues the tokens the API accepts on non-public routes (the Cognito user pool on AWS). */
export interface JwtIssuer {
  /** The tokens' `iss`: `https://cognito-idp.{region}.amazonaws.com/{userPoolId}`. */
  readonly issuer: string;
  /** Accepted `aud` (ID tokens) or `client_id` (access tokens): the app clients' ids. */
  readonly audience: readonly string[];
}

export interface ApiProps {
  readonly routes: readonly RouteDeclaration[];
  readonly jwt: JwtIssuer;
  /** Makes each unit's function, with the environment and grants its routes declare. */
  readonly wiring: FunctionWiring;
  /** Origins the web app is served from; `*` while there is no fixed domain. */
  readonly corsOrigins: readonly string[];
  readonly logs: LogSettings;
}

/** Stage-wide limits (per second) for what no route names: the `standard` class of functions/routes.ts. */
export const THROTTLE = THROTTLE_CLASSES.standard;

/** Where API Gateway finds the bearer token; the local server reads the same header. */
export const IDENTITY_SOURCE = '$request.header.Authorization';

export const CORS_HEADERS = ['content-type', 'authorization', 'idempotency-key', 'accept-language'] as const;

// One JSON object per request. No query strings, bodies or headers, which may carry personal data;
// the source IP stays for tracing abuse and expires with the log group.
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTimeEpoch',
    ip: '$context.identity.sourceIp',
    routeKey: '$context.routeKey',
    status: '$context.status',
    protocol: '$context.protocol',
    responseLength: '$context.responseLength',
    responseLatency: '$context.responseLatency',
    integrationLatency: '$context.integrationLatency',
    integrationStatus: '$context.integrationStatus',
    integrationError: '$context.integrationErrorMessage',
    error: '$context.error.message',
  }),
);

/**
 * cdk-nag's APIG4 wants an authorizer on every route. Public routes are acknowledged one by
 * one, so a route added without `auth: 'public'` and without an authorizer fails synth.
 * The namespaced id makes CDK record the reason in the validation report.
 */
const acknowledgePublic = (route: HttpRoute, reason: string): void => {
  Validations.of(route).acknowledge({ id: 'AwsSolutions::AwsSolutions-APIG4', reason });
};

export class Api extends Construct {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  /** Each unit's function, by unit. */
  readonly units: ReadonlyMap<UnitId, ShifaFunction>;
  readonly authorizer: HttpJwtAuthorizer;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);

    this.httpApi = new HttpApi(this, 'HttpApi', {
      apiName: Stack.of(this).stackName,
      description: 'Shifa marketplace API',
      // The default stage that HttpApi would create takes no access-log settings.
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: [...props.corsOrigins],
        allowMethods: [
          CorsHttpMethod.GET,
          CorsHttpMethod.POST,
          CorsHttpMethod.PUT,
          CorsHttpMethod.PATCH,
          CorsHttpMethod.DELETE,
          CorsHttpMethod.OPTIONS,
        ],
        allowHeaders: [...CORS_HEADERS],
        // So a web app on another origin can read when to ask again (a 409 decision_in_progress, a 429).
        exposeHeaders: ['retry-after'],
        maxAge: Duration.hours(1),
      },
    });

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logs.retention,
      removalPolicy: props.logs.removalPolicy,
    });
    this.stage = this.httpApi.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: THROTTLE,
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs), format: ACCESS_LOG_FORMAT },
    });

    // API Gateway only proves who the caller is (signature, issuer, audience, expiry): 401 otherwise.
    // Roles and organisations are checked in code, by packages/http/src/auth.ts against the route's
    // declared roles, not by authorization scopes here, so the rule lives in one place and runs
    // the same locally.
    this.authorizer = new HttpJwtAuthorizer('JwtAuthorizer', props.jwt.issuer, {
      authorizerName: 'cognito-jwt',
      identitySource: [IDENTITY_SOURCE],
      jwtAudience: [...props.jwt.audience],
    });

    // One integration (and one invoke permission) per unit, shared by its routes.
    const units = new Map<UnitId, ShifaFunction>();
    const integrations = new Map<UnitId, HttpLambdaIntegration>();
    const integrationOf = (unit: UnitId): HttpLambdaIntegration => {
      let integration = integrations.get(unit);
      if (integration === undefined) {
        const fn = props.wiring.unit(this, unit);
        units.set(unit, fn);
        // One permission for the API, not one per route: this API may invoke the unit on any of its
        // routes, and the unit answers a route key it does not serve with 404.
        integration = new HttpLambdaIntegration(`${fn.node.id}Integration`, fn.function, {
          scopePermissionToRoute: false,
        });
        integrations.set(unit, integration);
      }
      return integration;
    };

    // Each route's own limit (routes.ts): generous on the public catalog, tight on holds. RouteSettings
    // is a free-form map to the CDK, passed through as written, so its keys are CloudFormation's.
    const stage = this.stage.node.defaultChild as CfnStage;
    stage.routeSettings = Object.fromEntries(
      props.routes.map((route) => {
        const { rateLimit, burstLimit } = throttleOf(route);
        return [routeKeyOf(route), { ThrottlingRateLimit: rateLimit, ThrottlingBurstLimit: burstLimit }];
      }),
    );

    for (const route of props.routes) {
      const httpRoute = new HttpRoute(this, `${route.id}Route`, {
        httpApi: this.httpApi,
        routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
        integration: integrationOf(route.unit),
        ...(route.auth === 'public' ? {} : { authorizer: this.authorizer }),
      });
      if (route.auth === 'public') {
        acknowledgePublic(
          httpRoute,
          `${routeKeyOf(route)} is declared public (auth: 'public' in functions/routes.ts) and serves visitors without an account.`,
        );
      }
    }

    const fallback = new HttpRoute(this, `${fallbackRoute.id}Route`, {
      httpApi: this.httpApi,
      routeKey: HttpRouteKey.DEFAULT,
      integration: integrationOf(fallbackRoute.unit),
    });
    acknowledgePublic(
      fallback,
      'The $default route only answers 404 or 405 for paths no declared route serves; it reads no data.',
    );

    this.units = units;
  }
}
