export * from './bucket';
export * from './policy';
export * from './records';
export * from './settings';
