/** Codes of {@link DecotelError}: misuse at setup, or a fault reported as an `error` lifecycle event. */
export type DecotelErrorCode =
  | 'DECORATOR_TARGET'
  | 'DESTINATION_TYPE'
  | 'DESTINATION_FAILED'
  | 'GLOB_UNSUPPORTED'
  | 'LISTENER_FAILED'
  | 'CALLBACK_FAILED'
  | 'HTTP_NETWORK'
  | 'HTTP_STATUS'
  | 'SPOOL_CORRUPT'
  | 'SPOOL_IO'
  | 'CONFIG_RELOAD'
  | 'INTERNAL'
  | ConfigErrorCode;

/** Codes of {@link ConfigError}; the README has a row for each with how to fix it. */
export type ConfigErrorCode =
  | 'YAML_SYNTAX'
  | 'UNKNOWN_KEY'
  | 'INVALID_TYPE'
  | 'OUT_OF_RANGE'
  | 'MISSING_ENV'
  | 'MISSING_KEY'
  | 'INVALID_VALUE'
  | 'INVALID_PATTERN'
  | 'UNKNOWN_DESTINATION_TYPE'
  | 'FILE_NOT_FOUND'
  | 'FILE_UNREADABLE';

/** The error type of decotel: thrown only at setup, otherwise reported through `telemetry.on('error')`. */
export class DecotelError extends Error {
  override readonly name: string = 'DecotelError';
  readonly code: DecotelErrorCode;

  constructor(options: { code: DecotelErrorCode; message: string; cause?: unknown }) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code;
  }
}

/** Where in the configuration a fault is. `line` and `column` are 1-based; both are 0 when the configuration came from an object, not a file. */
export interface ConfigErrorOptions {
  code: ConfigErrorCode;
  message: string;
  path: string;
  line: number;
  column: number;
  cause?: unknown;
}

/**
 * A fault in `telemetry.config.yaml` or in the object given to `configure({ config })`.
 * The message says what was expected, what was found and where.
 */
export class ConfigError extends DecotelError {
  override readonly name = 'ConfigError';
  declare readonly code: ConfigErrorCode;
  /** The key path, e.g. `telemetry.destinations.collector.url`. */
  readonly path: string;
  /** 1-based line; 0 when the configuration was an object. */
  readonly line: number;
  /** 1-based column; 0 when the configuration was an object. */
  readonly column: number;

  constructor(options: ConfigErrorOptions) {
    super(options);
    this.path = options.path;
    this.line = options.line;
    this.column = options.column;
  }
}
