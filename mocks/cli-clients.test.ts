// `npm run emulator` as the real Python clients use it (issue 10): boto3 and the AWS CLI v2 manage
// trails, `aws s3 ls`/`cp` read the files a trail delivered, and `aws cloudtrail validate-logs`
// judges the digests and log files, untouched and after tampering. Every client is a real process
// against a real server process; nothing waits on the clock: DeliverTrailFiles (an emulator
// extension) delivers pending batches at once and StopLogging writes the final digest.
//
// The clients come from Debian (`apt-get install -y awscli python3-boto3`, as .ci/run does): a
// missing one fails its test with what to install. The AWS CLI v1 cannot be installed there, yet
// only it honours AWS_ENDPOINT_URL for validate-logs' S3 client; so validate-logs always runs as
// the AWS CLI v2's own command (Debian's awscli 2.9.19, whose S3 client ignores --endpoint-url:
// the runner gives every client the emulator's endpoint, which is what AWS_ENDPOINT_URL does in
// v2.13 and later), and also as the AWS CLI v1 where one is on PATH. The describe's title says
// which ran.
import {
  CloudTrailClient,
  CreateTrailCommand,
  DescribeTrailsCommand,
  GetTrailStatusCommand,
  ListTrailsCommand,
  StartLoggingCommand,
  StopLoggingCommand,
} from '@aws-sdk/client-cloudtrail';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  accessSync,
  constants,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { http, passthrough } from 'msw';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { Connection } from '@/api/connection';
import { signedFetch } from '@/api/signed-fetch';
import { server } from './node';

const ACCOUNT = '123456789012';
const ADMIN_KEY = 'AKIAEMU0ADMIN0000001';
const REGION = 'us-east-1';
/** Debian's AWS CLI v2 (package awscli); CI installs it when missing. */
const AWS_V2 = '/usr/bin/aws';
const INSTALL_AWS_V2 = 'install Debian’s AWS CLI v2: sudo apt-get install -y awscli (.ci/run does)';
const INSTALL_BOTO3 = 'install boto3: sudo apt-get install -y python3-boto3 (.ci/run does)';

/** Everything of this file lives here, so a leftover process is found by its command line. */
const root = mkdtempSync(join(tmpdir(), 'cloudtrail-cli-clients-'));
const dataDir = join(root, 'data');
const children = new Set<ChildProcess>();
let emulator: ChildProcess | undefined;
let url = '';

beforeEach(() => {
  // The msw test server intercepts every request; let the ones to the real server through.
  server.use(http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()));
});

/**
 * A trail delivers at each multiple of its interval on the server's (real) clock: with the default
 * 5 minutes, a test running across such a moment found one log file more than it delivered, and
 * one across an hour one digest more. The tests deliver with DeliverTrailFiles and StopLogging
 * only; the next automatic delivery and digest are a century of epoch time away.
 */
const NO_AUTOMATIC_DELIVERY = String(100 * 365 * 24 * 60 * 60);

/** Starts `npm run emulator`: the spawned node process is the server itself (tsx as a loader). */
function startServer(): Promise<void> {
  const child = spawn(
    process.execPath,
    [
      ...['--import', 'tsx', 'mocks/server.ts', '--port', '0', '--data-dir', dataDir],
      ...['--events', '50', '--no-throttle', '--no-simulator', '--no-seeded-trail'],
      ...['--trail-delivery-interval', NO_AUTOMATIC_DELIVERY, '--digest-interval', NO_AUTOMATIC_DELIVERY],
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  emulator = child;
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /listening on (http:\/\/[^\s:]+:\d+) \(pid (\d+)/.exec(output);
      if (ready?.[1] && ready[2]) {
        if (Number(ready[2]) !== child.pid)
          reject(new Error(`the server is pid ${ready[2]}, not ${String(child.pid)}`));
        url = ready[1];
        resolve();
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('exit', (code) => {
      reject(new Error(`emulator exited with ${String(code)}: ${output}`));
    });
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

/** Processes whose command line names this file's root: the server or a client still running. */
function leftoverPids(): number[] {
  if (!existsSync('/proc')) return [];
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(root);
      } catch {
        return false; // gone meanwhile
      }
    })
    .map(Number);
}

beforeAll(startServer, 60_000);

afterAll(async () => {
  await Promise.all([...children, ...(emulator ? [emulator] : [])].map(stop));
  const leftovers = leftoverPids();
  for (const pid of leftovers) process.kill(pid, 'SIGKILL');
  rmSync(root, { recursive: true, force: true });
  if (leftovers.length > 0) throw new Error(`processes left running: ${leftovers.join(', ')}`);
});

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
  bytes: Buffer;
}

/** The environment of every client: the admin key, us-east-1, and no user configuration. */
function clientEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_'));
  return {
    ...Object.fromEntries(inherited),
    AWS_ACCESS_KEY_ID: ADMIN_KEY,
    AWS_SECRET_ACCESS_KEY: 'secret',
    AWS_DEFAULT_REGION: REGION,
    AWS_CONFIG_FILE: join(root, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(root, 'no-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
    AWS_CLI_AUTO_PROMPT: 'off',
    // Deprecation warnings of newer Pythons would mix into what the clients print.
    PYTHONWARNINGS: 'ignore',
    ...extra,
  };
}

/** Runs a client to its end (30 s at most), keeping both outputs. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv = clientEnv()): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
    children.add(child);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      children.delete(child);
      const bytes = Buffer.concat(out);
      resolve({ code, stdout: bytes.toString(), stderr: Buffer.concat(err).toString(), bytes });
    });
  });
}

/** Fails with what a client printed on stderr unless it succeeded. */
function succeeded(ran: Ran, what: string): Ran {
  if (ran.code !== 0) throw new Error(`${what} exited with ${String(ran.code)}: ${ran.stderr}`);
  return ran;
}

/** The JSON a client printed, after checking it succeeded; nothing printed is `{}`. */
function printed(ran: Ran, what: string): Record<string, unknown> {
  const { stdout } = succeeded(ran, what);
  return (stdout.trim() === '' ? {} : JSON.parse(stdout)) as Record<string, unknown>;
}

/** The emulator extension that delivers every pending batch now, signed as the console signs it. */
async function deliverTrailFiles(): Promise<void> {
  const connection: Connection = { kind: 'local', region: REGION, endpoint: url };
  const answer = await signedFetch(connection, {
    url: new URL(`${url}/`),
    service: 'cloudtrail',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'CloudTrailEmulator_20250101.DeliverTrailFiles',
    },
    body: '{}',
  });
  expect(answer.status).toBe(200);
  expect(await answer.json()).toEqual({});
}

/** The keys under a bucket's directory: the files delivered there. */
function delivered(bucket: string): string[] {
  const directory = join(dataDir, 's3', bucket);
  if (!existsSync(directory)) return [];
  return readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .filter((path) => statSync(join(directory, path)).isFile())
    .sort();
}

function logKeyPattern(): RegExp {
  const day = String.raw`\d{4}/\d{2}/\d{2}`;
  return new RegExp(
    String.raw`^AWSLogs/${ACCOUNT}/CloudTrail/${REGION}/${day}/${ACCOUNT}_CloudTrail_${REGION}_\d{8}T\d{4}Z_[A-Za-z0-9]{16}\.json\.gz$`,
  );
}

function digestKeyPattern(trail: string): RegExp {
  const day = String.raw`\d{4}/\d{2}/\d{2}`;
  return new RegExp(
    String.raw`^AWSLogs/${ACCOUNT}/CloudTrail-Digest/${REGION}/${day}/${ACCOUNT}_CloudTrail-Digest_${REGION}_${trail}_${REGION}_\d{8}T\d{6}Z\.json\.gz$`,
  );
}

interface LogRecord {
  eventName: string;
  userAgent: string;
  requestParameters: { name?: string } | null;
  userIdentity: { userName?: string };
}

function recordsOf(gzipped: Buffer): LogRecord[] {
  return (JSON.parse(gunzipSync(gzipped).toString('utf8')) as { Records: LogRecord[] }).Records;
}

/** A timestamp as the CLI's deprecated status strings and validate-logs print it. */
function isoSeconds(milliseconds: number): string {
  return new Date(milliseconds).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
/** A timestamp as botocore prints a datetime. */
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?\+00:00$/;

/** Whether a Python interpreter imports boto3. */
async function importsBoto3(python: string): Promise<boolean> {
  const ran = await run(python, ['-c', 'import boto3']).catch(() => undefined);
  return ran?.code === 0;
}

/**
 * A Terraform-style life of a trail through boto3: each answer, or the error, printed as JSON.
 * Times print as botocore parsed them (ISO 8601).
 */
const BOTO3_TRAIL_LIFE = `
import json, sys
import boto3
from botocore.exceptions import ClientError

endpoint, name, bucket = sys.argv[1:4]
cloudtrail = boto3.client('cloudtrail', endpoint_url=endpoint, region_name='${REGION}',
                          aws_access_key_id='${ADMIN_KEY}', aws_secret_access_key='secret')
answers = []

def call(label, operation, **parameters):
    try:
        answer = getattr(cloudtrail, operation)(**parameters)
        answer.pop('ResponseMetadata', None)
    except ClientError as error:
        answer = {'Error': error.response['Error'], 'Status': error.response['ResponseMetadata']['HTTPStatusCode']}
    answers.append([label, answer])
    return answer

arn = call('CreateTrail', 'create_trail', Name=name, S3BucketName=bucket, EnableLogFileValidation=True,
           TagsList=[{'Key': 'team', 'Value': 'audit'}, {'Key': 'managed-by', 'Value': 'terraform'}]).get('TrailARN', '')
call('PutEventSelectors', 'put_event_selectors', TrailName=arn, AdvancedEventSelectors=[
    {'Name': 'Management events', 'FieldSelectors': [{'Field': 'eventCategory', 'Equals': ['Management']}]},
    {'Name': 'S3 object writes', 'FieldSelectors': [
        {'Field': 'eventCategory', 'Equals': ['Data']},
        {'Field': 'resources.type', 'Equals': ['AWS::S3::Object']},
        {'Field': 'readOnly', 'Equals': ['false']}]}])
call('PutInsightSelectors', 'put_insight_selectors', TrailName=arn,
     InsightSelectors=[{'InsightType': 'ApiCallRateInsight'}, {'InsightType': 'ApiErrorRateInsight'}])
call('StartLogging', 'start_logging', Name=arn)
call('GetTrailStatus logging', 'get_trail_status', Name=arn)
call('DescribeTrails', 'describe_trails', trailNameList=[arn])
call('GetEventSelectors', 'get_event_selectors', TrailName=arn)
call('GetInsightSelectors', 'get_insight_selectors', TrailName=arn)
call('ListTags', 'list_tags', ResourceIdList=[arn])
call('StopLogging', 'stop_logging', Name=arn)
call('GetTrailStatus stopped', 'get_trail_status', Name=name)
call('DeleteTrail', 'delete_trail', Name=name)
call('GetTrail deleted', 'get_trail', Name=name)
call('DescribeTrails deleted', 'describe_trails', trailNameList=[arn])
print(json.dumps({'boto3': boto3.__version__, 'answers': answers}, default=lambda value: value.isoformat()))
`;

test(
  'boto3 creates, configures, starts, reads, stops and deletes a trail as Terraform does',
  { timeout: 60_000 },
  async () => {
    const python = (await importsBoto3('/usr/bin/python3'))
      ? '/usr/bin/python3'
      : (await importsBoto3('python3'))
        ? 'python3'
        : undefined;
    if (python === undefined) throw new Error(`Neither /usr/bin/python3 nor python3 imports boto3: ${INSTALL_BOTO3}`);
    const name = 'terraform-trail';
    const bucket = 'aws-cloudtrail-logs-123456789012-b0703b03';
    const arn = `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/${name}`;
    const { answers } = printed(await run(python, ['-c', BOTO3_TRAIL_LIFE, url, name, bucket]), 'the boto3 script') as {
      answers: [string, Record<string, unknown>][];
    };
    const answer = new Map(answers);
    expect([...answer.keys()]).toHaveLength(answers.length);

    // Create answers no HomeRegion and no Has* members (§17.4).
    const trail = {
      Name: name,
      S3BucketName: bucket,
      IncludeGlobalServiceEvents: true,
      IsMultiRegionTrail: false,
      TrailARN: arn,
      LogFileValidationEnabled: true,
      IsOrganizationTrail: false,
    };
    expect(answer.get('CreateTrail')).toEqual(trail);
    const selectors = {
      TrailARN: arn,
      AdvancedEventSelectors: [
        { Name: 'Management events', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
        {
          Name: 'S3 object writes',
          FieldSelectors: [
            { Field: 'eventCategory', Equals: ['Data'] },
            { Field: 'resources.type', Equals: ['AWS::S3::Object'] },
            { Field: 'readOnly', Equals: ['false'] },
          ],
        },
      ],
    };
    expect(answer.get('PutEventSelectors')).toEqual(selectors);
    const insights = {
      TrailARN: arn,
      InsightSelectors: [{ InsightType: 'ApiCallRateInsight' }, { InsightType: 'ApiErrorRateInsight' }],
    };
    expect(answer.get('PutInsightSelectors')).toEqual(insights);
    expect(answer.get('StartLogging')).toEqual({});

    // Logging, nothing delivered yet: the deprecated strings are there, empty where unknown (§17.6).
    const logging = answer.get('GetTrailStatus logging') ?? {};
    expect(logging).toEqual({
      IsLogging: true,
      StartLoggingTime: expect.stringMatching(ISO_DATETIME) as unknown,
      TimeLoggingStarted: expect.stringMatching(ISO_SECONDS) as unknown,
      TimeLoggingStopped: '',
      LatestDeliveryAttemptTime: '',
      LatestDeliveryAttemptSucceeded: '',
      LatestNotificationAttemptTime: '',
      LatestNotificationAttemptSucceeded: '',
    });
    const started = Date.parse(String(logging.StartLoggingTime));
    expect(logging.TimeLoggingStarted).toBe(isoSeconds(started));

    expect(answer.get('DescribeTrails')).toEqual({
      trailList: [{ ...trail, HomeRegion: REGION, HasCustomEventSelectors: true, HasInsightSelectors: true }],
    });
    expect(answer.get('GetEventSelectors')).toEqual(selectors);
    expect(answer.get('GetInsightSelectors')).toEqual(insights);
    expect(answer.get('ListTags')).toEqual({
      ResourceTagList: [
        {
          ResourceId: arn,
          TagsList: [
            { Key: 'team', Value: 'audit' },
            { Key: 'managed-by', Value: 'terraform' },
          ],
        },
      ],
    });
    expect(answer.get('StopLogging')).toEqual({});

    // StopLogging delivered the pending batch and the final digest (§17.6, §17.11).
    const stopped = answer.get('GetTrailStatus stopped') ?? {};
    expect(stopped).toEqual({
      IsLogging: false,
      StartLoggingTime: logging.StartLoggingTime,
      StopLoggingTime: expect.stringMatching(ISO_DATETIME) as unknown,
      LatestDeliveryTime: expect.stringMatching(ISO_DATETIME) as unknown,
      LatestDigestDeliveryTime: expect.stringMatching(ISO_DATETIME) as unknown,
      TimeLoggingStarted: logging.TimeLoggingStarted,
      TimeLoggingStopped: expect.stringMatching(ISO_SECONDS) as unknown,
      LatestDeliveryAttemptTime: expect.stringMatching(ISO_SECONDS) as unknown,
      LatestDeliveryAttemptSucceeded: expect.stringMatching(ISO_SECONDS) as unknown,
      LatestNotificationAttemptTime: '',
      LatestNotificationAttemptSucceeded: '',
    });
    const stoppedAt = Date.parse(String(stopped.StopLoggingTime));
    expect(stoppedAt).toBeGreaterThanOrEqual(started);
    expect(stopped.TimeLoggingStopped).toBe(isoSeconds(stoppedAt));
    expect(stopped.LatestDeliveryAttemptSucceeded).toBe(stopped.LatestDeliveryAttemptTime);

    expect(answer.get('DeleteTrail')).toEqual({});
    expect(answer.get('GetTrail deleted')).toEqual({
      Error: { Code: 'TrailNotFoundException', Message: `Unknown trail: ${name} for the user: ${ACCOUNT}` },
      Status: 404,
    });
    expect(answer.get('DescribeTrails deleted')).toEqual({ trailList: [] });

    // Delivered objects outlive the trail (§17.4): its log file and its final digest.
    const keys = delivered(bucket);
    expect(keys.filter((key) => logKeyPattern().test(key))).toHaveLength(1);
    expect(keys.filter((key) => digestKeyPattern(name).test(key))).toHaveLength(1);
    expect(keys).toHaveLength(2);
  },
);

describe('the AWS CLI v2', () => {
  const name = 'cli-v2-trail';
  const bucket = 'aws-cloudtrail-logs-123456789012-c1102c11';
  const arn = `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/${name}`;

  function aws(...args: string[]): Promise<Ran> {
    return run(AWS_V2, [...args, '--endpoint-url', url, '--output', 'json']);
  }

  beforeAll(() => {
    // That it is v2 shows in the user agent of the records it leaves.
    if (!existsSync(AWS_V2)) throw new Error(`${AWS_V2} is missing: ${INSTALL_AWS_V2}`);
  });

  test(
    'creates, describes, starts and stops a trail; `aws s3 ls` and `aws s3 cp` read its delivered log files',
    { timeout: 90_000 },
    async () => {
      const trail = {
        Name: name,
        S3BucketName: bucket,
        IncludeGlobalServiceEvents: true,
        IsMultiRegionTrail: false,
        TrailARN: arn,
        LogFileValidationEnabled: false,
        IsOrganizationTrail: false,
      };
      expect(
        printed(await aws('cloudtrail', 'create-trail', '--name', name, '--s3-bucket-name', bucket), 'create-trail'),
      ).toEqual(trail);
      expect(printed(await aws('cloudtrail', 'describe-trails', '--trail-name-list', name), 'describe-trails')).toEqual(
        {
          trailList: [{ ...trail, HomeRegion: REGION, HasCustomEventSelectors: false, HasInsightSelectors: false }],
        },
      );
      const start = await aws('cloudtrail', 'start-logging', '--name', name);
      expect(printed(start, 'start-logging')).toEqual({});
      expect(start.stdout).toBe('');

      const logging = printed(await aws('cloudtrail', 'get-trail-status', '--name', name), 'get-trail-status');
      expect(logging).toMatchObject({ IsLogging: true, TimeLoggingStopped: '', LatestDeliveryAttemptSucceeded: '' });
      expect(logging.StartLoggingTime).toMatch(ISO_DATETIME);
      expect(logging).not.toHaveProperty('LatestDeliveryTime');
      expect(logging).not.toHaveProperty('StopLoggingTime');

      await deliverTrailFiles();
      const afterDelivery = printed(await aws('cloudtrail', 'get-trail-status', '--name', name), 'get-trail-status');
      expect(afterDelivery).toMatchObject({ IsLogging: true, StartLoggingTime: logging.StartLoggingTime });
      expect(afterDelivery.LatestDeliveryTime).toMatch(ISO_DATETIME);
      expect(afterDelivery.LatestDeliveryAttemptSucceeded).toMatch(ISO_SECONDS);
      // No log file validation, so no digests.
      expect(afterDelivery).not.toHaveProperty('LatestDigestDeliveryTime');

      expect(printed(await aws('cloudtrail', 'stop-logging', '--name', name), 'stop-logging')).toEqual({});
      const stopped = printed(await aws('cloudtrail', 'get-trail-status', '--name', name), 'get-trail-status');
      expect(stopped).toMatchObject({ IsLogging: false, StartLoggingTime: logging.StartLoggingTime });
      expect(stopped.StopLoggingTime).toMatch(ISO_DATETIME);
      expect(stopped.TimeLoggingStopped).toMatch(ISO_SECONDS);
      expect(stopped).not.toHaveProperty('LatestDigestDeliveryTime');

      // Two files: DeliverTrailFiles' and the one StopLogging delivered (its own record in it).
      const onDisk = delivered(bucket);
      expect(onDisk).toHaveLength(2);
      for (const key of onDisk) expect(key).toMatch(logKeyPattern());
      const files = onDisk.map((key) => recordsOf(readFileSync(join(dataDir, 's3', bucket, key))));
      expect(files.map((records) => records.map((record) => record.eventName).join(', ')).sort()).toEqual([
        'GetTrailStatus, StopLogging',
        'StartLogging, GetTrailStatus',
      ]);
      const records = files.flat();
      for (const record of records) {
        expect(record.userAgent).toMatch(/^aws-cli\/2\./);
        expect(record.userIdentity.userName).toBe('admin');
        expect(record.requestParameters).toEqual({ name });
      }

      const listing = succeeded(await aws('s3', 'ls', `s3://${bucket}/`, '--recursive'), 'aws s3 ls');
      const listed = listing.stdout
        .trim()
        .split('\n')
        .map((line) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\s+(\d+) (.+)$/.exec(line));
      expect(listed.map((match) => match?.[2])).toEqual(onDisk);
      expect(listed.map((match) => Number(match?.[1]))).toEqual(
        onDisk.map((key) => statSync(join(dataDir, 's3', bucket, key)).size),
      );

      const [first = ''] = onDisk;
      const copied = succeeded(await aws('s3', 'cp', `s3://${bucket}/${first}`, '-'), 'aws s3 cp');
      expect(copied.bytes.equals(readFileSync(join(dataDir, 's3', bucket, first)))).toBe(true);
      const copiedRecords = recordsOf(copied.bytes);
      expect(copiedRecords.length).toBeGreaterThan(0);
      expect(copiedRecords).toEqual(
        expect.arrayContaining([expect.objectContaining({ requestParameters: { name } }) as unknown]),
      );
    },
  );
});

interface Validator {
  label: string;
  /** Runs `aws cloudtrail validate-logs` with these arguments against the emulator. */
  validate: (args: string[]) => Promise<Ran>;
}

/** The `aws` on PATH that is the AWS CLI v1 (pip's awscli), if any: its version line. */
function awsV1OnPath(): { path: string; version: string } | undefined {
  const seen = new Set<string>();
  for (const directory of (process.env.PATH ?? '').split(delimiter)) {
    const path = join(directory, 'aws');
    try {
      accessSync(path, constants.X_OK);
    } catch {
      continue;
    }
    const real = realpathSync(path);
    if (seen.has(real)) continue;
    seen.add(real);
    const ran = spawnSync(path, ['--version'], { encoding: 'utf8', env: clientEnv(), timeout: 30_000 });
    const version = `${ran.stdout}${ran.stderr}`.trim();
    if (version.startsWith('aws-cli/1.')) return { path, version };
  }
  return undefined;
}

/** The Python the AWS CLI v2 at /usr/bin/aws runs on, from its #! line. */
function awsV2Python(): string {
  if (!existsSync(AWS_V2)) throw new Error(`${AWS_V2} is missing: ${INSTALL_AWS_V2}`);
  const shebang = /^#!\s*(\S+)/.exec(readFileSync(AWS_V2, 'utf8').split('\n', 1)[0] ?? '');
  if (!shebang?.[1]) throw new Error(`${AWS_V2} is not Debian’s Python AWS CLI v2: ${INSTALL_AWS_V2}`);
  return shebang[1];
}

/**
 * The AWS CLI v2's own `aws ...` (its clidriver, as /usr/bin/aws runs it), with every client it
 * creates pointed at the emulator, as AWS_ENDPOINT_URL does from v2.13 on; 2.9.19 would send
 * validate-logs' S3 calls to AWS.
 */
const AWS_V2_WITH_ENDPOINT = `
import os, sys
import awscli
if not awscli.__version__.startswith('2.'):
    sys.exit('not the AWS CLI v2: awscli ' + awscli.__version__)
import awscli.clidriver
import botocore.session

endpoint = os.environ['EMULATOR_ENDPOINT_URL']
create_client = botocore.session.Session.create_client

def create_client_at_endpoint(self, *args, **kwargs):
    kwargs['endpoint_url'] = kwargs.get('endpoint_url') or endpoint
    return create_client(self, *args, **kwargs)

botocore.session.Session.create_client = create_client_at_endpoint
sys.exit(awscli.clidriver.main())
`;

const awsV1 = awsV1OnPath();
const validators: Validator[] = [
  {
    label: 'the AWS CLI v2’s validate-logs (Debian’s awscli, every client at the emulator)',
    validate: (args) =>
      run(
        awsV2Python(),
        ['-c', AWS_V2_WITH_ENDPOINT, 'cloudtrail', 'validate-logs', ...args],
        clientEnv({ EMULATOR_ENDPOINT_URL: url }),
      ),
  },
  ...(awsV1
    ? [
        {
          label: `the AWS CLI v1’s validate-logs (${awsV1.version.split(' ')[0] ?? ''}, AWS_ENDPOINT_URL)`,
          validate: (args: string[]) =>
            run(awsV1.path, ['cloudtrail', 'validate-logs', ...args], clientEnv({ AWS_ENDPOINT_URL: url })),
        },
      ]
    : []),
];

describe(`aws cloudtrail validate-logs, ${awsV1 ? 'AWS CLI v1 and v2' : 'AWS CLI v2 only (no aws-cli/1.x on PATH)'}`, () => {
  describe.for(validators.map((validator, index) => [validator.label, { ...validator, index }] as const))(
    '%s',
    ([, { validate, index }]) => {
      const name = `validated-trail-${String(index + 1)}`;
      const bucket = `aws-cloudtrail-logs-123456789012-7a11d0${String(index + 1).padStart(2, '0')}`;
      const arn = `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/${name}`;
      let startTime = '';
      let digestKey = '';
      let logKeys: string[] = [];
      let keys: string[] = [];

      function validateLogs(): Promise<Ran> {
        return validate(['--trail-arn', arn, '--start-time', startTime, '--region', REGION, '--verbose']);
      }

      /** The lines a report printed, blank ones left out. */
      function reported(text: string): string[] {
        return text.split('\n').filter((printedLine) => printedLine !== '');
      }

      function line(key: string, status: string, kind = 'Log file'): string {
        return `${kind}\ts3://${bucket}/${key}\t${status}`;
      }

      beforeAll(async () => {
        server.use(http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()));
        startTime = isoSeconds(Date.now() - 5 * 60_000);
        const cloudtrail = new CloudTrailClient({
          region: REGION,
          endpoint: url,
          credentials: { accessKeyId: ADMIN_KEY, secretAccessKey: 'secret' },
          maxAttempts: 1,
        });
        await cloudtrail.send(
          new CreateTrailCommand({ Name: name, S3BucketName: bucket, EnableLogFileValidation: true }),
        );
        await cloudtrail.send(new StartLoggingCommand({ Name: name }));
        await cloudtrail.send(new ListTrailsCommand({}));
        await deliverTrailFiles();
        await cloudtrail.send(new DescribeTrailsCommand({ trailNameList: [name] }));
        await cloudtrail.send(new GetTrailStatusCommand({ Name: name }));
        await deliverTrailFiles();
        await cloudtrail.send(new StopLoggingCommand({ Name: name }));
        // One more call, after which the final digest is surely written.
        await cloudtrail.send(new GetTrailStatusCommand({ Name: name }));
        cloudtrail.destroy();

        keys = delivered(bucket);
        digestKey = keys.find((key) => digestKeyPattern(name).test(key)) ?? '';
        if (digestKey === '') throw new Error(`no digest of ${name} was delivered: ${keys.join(', ')}`);
        const digest = JSON.parse(
          gunzipSync(readFileSync(join(dataDir, 's3', bucket, digestKey))).toString('utf8'),
        ) as { logFiles: { s3Object: string }[] };
        // In delivery order, which validate-logs follows.
        logKeys = digest.logFiles.map((file) => file.s3Object);
      }, 30_000);

      test('the trail delivered three log files and one digest listing them', () => {
        expect(logKeys).toHaveLength(3);
        for (const key of logKeys) expect(key).toMatch(logKeyPattern());
        expect([...logKeys, digestKey].sort()).toEqual(keys);
      });

      test('reports the digest and every log file valid for an untouched trail', { timeout: 60_000 }, async () => {
        const ran = await validateLogs();
        expect(ran.stderr).toBe('');
        expect(ran.code).toBe(0);
        expect(ran.stdout).toContain(`Validating log files for trail ${arn} between ${startTime} and `);
        expect(ran.stdout).toContain(`${line(digestKey, 'valid', 'Digest file')}\n`);
        for (const key of logKeys) expect(ran.stdout).toContain(`${line(key, 'valid')}\n`);
        expect(ran.stdout).toMatch(/\n1\/1 digest files valid\n3\/3 log files valid\n$/);
      });

      test('names an edited log file: hash value doesn’t match', { timeout: 60_000 }, async () => {
        const [edited = ''] = logKeys;
        const path = join(dataDir, 's3', bucket, edited);
        const body = JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')) as {
          Records: { eventName: string }[];
        };
        const [first] = body.Records;
        if (first) first.eventName = 'NothingToSeeHere';
        writeFileSync(path, gzipSync(JSON.stringify(body)));

        const ran = await validateLogs();
        expect(ran.code).toBe(1);
        expect(reported(ran.stderr)).toEqual([line(edited, "INVALID: hash value doesn't match")]);
        expect(ran.stdout).toContain(`${line(digestKey, 'valid', 'Digest file')}\n`);
        expect(ran.stdout).toMatch(/\n1\/1 digest files valid\n2\/3 log files valid, 1\/3 log files INVALID\n$/);
      });

      test('names a deleted log file: not found', { timeout: 60_000 }, async () => {
        const [edited = '', deleted = '', untouched = ''] = logKeys;
        unlinkSync(join(dataDir, 's3', bucket, deleted));

        const ran = await validateLogs();
        expect(ran.code).toBe(1);
        expect(reported(ran.stderr)).toEqual([
          line(edited, "INVALID: hash value doesn't match"),
          line(deleted, 'INVALID: not found'),
        ]);
        expect(ran.stdout).toContain(`${line(untouched, 'valid')}\n`);
        expect(ran.stdout).toMatch(/\n1\/1 digest files valid\n1\/3 log files valid, 2\/3 log files INVALID\n$/);
      });
    },
  );
});
