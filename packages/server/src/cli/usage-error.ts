/** A bad flag or value: the command line prints its message on one line and exits with 2. */
export class UsageError extends Error {
  override name = 'UsageError';
  /** A mistyped command: the list of commands follows the message. */
  readonly showUsage: boolean;

  constructor(message: string, options: { showUsage?: boolean } = {}) {
    super(message);
    this.showUsage = options.showUsage ?? false;
  }
}
