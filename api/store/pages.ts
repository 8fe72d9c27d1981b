/** A page of a list: the rows to skip and the page size (the store reads one row past it, to learn has_more). */
export interface Page {
  /** Rows to skip. */
  offset: number;
  perPage: number;
}
