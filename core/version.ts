/** The application version, kept in step with package.json by test/core/version.test.ts. */
export const TEGAMI_VERSION = '0.1.0';
