/** A page of a list: the rows to skip and the page size (the store reads one row past it, to learn has_more). */
export interface Page {
  /** Rows to skip. */
  offset: number;
  perPage: number;
  /**
   * The ID of the previous page's last row, when its cursor carries one: a list that can
   * starts right after that row (read from its index), and skips `offset` rows only when the
   * row is gone.
   */
  after?: string;
}
