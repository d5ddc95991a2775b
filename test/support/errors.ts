import { AppError } from '../../functions/shared/errors.js';

/** The AppError code `run` throws (another error as its text), or undefined when it returns. */
export function thrownCode(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof AppError ? error.code : String(error);
  }
  return undefined;
}
