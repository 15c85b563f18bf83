/**
 * A failure the CLI expects (the API said no, the Backend is down, a job failed): `bin.ts` prints
 * `coach: <message>` as one line on stderr and exits with `exitCode`, without a stack trace.
 */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}

/** The command was called wrongly or cannot know where to connect: exit 2, like commander's own usage errors. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, 2);
  }
}

/** The API answered with an error status; the message is its `detail`. */
export class ApiError extends CliError {
  readonly status: number;
  constructor(status: number, detail: string) {
    super(detail);
    this.status = status;
  }
}
