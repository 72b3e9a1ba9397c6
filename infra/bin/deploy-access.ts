/**
 * Entry point of the deploy-access app (`npm run deploy-access`): GitHub's OIDC provider and a stage's
 * deploy role, deployed once per account and stage by an administrator (infra/lib/deploy-access.ts).
 */
import { createDeployAccessApp } from '../lib/deploy-access';

createDeployAccessApp();
