export * from './catalogue.js';
export * from './money.js';
