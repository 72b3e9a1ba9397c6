/**
 * The structured JSON logger every function shares. It logs request metadata
 * and error codes only: never bodies, query values, names or health data.
 */
import { Logger } from '@aws-lambda-powertools/logger';

export const logger = new Logger({ serviceName: 'shifa' });
