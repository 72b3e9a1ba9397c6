export * from './logger';
export * from './settings';
