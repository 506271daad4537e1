import { expect, test } from 'vitest';
import { canonicalJson, diffJson, formatJsonValue } from './json-diff';

const arn = 'arn:aws:s3:::acme-data-lake-curated';
const deny = {
  Sid: 'DenyInsecureTransport',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: [arn, `${arn}/*`],
};
const glue = { Sid: 'AllowGlueCrawlerRead', Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'] };
const publicRead = { Sid: 'AllowPublicRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject' };
const policy = (...Statement: object[]) => ({
  bucketName: 'acme-data-lake-curated',
  bucketPolicy: { Version: '2012-10-17', Statement },
});

test('equal values, whatever their key order, have no differences', () => {
  expect(diffJson({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toEqual([]);
  expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe('{"a":{"c":3,"d":2},"b":1}');
});

test('policy statements are matched by Sid: one added', () => {
  expect(diffJson(policy(deny, glue), policy(deny, glue, publicRead))).toEqual([
    { path: 'bucketPolicy.Statement[Sid=AllowPublicRead]', kind: 'added', after: publicRead },
  ]);
});

test('a statement removed and another changed in place, reordering ignored', () => {
  const wider = { ...glue, Action: ['s3:GetObject', 's3:ListBucket', 's3:PutObject'] };
  expect(diffJson(policy(deny, glue, publicRead), policy(wider, deny))).toEqual([
    { path: 'bucketPolicy.Statement[Sid=AllowGlueCrawlerRead].Action[]', kind: 'added', after: 's3:PutObject' },
    { path: 'bucketPolicy.Statement[Sid=AllowPublicRead]', kind: 'removed', before: publicRead },
  ]);
});

test('scalars change, members come and go', () => {
  expect(diffJson({ a: 1, b: 'x' }, { a: 2, c: true })).toEqual([
    { path: 'a', kind: 'changed', before: 1, after: 2 },
    { path: 'b', kind: 'removed', before: 'x' },
    { path: 'c', kind: 'added', after: true },
  ]);
});

test('arrays of objects without a name compare element by element, or as sets when the length changes', () => {
  expect(diffJson({ rules: [{ port: 22 }] }, { rules: [{ port: 443 }] })).toEqual([
    { path: 'rules[0].port', kind: 'changed', before: 22, after: 443 },
  ]);
  expect(diffJson({ rules: [{ port: 22 }] }, { rules: [{ port: 22 }, { port: 443 }] })).toEqual([
    { path: 'rules[]', kind: 'added', after: { port: 443 } },
  ]);
});

test('a whole value replaced by null or a different type is one change', () => {
  expect(diffJson({ p: { a: 1 } }, { p: null })).toEqual([
    { path: 'p', kind: 'changed', before: { a: 1 }, after: null },
  ]);
  expect(formatJsonValue({ a: 1 })).toBe('{"a":1}');
  expect(formatJsonValue('text')).toBe('text');
});
