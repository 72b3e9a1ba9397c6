/** Reading a synthesised assembly in the infra tests: resources by type, cdk-nag's report, route authorization. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RouteDeclaration } from '@shifa/functions/routes';
import type { Template } from 'aws-cdk-lib/assertions';

export type Resource = { Type: string; Properties: Record<string, unknown> };

export type Violation = {
  ruleName: string;
  severity: string;
  violatingConstructs: { constructPath: string }[];
  reason?: string;
};

type PluginReport = { pluginName: string; violations: Violation[]; suppressedViolations?: Violation[] };

export const resourcesOf = (template: Template, type: string): [string, Resource][] =>
  Object.entries(template.findResources(type) as Record<string, Resource>);

/** cdk-nag's AWS Solutions report, as CDK's validation plugins wrote it into the assembly. */
export const nagReport = (assemblyDir: string): { violations: Violation[]; suppressed: Violation[] } => {
  const file = join(assemblyDir, 'validation-report.json');
  const reports = (JSON.parse(readFileSync(file, 'utf8')) as { pluginReports: PluginReport[] }).pluginReports;
  const nag = reports.find((report) => report.pluginName === 'AwsSolutions');
  if (!nag) throw new Error('cdk-nag did not run during synthesis');
  return { violations: nag.violations, suppressed: nag.suppressedViolations ?? [] };
};

export const describeViolation = (v: Violation): string =>
  `${v.ruleName} (${v.severity}) on ${v.violatingConstructs.map((c) => c.constructPath).join(', ')}`;

export const routeKey = (route: Pick<RouteDeclaration, 'method' | 'path'>): string =>
  `${route.method} ${route.path}`;

/** How API Gateway will authorise one route: the type, and the authorizer's logical id if any. */
export const authorizationOf = (
  template: Template,
  key: string,
): { type: unknown; authorizerId: string | undefined } => {
  const route = resourcesOf(template, 'AWS::ApiGatewayV2::Route').find(
    ([, r]) => r.Properties.RouteKey === key,
  );
  if (!route) throw new Error(`no API route ${key}`);
  const ref = route[1].Properties.AuthorizerId as { Ref: string } | undefined;
  return { type: route[1].Properties.AuthorizationType, authorizerId: ref?.Ref };
};
