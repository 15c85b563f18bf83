export * from './flow-config.ts';
export * from './generation-jobs.ts';
export * from './model-usage.ts';
export * from './persona-revisions.ts';
export * from './placeholders/index.ts';
export * from './records.ts';
export * from './structured-output.ts';
