export * from './envelope';
export * from './events';
export * from './from-change';
export * from './pattern';
export * from './pipeline';
export * from './rules';
