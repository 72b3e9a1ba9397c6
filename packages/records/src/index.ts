export * from './bucket';
export * from './records';
export * from './settings';
