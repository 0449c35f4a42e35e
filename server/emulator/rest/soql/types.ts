// What a query runs with: the caller's user, the clock, and whether deleted records are included (queryAll).
export interface QueryOptions {
  /** queryAll: deleted records (IsDeleted = true) are included. */
  includeDeleted: boolean;
  now: number;
  userId: string;
}
