export * from './cancellation';
export * from './catalog/get-package';
export * from './catalog/search';
export * from './catalog/views';
export * from './dates';
export * from './errors';
export * from './language';
export * from './pricing';
