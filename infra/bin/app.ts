/**
 * Entry point for the CDK CLI (see cdk.json). Synthesises the app, then tells how near each stack is
 * to CloudFormation's resource limit (on stderr, which the CLI shows, so `cdk synth` output stays a template).
 */
import { createShifaApp, describeResources, resourcesPerStack } from '../lib/app';

const { app } = createShifaApp();
console.error(describeResources(resourcesPerStack(app.synth())));
