/** Every write of POLICY.md "Writes (version 1)", grouped by concern; routes and tests import from here. */
export type { WriteResult } from '../write-result';
export { badInput, type Context } from './skeleton';
export * from './consents';
export * from './consultations';
export * from './invitations';
export * from './meetings';
export * from './members';
export * from './plan';
export * from './safety';
export * from './services';
export * from './tags';
export * from './team';
export * from './voice';
export * from './threads';
