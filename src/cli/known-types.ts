/** The destination types of the Node platform, which the CLI accepts without `--type`. */
export const NODE_DESTINATION_TYPES: readonly string[] = Object.freeze(['console', 'memory', 'file', 'http']);

/** The built-in types plus those named with `--type` (custom types the application registers). */
export function cliKnownTypes(extra: readonly string[] | undefined): ReadonlySet<string> {
  return new Set([...NODE_DESTINATION_TYPES, ...(extra ?? [])]);
}
