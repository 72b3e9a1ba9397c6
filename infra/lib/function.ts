/**
 * One Lambda function as Shifa runs them all: Node.js 24 on ARM, the shared ESM bundle, its own log
 * group and role, and X-Ray active tracing (its write permission is one policy for every function,
 * FunctionTracing, so no role's own policy needs a wildcard resource).
 */
import { type Duration, Validations } from 'aws-cdk-lib';
import { type IRole, Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, type CfnFunction, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { functionBundling } from './bundling';
import type { LogSettings } from './stage';

export interface ShifaFunctionProps {
  /** Absolute path of the TypeScript module that exports `handler`. */
  readonly entry: string;
  readonly description: string;
  readonly environment: Record<string, string>;
  readonly timeout: Duration;
  /** How long the log group keeps lines, and whether it outlives the stack (the stage's). */
  readonly logs: LogSettings;
}

export class ShifaFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: ShifaFunctionProps) {
    super(scope, id);

    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logs.retention,
      removalPolicy: props.logs.removalPolicy,
    });

    // A role of its own instead of AWSLambdaBasicExecutionRole, which would let every function
    // create log groups and write to any of them; this one may only write to its own.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: props.description,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Function', {
      entry: props.entry,
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: 512,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      environment: props.environment,
      bundling: functionBundling,
    });
    // Set on the resource rather than through `tracing`, which would add X-Ray's wildcard grant to
    // this role's own policy; FunctionTracing grants it to every function's role at once.
    (this.function.node.defaultChild as CfnFunction).tracingConfig = { mode: Tracing.ACTIVE };
  }
}

/** What X-Ray's active tracing needs: sending segments and telemetry, which IAM cannot scope to a resource. */
export class FunctionTracing extends Construct {
  readonly policy: Policy;

  constructor(scope: Construct, id: string, roles: readonly IRole[]) {
    super(scope, id);
    this.policy = new Policy(this, 'Policy', {
      roles: [...roles],
      statements: [
        new PolicyStatement({
          actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
          resources: ['*'],
        }),
      ],
    });
    Validations.of(this.policy).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      reason:
        "xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions; this policy grants those two actions and nothing else, so a wildcard in a function's own policy still fails the check.",
    });
  }
}
