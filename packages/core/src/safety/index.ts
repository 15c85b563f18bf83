export * from './config.ts';
export * from './contact-details.ts';
export * from './contact-details-json.ts';
export * from './replies.ts';
export * from './rules.ts';
export * from './screen.ts';
export * from './types.ts';
