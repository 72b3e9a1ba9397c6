/** Entry point for the CDK CLI (see cdk.json); the CLI synthesises the app when this module finishes. */
import { createShifaApp } from '../lib/app';

createShifaApp();
