import type { FieldErrorCode, ProblemCode } from './de.js';

export const fieldErrors: Record<FieldErrorCode, string> = {
  required: 'Please fill in this field.',
  invalid_type: 'This value has the wrong type.',
  too_short: 'This is too short.',
  too_long: 'This is too long.',
  too_small: 'This value is too small.',
  too_big: 'This value is too large.',
  invalid_format: 'This is not in the expected format.',
  invalid_email: 'Please enter a valid e-mail address.',
  invalid_url: 'Please enter a valid URL.',
  invalid_choice: 'Please choose one of the options offered.',
  invalid_origin: 'Please give an origin such as https://shop.example.com (no path, no trailing slash).',
  invalid_date: 'Please enter a real date.',
  date_too_early: 'This date is too early.',
  date_too_late: 'This date is too late.',
  unknown_field: 'This field is not expected here.',
  invalid: 'This value is not valid.',
};

export const problems: Record<ProblemCode, string> = {
  validation_failed: 'Please check your input.',
  malformed_json: 'The request body is not valid JSON.',
  unsupported_media_type: 'Please send JSON (application/json).',
  unauthorized: 'The key is missing or not valid.',
  forbidden: 'This access is not allowed.',
  origin_not_allowed: 'This website is not allowed to use this key.',
  secret_key_in_browser: 'A secret key must not be used from a browser.',
  not_found: 'Not found.',
  method_not_allowed: 'This method is not allowed here.',
  payload_too_large: 'The request is too large.',
  rate_limited: 'Too many requests. Please try again later.',
  idempotency_key_reused: 'This Idempotency-Key was already used for a different request.',
  idempotency_in_progress: 'This request is still being processed. Please retry shortly.',
  invalid_idempotency_key: 'The Idempotency-Key is not valid (1 to 255 visible ASCII characters).',
  last_secret_key: 'The last active secret key cannot be revoked. Create a new one first.',
  internal_error: 'An internal error occurred. Please try again later.',
};
