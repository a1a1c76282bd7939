/** The SDK version, sent with every batch. Kept in step with package.json by a test. */
export const SDK_VERSION = '0.1.0';
