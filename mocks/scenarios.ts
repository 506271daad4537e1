// Named faults for tests and the browser's control object; they work alike in every runtime.
import type { Emulator } from './emulator/create-emulator';
import * as errors from './emulator/errors';
import type { ServiceError } from './emulator/errors';

/** Makes the next call of `operation` fail with `error`; the failed call is still recorded. */
export function failNext(emulator: Emulator, operation: string, error: ServiceError): void {
  emulator.failNext(operation, error);
}

/** Makes the next call of `operation` fail with the model error of that name, e.g. ThrottlingException. */
export function failNextWith(emulator: Emulator, operation: string, errorName: string, message: string): void {
  const ErrorClass = (errors as unknown as Record<string, (new (message: string) => ServiceError) | undefined>)[
    errorName
  ];
  if (!ErrorClass) throw new Error(`No such error: ${errorName}`);
  emulator.failNext(operation, new ErrorClass(message));
}
