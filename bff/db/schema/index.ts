export * from './tenancy.js';
export * from './platform.js';
export * from './signup.js';
export * from './portal.js';
