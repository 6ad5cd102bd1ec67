/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    // TS sources import './x.js'; map that back to the .ts file.
    '^(\\.{1,2}/.*)\\.js$': '$1',
    // The emulator package's public entry, from its sources (the tests need no build of it).
    '^@ram-identity/emulator$': '<rootDir>/packages/emulator/src/index.ts',
  },
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'es6' } },
    ],
  },
  testMatch: ['**/__tests__/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/lib/'],
  testTimeout: 60000,
}
