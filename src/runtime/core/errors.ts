/**
 * A user error: a bad request or bad configuration, answered with a 4xx and a message that names the field,
 * the value and the fix. Everything else is a system error (5xx, retried or surfaced).
 */
export class UserError extends Error {
  constructor(
    message: string,
    /** HTTP status to answer with. @default 400 */
    readonly status: 400 | 401 | 403 | 404 | 409 | 422 | 503 = 400,
  ) {
    super(message);
    this.name = "UserError";
  }
}
