// PutResourcePolicy, GetResourcePolicy and DeleteResourcePolicy (SEMANTICS.md §12.4), and the
// evaluation of a channel's policy for PutAuditEvents. Channel policies follow the CloudTrail User
// Guide's "Resource-based policy examples for channels": they let other accounts call
// cloudtrail-data:PutAuditEvents on one channel, optionally only with an external ID.
// Event data store and dashboard policies are stored but, as in the emulator's scope, never
// enforced (§12.4, §18.8); a dashboard policy must have the documented shape (§18.11).
import type {
  DeleteResourcePolicyRequest,
  DeleteResourcePolicyResponse,
  GetResourcePolicyRequest,
  GetResourcePolicyResponse,
  PutResourcePolicyRequest,
  PutResourcePolicyResponse,
} from '@aws-sdk/client-cloudtrail';
import { channelResource, findChannel, parseChannelReference, type StoredChannel } from '../channels/channel';
import type { RequestContext } from '../../context';
import { dashboardResource, findDashboard, parseDashboardArn } from '../dashboards/dashboard';
import {
  OperationNotPermittedException,
  ResourceARNNotValidException,
  ResourceNotFoundException,
  ResourcePolicyNotFoundException,
  ResourcePolicyNotValidException,
  ResourceTypeNotSupportedException,
} from '../../errors';
import type { EmulatorState } from '../../state';
import {
  EVENT_DATA_STORES,
  eventDataStoreResource,
  isPurged,
  parseEventDataStoreReference,
  sweepEventDataStores,
  type StoredEventDataStore,
} from '../event-data-stores/event-data-store';
import { MAX_CHANNEL_POLICY_PRINCIPALS, MAX_CHANNEL_POLICY_STATEMENTS } from '../../../../src/lib/cloudtrail-limits';

/** The entity collection of resource policies, keyed by the resource's ARN. */
export const RESOURCE_POLICIES = 'resourcePolicies';

/** Statements and principals a channel policy may hold (§15). */
export const MAX_POLICY_STATEMENTS = MAX_CHANNEL_POLICY_STATEMENTS;
export const MAX_POLICY_PRINCIPALS = MAX_CHANNEL_POLICY_PRINCIPALS;

/** The only action a channel policy may grant. */
const PUT_AUDIT_EVENTS_ACTION = 'cloudtrail-data:PutAuditEvents';
const EXTERNAL_ID_KEY = 'cloudtrail:ExternalId';

type PolicyTarget =
  | { kind: 'channel'; arn: string; channel: StoredChannel }
  | { kind: 'store'; arn: string }
  | { kind: 'dashboard'; arn: string };

const ARN = /^arn:aws[a-z-]*:([a-z0-9-]*):[a-z0-9-]*:(?:\d{12})?:(.+)$/;

/**
 * The resource a policy call names, by ARN type (§12.4, §18.11): channels, event data stores and
 * dashboards of the caller's account in the request region. Not an ARN, or a CloudTrail ARN whose
 * resource part is malformed: ResourceARNNotValidException; a well-formed ARN of a missing channel,
 * store or dashboard: ResourceNotFoundException; a built-in dashboard:
 * OperationNotPermittedException; trails and other services: ResourceTypeNotSupportedException.
 */
function resolvePolicyTarget(context: RequestContext, resourceArn: string): PolicyTarget {
  const match = ARN.exec(resourceArn);
  if (!match) throw new ResourceARNNotValidException(`'${resourceArn}' is not a valid resource ARN.`);
  const [, service, resource = ''] = match;
  if (service !== 'cloudtrail')
    throw new ResourceTypeNotSupportedException(
      `Resource policies are not supported for resources of ${service === '' ? 'an unnamed service' : (service ?? '')}.`,
    );
  const type = resource.split('/')[0] ?? '';
  const notFound = () => new ResourceNotFoundException(`The resource '${resourceArn}' was not found.`);
  switch (type) {
    case 'channel': {
      const parsed = parseChannelReference(resourceArn, context);
      if (!parsed) throw new ResourceARNNotValidException(`'${resourceArn}' is not a valid channel ARN.`);
      const channel =
        parsed.account === context.account && parsed.region === context.region
          ? findChannel(context.state, parsed)
          : undefined;
      if (!channel) throw notFound();
      context.resources.push(channelResource(channel));
      return { kind: 'channel', arn: channel.arn, channel };
    }
    case 'eventdatastore': {
      const parsed = parseEventDataStoreReference(resourceArn, context);
      if (!parsed) throw new ResourceARNNotValidException(`'${resourceArn}' is not a valid event data store ARN.`);
      sweepEventDataStores(context.state, context.now);
      const store = context.state.table<StoredEventDataStore>(EVENT_DATA_STORES).get(parsed.id);
      if (
        !store ||
        isPurged(store, context.now) ||
        store.account !== context.account ||
        store.region !== context.region ||
        parsed.account !== context.account ||
        parsed.region !== context.region
      )
        throw notFound();
      context.resources.push(eventDataStoreResource(store));
      return { kind: 'store', arn: store.arn };
    }
    case 'dashboard': {
      const parsed = parseDashboardArn(resourceArn);
      if (!parsed) throw new ResourceARNNotValidException(`'${resourceArn}' is not a valid dashboard ARN.`);
      const found =
        parsed.account === context.account && parsed.region === context.region
          ? findDashboard(context.state, parsed.account, parsed.region, parsed.name)
          : undefined;
      if (!found) throw notFound();
      // Decision (§18.11): the built-ins are CloudTrail's; no policy can be attached to them.
      if (found.kind === 'built-in')
        throw new OperationNotPermittedException(
          `Dashboard ${found.dashboard.name} is managed by CloudTrail; it cannot have a resource policy.`,
        );
      context.resources.push(dashboardResource(found.dashboard));
      return { kind: 'dashboard', arn: found.dashboard.arn };
    }
    default:
      throw new ResourceTypeNotSupportedException(
        `Resource policies are not supported for CloudTrail resources of type '${type}'.`,
      );
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(message: string): never {
  throw new ResourcePolicyNotValidException(message);
}

/** A policy element that may be one string or a list of them, as a list; undefined when it is neither. */
function stringList(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value;
  return undefined;
}

function parsePolicyObject(text: string): Record<string, unknown> {
  let policy: unknown;
  try {
    policy = JSON.parse(text);
  } catch {
    invalid('The resource policy is not valid JSON.');
  }
  if (!isObject(policy)) invalid('The resource policy must be a JSON object.');
  return policy;
}

const ACCOUNT_ID = /^\d{12}$/;
const IAM_PRINCIPAL = /^arn:aws:iam::\d{12}:(?:root|(?:user|role)\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]+)$/;
const ASSUMED_ROLE = /^arn:aws:sts::\d{12}:assumed-role\/[\w+=,.@-]+\/[\w+=,.@-]+$/;
const STATEMENT_KEYS = new Set(['Sid', 'Effect', 'Principal', 'Action', 'Resource', 'Condition']);
const POLICY_VERSIONS = ['2012-10-17', '2008-10-17'];

/** The policy statements, checked against §12.4's rules for a channel with this ARN. */
function checkChannelStatement(statement: unknown, label: string, channelArn: string) {
  if (!isObject(statement)) invalid(`${label} must be a JSON object.`);
  for (const key of ['NotPrincipal', 'NotAction', 'NotResource'])
    if (key in statement) invalid(`${label}: ${key} is not supported in a channel policy.`);
  for (const key of Object.keys(statement))
    if (!STATEMENT_KEYS.has(key)) invalid(`${label}: unknown element '${key}'.`);
  if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny') invalid(`${label}: Effect must be Allow or Deny.`);

  const principal = statement.Principal;
  if (!isObject(principal))
    invalid(`${label}: Principal must be an object naming AWS accounts or IAM principals, as {"AWS": [...]}.`);
  for (const key of Object.keys(principal))
    if (key !== 'AWS') invalid(`${label}: Principal type '${key}' is not supported; only AWS principals are.`);
  const principals = stringList(principal.AWS);
  if (!principals || principals.length === 0)
    invalid(`${label}: Principal AWS must name at least one account or IAM principal.`);
  if (principals.length > MAX_POLICY_PRINCIPALS)
    invalid(
      `${label}: Principal names ${String(principals.length)} principals; at most ${String(MAX_POLICY_PRINCIPALS)} are allowed.`,
    );
  for (const entry of principals)
    if (!ACCOUNT_ID.test(entry) && !IAM_PRINCIPAL.test(entry) && !ASSUMED_ROLE.test(entry))
      invalid(
        `${label}: Principal '${entry}' is not an account ID, account root, IAM user, IAM role or assumed-role ARN.`,
      );

  const actions = stringList(statement.Action);
  if (!actions || actions.length === 0) invalid(`${label}: Action must be ${PUT_AUDIT_EVENTS_ACTION}.`);
  for (const action of actions)
    if (action.toLowerCase() !== PUT_AUDIT_EVENTS_ACTION.toLowerCase())
      invalid(
        `${label}: Action '${action}' is not allowed; a channel policy may only grant ${PUT_AUDIT_EVENTS_ACTION}.`,
      );

  const resources = stringList(statement.Resource);
  if (!resources || resources.length === 0) invalid(`${label}: Resource must be the channel's ARN, ${channelArn}.`);
  for (const resource of resources)
    if (resource !== channelArn) invalid(`${label}: Resource '${resource}' is not this channel's ARN, ${channelArn}.`);

  if (statement.Condition !== undefined) {
    const condition = statement.Condition;
    if (!isObject(condition)) invalid(`${label}: Condition must be an object.`);
    for (const [operator, keys] of Object.entries(condition)) {
      if (operator !== 'StringEquals')
        invalid(`${label}: condition operator '${operator}' is not supported; use StringEquals on ${EXTERNAL_ID_KEY}.`);
      if (!isObject(keys)) invalid(`${label}: StringEquals must be an object.`);
      for (const [key, values] of Object.entries(keys)) {
        if (key.toLowerCase() !== EXTERNAL_ID_KEY.toLowerCase())
          invalid(`${label}: condition key '${key}' is not supported; only ${EXTERNAL_ID_KEY} is.`);
        const list = stringList(values);
        if (!list || list.length === 0) invalid(`${label}: ${EXTERNAL_ID_KEY} must be a string or a list of strings.`);
      }
    }
  }
}

/** Checks a channel policy (§12.4); throws ResourcePolicyNotValidException naming the problem. */
export function validateChannelPolicy(text: string, channelArn: string): void {
  const policy = parsePolicyObject(text);
  for (const key of Object.keys(policy))
    if (key !== 'Version' && key !== 'Id' && key !== 'Statement') invalid(`Unknown policy element '${key}'.`);
  if (policy.Version !== undefined && !POLICY_VERSIONS.includes(policy.Version as string))
    invalid(`Version must be ${POLICY_VERSIONS.join(' or ')}.`);
  const statements = policy.Statement;
  if (statements === undefined) invalid('The resource policy has no Statement.');
  const list = Array.isArray(statements) ? (statements as unknown[]) : [statements];
  if (list.length === 0) invalid('Statement must hold at least one statement.');
  if (list.length > MAX_POLICY_STATEMENTS)
    invalid(
      `The resource policy has ${String(list.length)} statements; at most ${String(MAX_POLICY_STATEMENTS)} are allowed.`,
    );
  list.forEach((statement, index) => {
    checkChannelStatement(statement, `Statement ${String(index + 1)}`, channelArn);
  });
}

const CLOUDTRAIL_SERVICE = 'cloudtrail.amazonaws.com';
const START_DASHBOARD_REFRESH_ACTION = 'cloudtrail:StartDashboardRefresh';
const DASHBOARD_CONDITION_OPERATORS: ReadonlySet<string> = new Set(['StringEquals', 'StringLike']);
const DASHBOARD_CONDITION_KEYS: ReadonlySet<string> = new Set(['aws:sourcearn', 'aws:sourceaccount']);

/** One-element lists count as the element itself, as the documented dashboard policy writes either. */
function single(value: unknown): unknown {
  return Array.isArray(value) && value.length === 1 ? (value[0] as unknown) : value;
}

/** The statements of a dashboard policy, checked against §18.11's rules. */
function checkDashboardStatement(statement: unknown, label: string) {
  if (!isObject(statement)) invalid(`${label} must be a JSON object.`);
  for (const key of ['NotPrincipal', 'NotAction', 'NotResource'])
    if (key in statement) invalid(`${label}: ${key} is not supported in a dashboard policy.`);
  for (const key of Object.keys(statement))
    if (!STATEMENT_KEYS.has(key)) invalid(`${label}: unknown element '${key}'.`);
  if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny') invalid(`${label}: Effect must be Allow or Deny.`);
  const principal = statement.Principal;
  if (!isObject(principal) || Object.keys(principal).length !== 1 || single(principal.Service) !== CLOUDTRAIL_SERVICE)
    invalid(`${label}: the only Principal of a dashboard policy is {"Service": "${CLOUDTRAIL_SERVICE}"}.`);
  const action = single(statement.Action);
  if (typeof action !== 'string' || action.toLowerCase() !== START_DASHBOARD_REFRESH_ACTION.toLowerCase())
    invalid(`${label}: the only Action a dashboard policy may grant is ${START_DASHBOARD_REFRESH_ACTION}.`);
  if (statement.Condition !== undefined) {
    const condition = statement.Condition;
    if (!isObject(condition)) invalid(`${label}: Condition must be an object.`);
    for (const [operator, keys] of Object.entries(condition)) {
      if (!DASHBOARD_CONDITION_OPERATORS.has(operator))
        invalid(`${label}: condition operator '${operator}' is not supported; use StringEquals or StringLike.`);
      if (!isObject(keys)) invalid(`${label}: ${operator} must be an object.`);
      for (const [key, values] of Object.entries(keys)) {
        if (!DASHBOARD_CONDITION_KEYS.has(key.toLowerCase()))
          invalid(`${label}: condition key '${key}' is not supported; only AWS:SourceArn and AWS:SourceAccount are.`);
        const list = stringList(values);
        if (!list || list.length === 0) invalid(`${label}: ${key} must be a string or a list of strings.`);
      }
    }
  }
}

/** Checks a dashboard policy (§18.11); throws ResourcePolicyNotValidException naming the problem. */
export function validateDashboardPolicy(text: string): void {
  const policy = parsePolicyObject(text);
  for (const key of Object.keys(policy))
    if (key !== 'Version' && key !== 'Id' && key !== 'Statement') invalid(`Unknown policy element '${key}'.`);
  if (policy.Version !== undefined && !POLICY_VERSIONS.includes(policy.Version as string))
    invalid(`Version must be ${POLICY_VERSIONS.join(' or ')}.`);
  const statements = policy.Statement;
  if (statements === undefined) invalid('The resource policy has no Statement.');
  const list = Array.isArray(statements) ? (statements as unknown[]) : [statements];
  if (list.length === 0) invalid('Statement must hold at least one statement.');
  if (list.length > MAX_POLICY_STATEMENTS)
    invalid(
      `The resource policy has ${String(list.length)} statements; at most ${String(MAX_POLICY_STATEMENTS)} are allowed.`,
    );
  list.forEach((statement, index) => {
    checkDashboardStatement(statement, `Statement ${String(index + 1)}`);
  });
}

/** Checks an event data store policy: any JSON object with a Statement (§12.4). */
function validateStorePolicy(text: string): void {
  const policy = parsePolicyObject(text);
  if (policy.Statement === undefined) invalid('The resource policy has no Statement.');
}

/** A resource's policy text, if it has one. */
export function resourcePolicyOf(state: EmulatorState, resourceArn: string): string | undefined {
  return state.table<string>(RESOURCE_POLICIES).get(resourceArn);
}

/** Forgets a resource's policy, when the resource is removed. */
export function dropResourcePolicy(state: EmulatorState, resourceArn: string): void {
  if (state.table(RESOURCE_POLICIES).has(resourceArn)) state.remove(RESOURCE_POLICIES, resourceArn);
}

/** Saves a policy, for seeded channels. */
export function saveResourcePolicy(state: EmulatorState, resourceArn: string, policy: string): void {
  state.put(RESOURCE_POLICIES, resourceArn, policy);
}

/** Who calls PutAuditEvents, as a channel policy sees them. */
export interface PolicyCaller {
  account: string;
  /** The caller's own ARN: IAM user, root, or assumed-role session. */
  arn: string;
  /** For role sessions, the role's ARN. */
  roleArn?: string;
}

interface ParsedStatement {
  allow: boolean;
  principals: ReadonlySet<string>;
  /** Accepted external IDs; undefined when the statement has no ExternalId condition. */
  externalIds?: readonly string[];
}

const parsedPolicies = new Map<string, readonly ParsedStatement[]>();

/** The statements of a policy that passed validateChannelPolicy; parsed once per policy text. */
function statementsOf(text: string): readonly ParsedStatement[] {
  const cached = parsedPolicies.get(text);
  if (cached) return cached;
  const policy = JSON.parse(text) as { Statement: unknown };
  const list = (Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement]) as Record<string, unknown>[];
  const statements = list.map((statement): ParsedStatement => {
    const principals = new Set(stringList((statement.Principal as Record<string, unknown>).AWS));
    const condition = statement.Condition as Record<string, Record<string, unknown>> | undefined;
    const externalIds = Object.entries(condition?.StringEquals ?? {}).flatMap(([key, values]) =>
      key.toLowerCase() === EXTERNAL_ID_KEY.toLowerCase() ? (stringList(values) ?? []) : [],
    );
    return { allow: statement.Effect === 'Allow', principals, ...(condition ? { externalIds } : {}) };
  });
  if (parsedPolicies.size > 256) parsedPolicies.clear();
  parsedPolicies.set(text, statements);
  return statements;
}

/**
 * Whether a caller may call PutAuditEvents on a channel (§12.4). The owner account always may
 * (IAM identity policies are not modelled); another account only through the channel's policy: a
 * statement applies when it names the caller's account, its root, the caller or the caller's role,
 * and, if it has an ExternalId condition, the request's externalId is one it lists. Any applying
 * Deny refuses; otherwise an applying Allow is needed.
 */
export function channelPolicyAllows(
  state: EmulatorState,
  channel: StoredChannel,
  caller: PolicyCaller,
  externalId: string | undefined,
): boolean {
  if (caller.account === channel.account) return true;
  const policy = resourcePolicyOf(state, channel.arn);
  if (policy === undefined) return false;
  const names = [caller.account, `arn:aws:iam::${caller.account}:root`, caller.arn, caller.roleArn];
  let allowed = false;
  for (const statement of statementsOf(policy)) {
    if (!names.some((name) => name !== undefined && statement.principals.has(name))) continue;
    if (
      statement.externalIds !== undefined &&
      (externalId === undefined || !statement.externalIds.includes(externalId))
    )
      continue;
    if (!statement.allow) return false;
    allowed = true;
  }
  return allowed;
}

/** Attaches or replaces a resource's policy (§12.4). */
export function putResourcePolicy(input: PutResourcePolicyRequest, context: RequestContext): PutResourcePolicyResponse {
  const target = resolvePolicyTarget(context, input.ResourceArn ?? '');
  const policy = input.ResourcePolicy ?? '';
  if (target.kind === 'channel') {
    if (target.channel.serviceLinked)
      throw new OperationNotPermittedException(
        `The channel '${target.arn}' is a service-linked channel; only its AWS service can change it.`,
      );
    validateChannelPolicy(policy, target.arn);
  } else if (target.kind === 'dashboard') validateDashboardPolicy(policy);
  else validateStorePolicy(policy);
  saveResourcePolicy(context.state, target.arn, policy);
  return { ResourceArn: target.arn, ResourcePolicy: policy };
}

/** A resource's policy; ResourcePolicyNotFoundException when it has none. */
export function getResourcePolicy(input: GetResourcePolicyRequest, context: RequestContext): GetResourcePolicyResponse {
  const target = resolvePolicyTarget(context, input.ResourceArn ?? '');
  const policy = resourcePolicyOf(context.state, target.arn);
  if (policy === undefined)
    throw new ResourcePolicyNotFoundException(`The resource '${target.arn}' has no resource policy.`);
  return { ResourceArn: target.arn, ResourcePolicy: policy };
}

/** Removes a resource's policy; ResourcePolicyNotFoundException when it has none. */
export function deleteResourcePolicy(
  input: DeleteResourcePolicyRequest,
  context: RequestContext,
): DeleteResourcePolicyResponse {
  const target = resolvePolicyTarget(context, input.ResourceArn ?? '');
  if (resourcePolicyOf(context.state, target.arn) === undefined)
    throw new ResourcePolicyNotFoundException(`The resource '${target.arn}' has no resource policy.`);
  dropResourcePolicy(context.state, target.arn);
  return {};
}
