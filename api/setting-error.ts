/** A setting (an environment variable or a Worker binding) the API cannot start with; the message says which and what to do. */
export class SettingError extends Error {
  override name = 'SettingError';
}
