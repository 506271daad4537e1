// The S3 read surface (SEMANTICS.md §17.12): the bucket registry, object metadata and the S3
// operations, served by the one pipeline like every call, but never self-recorded (S3 calls are
// not CloudTrail calls) and never throttled.
import type { OperationDefinition, ResourceDefinition } from '../../resource';
import { S3_BUCKETS } from './s3-buckets';
import { S3_OBJECTS } from './s3-objects';
import {
  deleteObjectOperation,
  getBucketLocation,
  getObject,
  headBucket,
  headObject,
  listBuckets,
  listObjects,
  listObjectsV2,
} from './s3-operations';
import { parseS3Request, type S3Operation } from './s3-request';

const operation = (run: OperationDefinition['run']): OperationDefinition => ({
  run,
  parse: parseS3Request,
  record: false,
});

const operations: Record<S3Operation, OperationDefinition> = {
  ListBuckets: operation(listBuckets),
  GetBucketLocation: operation(getBucketLocation),
  HeadBucket: operation(headBucket),
  ListObjects: operation(listObjects),
  ListObjectsV2: operation(listObjectsV2),
  GetObject: operation(getObject),
  HeadObject: operation(headObject),
  DeleteObject: operation(deleteObjectOperation),
};

export const s3Resource: ResourceDefinition = {
  name: 's3',
  collections: [S3_BUCKETS, S3_OBJECTS],
  operations: { s3: operations },
};
