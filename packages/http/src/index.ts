export * from './auth';
export * from './dispatch';
export * from './errors';
export * from './handler';
export * from './headers';
export * from './parse';
export * from './responses';
export * from './route-match';
