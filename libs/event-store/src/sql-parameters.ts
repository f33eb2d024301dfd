/**
 * The parameters of one SQL statement assembled from parts (the append and the rows
 * written beside it): each value is added once and referenced as `$n::type`, so every
 * part states the type of what it sends and the numbering never goes out of step.
 */
export class SqlParameters {
  readonly values: unknown[] = [];

  /** `$n::type` for `value`, appended as the next parameter. */
  add(value: unknown, type: string): string {
    this.values.push(value);
    return `$${this.values.length}::${type}`;
  }
}
