// Trail names, trail ARNs and how a reference resolves (SEMANTICS.md §17.2): by name only in the
// trail's home region; by ARN also from another region, with what that gives depending on the
// operation's class (read, describe, write, tags).
import type { RequestContext } from '../../context';
import {
  CloudTrailARNInvalidException,
  InvalidHomeRegionException,
  InvalidTrailNameException,
  ResourceNotFoundException,
  TrailNotFoundException,
} from '../../errors';
import { isRegion } from '../../identities';
import { TRAILS, trailArn, trailResource, type StoredTrail } from './trail';

const NAME_CHARACTERS = /^[A-Za-z0-9._-]+$/;
const ALPHANUMERIC = /^[A-Za-z0-9]$/;
const ADJACENT_SEPARATORS = /[._-]{2}/;
const IP_ADDRESS = /^\d{1,3}(\.\d{1,3}){3}$/;
const TRAIL_ARN = /^arn:aws:cloudtrail:([a-z0-9-]+):(\d{12}):trail\/(.+)$/;

/** Why a trail name is invalid, with CloudTrail's message (§17.2 rules 1-4), or undefined when it is valid. */
export function trailNameProblem(name: string): string | undefined {
  const length = String(name.length);
  if (name.length < 3)
    return `Trail name too short. Minimum allowed length: 3 characters. Specified name length: ${length} characters.`;
  if (name.length > 128)
    return `Trail name too long. Maximum allowed length: 128 characters. Specified name length: ${length} characters.`;
  if (!ALPHANUMERIC.test(name.charAt(0))) return 'Trail name must starts with a letter or number.';
  if (!ALPHANUMERIC.test(name.charAt(name.length - 1))) return 'Trail name must ends with a letter or number.';
  if (!NAME_CHARACTERS.test(name))
    return 'Trail name or ARN can only contain uppercase letters, lowercase letters, numbers, periods (.), hyphens (-), and underscores (_).';
  // Decision (§17.2 rule 4): CloudTrail documents these rules without quoting its message.
  if (ADJACENT_SEPARATORS.test(name) || IP_ADDRESS.test(name)) return `Trail name ${name} is not valid.`;
  return undefined;
}

/** Checks a trail name; throws InvalidTrailNameException with CloudTrail's message. */
export function checkTrailName(name: string): void {
  const problem = trailNameProblem(name);
  if (problem !== undefined) throw new InvalidTrailNameException(problem);
}

/** Whether a reference is an ARN (§17.2: anything starting with `arn:`). */
export function isArnReference(reference: string): boolean {
  return reference.startsWith('arn:');
}

/** A parsed trail ARN. */
export interface TrailArnParts {
  readonly region: string;
  readonly account: string;
  readonly name: string;
}

/**
 * The parts of a trail ARN: a served region, an account and a valid name; else
 * CloudTrailARNInvalidException. Another account than the caller's is refused with CloudTrail's message.
 */
export function parseTrailArn(reference: string, account: string): TrailArnParts {
  const match = TRAIL_ARN.exec(reference);
  const [, region = '', arnAccount = '', name = ''] = match ?? [];
  if (!match || !isRegion(region) || trailNameProblem(name) !== undefined)
    throw new CloudTrailARNInvalidException(`Invalid trail ARN: ${reference}`);
  if (arnAccount !== account)
    throw new CloudTrailARNInvalidException(
      `AccountID in ARN is wrong, you can only access resources with AccountID ${account}.`,
    );
  return { region, account: arnAccount, name };
}

/** Checks the format of a reference (name rules or ARN form), before anything is resolved. */
export function checkTrailReference(reference: string, account: string): void {
  if (isArnReference(reference)) parseTrailArn(reference, account);
  else checkTrailName(reference);
}

/** How an operation resolves a trail reference (§17.2 table). */
export type ResolutionClass = 'read' | 'write' | 'tags';

/** TrailNotFoundException with CloudTrail's message; GetTrailStatus and GetEventSelectors name the ARN. */
function notFound(context: RequestContext, reference: string): Error {
  const shown =
    !isArnReference(reference) && (context.operation === 'GetTrailStatus' || context.operation === 'GetEventSelectors')
      ? trailArn(context.region, context.account, reference)
      : reference;
  return new TrailNotFoundException(`Unknown trail: ${shown} for the user: ${context.account}`);
}

/**
 * The trail a reference names, for an operation of the given class (§17.2): names resolve only
 * trails homed in the request region; ARNs resolve what they name, and a trail homed elsewhere is
 * served to reads when multi-region (a shadow), refused to writes (InvalidHomeRegionException when
 * multi-region, else not found) and to tag calls (CloudTrailARNInvalidException). A found trail
 * joins the call's self-record resources.
 */
export function resolveTrail(context: RequestContext, reference: string, kind: ResolutionClass): StoredTrail {
  const { state, account, region } = context;
  const trails = state.table<StoredTrail>(TRAILS);
  let trail: StoredTrail | undefined;
  if (!isArnReference(reference)) {
    if (kind === 'tags') throw new CloudTrailARNInvalidException(`Invalid trail ARN: ${reference}`);
    checkTrailName(reference);
    trail = trails.get(trailArn(region, account, reference));
    if (!trail) throw notFound(context, reference);
  } else {
    const parts = parseTrailArn(reference, account);
    if (kind === 'tags' && parts.region !== region)
      throw new CloudTrailARNInvalidException(
        `Region in ARN is wrong, you can only access resources in region ${region}.`,
      );
    trail = trails.get(reference);
    if (!trail) {
      if (kind === 'tags') throw new ResourceNotFoundException(`Resource not found: ${reference}`);
      throw notFound(context, reference);
    }
    if (trail.homeRegion !== region) {
      if (!trail.isMultiRegionTrail) throw notFound(context, reference);
      if (kind === 'write')
        throw new InvalidHomeRegionException(
          `The trail ${trail.arn} can only be modified from its home Region ${trail.homeRegion}.`,
        );
    }
  }
  context.resources.push(trailResource(trail));
  return trail;
}
