/**
 * Reading a synthesised assembly in the infra tests: resources by type, cdk-nag's report,
 * route authorization, logical ids of constructs, and what a role may do; and the small
 * stand-in for web/dist that the web content stack deploys, so no test needs a Vite build.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RouteDeclaration } from '@shifa/functions/routes';
import { CfnElement, NestedStack, Stack } from 'aws-cdk-lib';
import { type Template, Template as TemplateClass } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';

/** index.html, a favicon, one hashed bundle and Vite's manifest, laid out as `npm run build` writes them. */
export const WEB_FIXTURE = fileURLToPath(new URL('./fixtures/web', import.meta.url));

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

/** The logical id CloudFormation knows a construct's resource by (its default child, for an L2). */
export const logicalIdOf = (construct: IConstruct): string => {
  const resource = construct instanceof CfnElement ? construct : construct.node.defaultChild;
  if (!(resource instanceof CfnElement))
    throw new Error(`${construct.node.path} has no CloudFormation resource`);
  return Stack.of(resource).getLogicalId(resource);
};

/** One action allowed on one resource (the resource as its JSON, tokens and all). */
export type Permission = { action: string; resource: string };

type PolicyStatement = { Effect: string; Action: string | string[]; Resource: unknown };

/**
 * Everything the policies attached to a role allow, as action × resource pairs, so a check does
 * not depend on how CDK merged statements.
 */
export const permissionsOf = (template: Template, roleLogicalId: string): Permission[] =>
  resourcesOf(template, 'AWS::IAM::Policy')
    .filter(([, policy]) =>
      JSON.stringify(policy.Properties.Roles).includes(JSON.stringify({ Ref: roleLogicalId })),
    )
    .flatMap(([, policy]) => (policy.Properties.PolicyDocument as { Statement: PolicyStatement[] }).Statement)
    .filter((statement) => statement.Effect === 'Allow')
    .flatMap((statement) =>
      [statement.Action]
        .flat()
        .flatMap((action) =>
          [statement.Resource].flat().map((resource) => ({ action, resource: JSON.stringify(resource) })),
        ),
    );

/** The role a function runs as, from its template resource. */
export const roleOf = (fn: Resource): string =>
  (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];

type Json = unknown;

/** `value` with every `{Ref: name}` of `replacements` replaced by its value, and `{Fn::GetAtt: [id, attr]}` by `outputs`. */
function substitute(
  value: Json,
  parameters: Readonly<Record<string, Json>>,
  outputs: Readonly<Record<string, Json>>,
): Json {
  if (Array.isArray(value)) return value.map((item) => substitute(item, parameters, outputs));
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, Json>;
  const keys = Object.keys(object);
  if (keys.length === 1 && typeof object.Ref === 'string' && Object.hasOwn(parameters, object.Ref)) {
    return parameters[object.Ref];
  }
  const getAtt = object['Fn::GetAtt'];
  if (
    keys.length === 1 &&
    Array.isArray(getAtt) &&
    typeof getAtt[0] === 'string' &&
    typeof getAtt[1] === 'string'
  ) {
    const output = outputs[`${getAtt[0]}.${getAtt[1]}`];
    if (output !== undefined) return output;
  }
  return Object.fromEntries(keys.map((key) => [key, substitute(object[key], parameters, outputs)]));
}

/**
 * A stack's template with its nested stacks folded in, as one template would read had they not
 * been nested: each nested stack's resources join the parent's, its parameters read as the values
 * the parent passes, and the parent's reads of its outputs as the outputs' values. The tests of
 * what the marketplace deploys hold whichever stack a resource sits in.
 */
export function flatTemplate(stack: Stack): Template {
  const template = TemplateClass.fromStack(stack).toJSON() as {
    Resources: Record<string, { Type: string; Properties?: Record<string, Json> }>;
  } & Record<string, Json>;
  const nestedStacks = stack.node
    .findAll()
    .filter((node): node is NestedStack => node instanceof NestedStack && node.nestedStackParent === stack);
  let resources: Record<string, Json> = { ...template.Resources };
  const outputs: Record<string, Json> = {};
  const folded: Record<string, Json> = {};
  for (const nested of nestedStacks) {
    const id = stack.getLogicalId(nested.nestedStackResource as CfnElement);
    const parameters = (template.Resources[id]?.Properties?.Parameters ?? {}) as Record<string, Json>;
    const inner = flatTemplate(nested).toJSON() as {
      Resources?: Record<string, Json>;
      Outputs?: Record<string, { Value: Json }>;
    };
    for (const [name, output] of Object.entries(inner.Outputs ?? {})) {
      outputs[`${id}.Outputs.${name}`] = substitute(output.Value, parameters, {});
    }
    Object.assign(folded, substitute(inner.Resources ?? {}, parameters, {}) as Record<string, Json>);
    delete resources[id];
  }
  resources = substitute({ ...resources, ...folded }, {}, outputs) as Record<string, Json>;
  return TemplateClass.fromJSON(
    { ...template, Resources: resources, Outputs: substitute(template.Outputs ?? {}, {}, outputs) },
    { skipCyclicalDependenciesCheck: true },
  );
}
