/**
 * A config file that cannot be audited: one line `<file>: <field>: <problem>`. The problem never
 * quotes the file's values (they may be secrets): only field names and what was expected.
 */
export class AuditInputError extends Error {
  override readonly name = 'AuditInputError';
  constructor(
    readonly file: string,
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${file}: ${field || '(root)'}: ${problem}`);
  }
}
