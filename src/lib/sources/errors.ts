/**
 * The one error type of the sources module. Bad data (a source entry, a package's `package.json`)
 * and failed installs throw it with a one-line message naming the file or source and the field.
 */

/** A source cannot be prepared: bad entry, failed install, missing bin. `source` is the source id. */
export class SourceError extends Error {
  override readonly name = 'SourceError';
  /** Id of the source (or the file) the problem is about. */
  readonly source: string;
  /** Dotted path of the offending field, when there is one (e.g. `env.HOME`, `bin`). */
  readonly field: string | undefined;

  constructor(source: string, message: string, field?: string) {
    const line = message.replace(/\s*\n\s*/g, ' | ');
    super(field ? `${source}: ${field}: ${line}` : `${source}: ${line}`);
    this.source = source;
    this.field = field;
  }
}
