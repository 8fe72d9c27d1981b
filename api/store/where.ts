/**
 * Hand-built SQL conditions of the /v1 lists still written in SQL text; lists move to
 * drizzle's query builder (and, eq, …) and this goes with the last of them.
 */
/** A WHERE clause built condition by condition, numbering its parameters. */
export class Where {
  readonly conditions: string[] = [];
  constructor(readonly params: unknown[]) {}

  /**
   * Adds `sql` with `$?` replaced by the next parameter. Text with a NUL character matches
   * nothing (Postgres stores no such text, and refuses it as a parameter).
   */
  add(sql: string, value: unknown): this {
    if (typeof value === 'string' && value.includes('\u0000')) return this.none();
    this.params.push(value);
    this.conditions.push(sql.replace('$?', `$${this.params.length}`));
    return this;
  }

  /** A condition that matches nothing (a filter naming an object that is not the account's). */
  none(): this {
    this.conditions.push('FALSE');
    return this;
  }

  toString(): string {
    return this.conditions.join(' AND ');
  }
}
