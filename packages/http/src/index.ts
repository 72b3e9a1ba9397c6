export * from './auth';
export * from './errors';
export * from './handler';
export * from './logger';
export * from './parse';
export * from './responses';
export * from './route-match';
