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

/** How long a client should wait before trying again while the database is away (it is restarted within seconds). */
export const RETRY_AFTER_SECONDS = 5;

/** The database cannot be reached: answered with Retry-After, since it comes back by itself. */
export const serviceUnavailable = (cause?: unknown): AppError =>
  new AppError(503, 'service_unavailable', 'serviceUnavailable', {
    cause,
    params: { retryAfterSeconds: RETRY_AFTER_SECONDS },
  });

export const payloadTooLarge = (cause?: unknown): AppError =>
  new AppError(413, 'payload_too_large', 'payloadTooLarge', { cause });

/** Not signed in: pages send the reader to the login form, the API answers 401. */
export const unauthorized = (): AppError => new AppError(401, 'unauthorized', 'unauthorized');

/** A Bearer token on the API that names no live token: unlike `unauthorized`, logging in would not help. */
export const invalidToken = (): AppError => new AppError(401, 'invalid_token', 'invalidToken');

export const forbidden = (): AppError => new AppError(403, 'forbidden', 'forbidden');

export const conflict = (key: string): AppError => new AppError(409, 'conflict', key);

const FIELD_ERROR_CODES = { 400: 'bad_request', 401: 'unauthorized', 409: 'conflict' } as const;

/**
 * A business rule a form broke, said of one field (`_` for the form as a whole): a 400 for what was typed, a 409
 * for what it clashes with, a 401 for credentials that do not match. The form is shown again with the message.
 */
export const fieldError = (field: string, key: string, status: keyof typeof FIELD_ERROR_CODES = 400): AppError =>
  new AppError(status, FIELD_ERROR_CODES[status], status === 400 ? 'badRequest' : key, {
    details: [{ field, key }],
  });

export const tooManyRequests = (retryAfterSeconds: number): AppError =>
  new AppError(429, 'too_many_requests', 'tooManyRequests', {
    // `count`: the message has a plural form per language ("1 minute", "2 minutes").
    params: { count: Math.max(1, Math.ceil(retryAfterSeconds / 60)) },
  });

export const csrfRejected = (): AppError => new AppError(403, 'csrf', 'csrf');
