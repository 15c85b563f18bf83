export { createBrainApp } from './app.ts';
export { type RunningBrain, startBrainService } from './server.ts';
