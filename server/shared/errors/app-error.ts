// The one error family: every expected failure carries an HTTP status, a stable code and an i18n key.
export interface ErrorDetail {
  /** Which input field or query parameter is wrong. */
  field: string;
  /** i18n key (namespace `errors`) of the message for this field. */
  key: string;
  params?: Record<string, unknown>;
}

export interface AppErrorOptions {
  params?: Record<string, unknown>;
  details?: ErrorDetail[];
  cause?: unknown;
}

export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  /** i18n key: in the `errors` namespace, or `<namespace>:<key>` for a domain's own message. */
  readonly key: string;
  readonly params: Record<string, unknown>;
  readonly details: ErrorDetail[];

  constructor(status: number, code: string, key: string, options: AppErrorOptions = {}) {
    super(code, { cause: options.cause });
    this.name = 'AppError';
    this.status = status;
    this.code = code;
    this.key = key;
    this.params = options.params ?? {};
    this.details = options.details ?? [];
  }
}

export const badRequest = (details: ErrorDetail[]): AppError =>
  new AppError(400, 'bad_request', 'badRequest', { details });

export const notFound = (key = 'notFound'): AppError => new AppError(404, 'not_found', key);

export const serviceUnavailable = (cause?: unknown): AppError =>
  new AppError(503, 'service_unavailable', 'serviceUnavailable', { cause });

/** Not signed in: pages send the reader to the login form, the API answers 401. */
export const unauthorized = (): AppError => new AppError(401, 'unauthorized', 'unauthorized');

/** A Bearer token on the API that names no live token: unlike `unauthorized`, logging in would not help. */
export const invalidToken = (): AppError => new AppError(401, 'invalid_token', 'invalidToken');

export const forbidden = (): AppError => new AppError(403, 'forbidden', 'forbidden');

export const conflict = (key: string): AppError => new AppError(409, 'conflict', key);

export const tooManyRequests = (retryAfterSeconds: number): AppError =>
  new AppError(429, 'too_many_requests', 'tooManyRequests', {
    params: { minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)) },
  });

export const csrfRejected = (): AppError => new AppError(403, 'csrf', 'csrf');
