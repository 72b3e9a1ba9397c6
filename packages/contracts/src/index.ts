export * from './catalog';
export * from './catalog-api';
export * from './common';
export * from './errors';
export * from './identity';
export * from './params';
