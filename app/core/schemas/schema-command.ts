// The schema reader's command line, for an exec or a container in the project's image.

/**
 * `python -m tools.schema ARGS` in /opt/program, or `server.schema` in an image built before the
 * template's tools left server/ (its Dockerfile copies no tools/).
 */
export const schemaCommand = (...args: string[]) => [
  "sh",
  "-c",
  'if [ -f tools/schema.py ]; then exec python -m tools.schema "$@"; else exec python -m server.schema "$@"; fi',
  "schema",
  ...args,
];
