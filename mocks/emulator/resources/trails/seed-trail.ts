// The seeded trail (SEMANTICS.md §17.16): `management-events`, multi-region with log file
// validation, created and started in the console by the SSO session a day before the seeded past
// ends. Its calls go through the pipeline like a client's, so history holds their records; the
// files it would have delivered since are written at seed time by delivery (seed-trail-files.ts).
import { HOUR } from '../../clock';
import { CONSOLE_USER_AGENT_TOKEN } from '../../context';
import { DEFAULT_ACCOUNT, SSO_ACCESS_KEY } from '../../identities';
import type { SeedCall } from '../../resource';
import type { EmulatorState } from '../../state';
import { trailArn } from './trail';

/** The seeded trail (§17.16). */
export const SEEDED_TRAIL = {
  name: 'management-events',
  region: 'us-east-1',
  bucket: `aws-cloudtrail-logs-${DEFAULT_ACCOUNT}-3f7c2a91`,
  /** Created and started this long before the anchor. */
  startedBefore: 24 * HOUR,
} as const;

/** The seeded trail's ARN. */
export const SEEDED_TRAIL_ARN = trailArn(SEEDED_TRAIL.region, DEFAULT_ACCOUNT, SEEDED_TRAIL.name);

const CONSOLE_BROWSER = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0';

/** CreateTrail then StartLogging, as the console makes them ("logging is turned on automatically", §17.15). */
export function trailSeedCalls(state: EmulatorState): SeedCall[] {
  if (state.config.seededTrail === false) return [];
  const at = state.config.anchor - SEEDED_TRAIL.startedBefore;
  const info = {
    accessKeyId: SSO_ACCESS_KEY,
    region: SEEDED_TRAIL.region,
    sourceIp: '198.51.100.61',
    userAgent: `${CONSOLE_BROWSER} ${CONSOLE_USER_AGENT_TOKEN}0.1.0`,
  };
  return [
    {
      service: 'cloudtrail',
      operation: 'CreateTrail',
      input: {
        Name: SEEDED_TRAIL.name,
        S3BucketName: SEEDED_TRAIL.bucket,
        IsMultiRegionTrail: true,
        EnableLogFileValidation: true,
      },
      info,
      at,
    },
    { service: 'cloudtrail', operation: 'StartLogging', input: { Name: SEEDED_TRAIL.name }, info, at },
  ];
}
