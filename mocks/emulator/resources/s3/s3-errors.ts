// S3's errors (SEMANTICS.md §17.12): a code, an HTTP status and the fields S3 adds to its XML
// error body. The transport (mocks/handlers.ts) renders any ServiceError of an S3 call as
// `<Error><Code/><Message/>...<Resource/><RequestId/></Error>`.
import { ServiceError } from '../../errors';

/** An S3 error answer: `name` is S3's error code. */
export class S3Error extends ServiceError {
  override readonly name: string;
  readonly status: number;
  /** Extra elements of the error body, in order (`BucketName`, `Key`, `ArgumentName`, ...). */
  readonly fields: readonly (readonly [string, string])[];

  constructor(code: string, status: number, message: string, fields: readonly (readonly [string, string])[] = []) {
    super(message);
    this.name = code;
    this.status = status;
    this.fields = fields;
  }
}

/** 404 NoSuchBucket. */
export function noSuchBucket(bucket: string): S3Error {
  return new S3Error('NoSuchBucket', 404, 'The specified bucket does not exist', [['BucketName', bucket]]);
}

/** 404 NoSuchKey. */
export function noSuchKey(key: string): S3Error {
  return new S3Error('NoSuchKey', 404, 'The specified key does not exist.', [['Key', key]]);
}

/** 400 InvalidArgument, naming the argument. */
export function invalidArgument(message: string, name: string, value: string): S3Error {
  return new S3Error('InvalidArgument', 400, message, [
    ['ArgumentName', name],
    ['ArgumentValue', value],
  ]);
}

/** 501 NotImplemented: an S3 operation the emulator does not serve. */
export function notImplemented(): S3Error {
  return new S3Error(
    'NotImplemented',
    501,
    'A header or query you provided implies functionality that is not implemented.',
  );
}
