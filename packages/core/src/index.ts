export * from './records.ts';
export * from './structured-output.ts';
