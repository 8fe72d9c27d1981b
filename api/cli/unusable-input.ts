/** The input cannot be used at all (exit status 2). */
export class UnusableInputError extends Error {}
