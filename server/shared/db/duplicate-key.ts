// The database's answer to an insert that a unique index refused: how every claim by unique key learns it lost.
export const isDuplicateKey = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && 'code' in error && error.code === 11000;
