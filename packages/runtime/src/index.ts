export * from './invocation';
export * from './logger';
export * from './metric-names';
export * from './metrics';
export * from './settings';
export * from './tracing';
