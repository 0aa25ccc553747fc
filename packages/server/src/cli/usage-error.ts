/** A bad flag or value: the command line prints its message on one line and exits with 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
