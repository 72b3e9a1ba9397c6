export * from './envelope';
export * from './errors';
export * from './health-notes';
export * from './purposes';
export * from './sealed';
export * from './settings';
export * from './webhook-secrets';
