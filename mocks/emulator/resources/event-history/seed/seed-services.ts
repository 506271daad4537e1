// The AWS services of the seeded activity (SEMANTICS.md §14) and what their records share.

export type Service = 'signin' | 'iam' | 'sts' | 'ec2' | 's3' | 'lambda' | 'kms' | 'cloudtrail';

interface ServiceInfo {
  readonly eventSource: string;
  /** CloudTrail pins eventVersion per service (§5: "1.08".."1.11" when seeded). */
  readonly eventVersion: string;
  /** IAM action prefix. */
  readonly prefix: string;
  /** AWS CLI command group. */
  readonly cli: string;
  /** Service ID in SDK user agents (`api/<id>#<version>`). */
  readonly sdk: string;
  /** Version of the Go SDK v2 service client Terraform's provider ships. */
  readonly goVersion: string;
}

export const SERVICES: Readonly<Record<Service, ServiceInfo>> = {
  signin: {
    eventSource: 'signin.amazonaws.com',
    eventVersion: '1.09',
    prefix: 'signin',
    cli: 'signin',
    sdk: 'signin',
    goVersion: '1.0.0',
  },
  iam: {
    eventSource: 'iam.amazonaws.com',
    eventVersion: '1.09',
    prefix: 'iam',
    cli: 'iam',
    sdk: 'iam',
    goVersion: '1.34.1',
  },
  sts: {
    eventSource: 'sts.amazonaws.com',
    eventVersion: '1.08',
    prefix: 'sts',
    cli: 'sts',
    sdk: 'sts',
    goVersion: '1.30.1',
  },
  ec2: {
    eventSource: 'ec2.amazonaws.com',
    eventVersion: '1.10',
    prefix: 'ec2',
    cli: 'ec2',
    sdk: 'ec2',
    goVersion: '1.168.0',
  },
  s3: {
    eventSource: 's3.amazonaws.com',
    eventVersion: '1.10',
    prefix: 's3',
    cli: 's3api',
    sdk: 's3',
    goVersion: '1.58.0',
  },
  lambda: {
    eventSource: 'lambda.amazonaws.com',
    eventVersion: '1.08',
    prefix: 'lambda',
    cli: 'lambda',
    sdk: 'lambda',
    goVersion: '1.56.1',
  },
  kms: {
    eventSource: 'kms.amazonaws.com',
    eventVersion: '1.10',
    prefix: 'kms',
    cli: 'kms',
    sdk: 'kms',
    goVersion: '1.35.1',
  },
  cloudtrail: {
    eventSource: 'cloudtrail.amazonaws.com',
    eventVersion: '1.11',
    prefix: 'cloudtrail',
    cli: 'cloudtrail',
    sdk: 'cloudtrail',
    goVersion: '1.41.1',
  },
};
