export * from './capacity-repository';
export * from './catalog-repository';
export * from './client';
export * from './cursor';
export * from './keys';
export * from './table';
