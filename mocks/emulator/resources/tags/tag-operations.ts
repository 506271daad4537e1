// AddTags, RemoveTags and ListTags (SEMANTICS.md §13 "Tags", §15): tags of event data stores,
// integration channels, trails and dashboards, addressed by ARN and resolved by type.
import type {
  AddTagsRequest,
  AddTagsResponse,
  ListTagsRequest,
  ListTagsResponse,
  RemoveTagsRequest,
  RemoveTagsResponse,
} from '@aws-sdk/client-cloudtrail';
import { resolveChannel } from '../channels/channel';
import type { RequestContext } from '../../context';
import {
  ChannelNotFoundException,
  CloudTrailARNInvalidException,
  InactiveEventDataStoreException,
  InvalidTokenException,
  OperationNotPermittedException,
  ResourceNotFoundException,
  ResourceTypeNotSupportedException,
  TagsLimitExceededException,
  ValidationException,
} from '../../errors';
import { dashboardResource, findDashboard, parseDashboardArn } from '../dashboards/dashboard';
import { eventDataStoreStatus, resolveEventDataStore } from '../event-data-stores/event-data-store';
import { checkTagParameters, MAX_TAGS_PER_RESOURCE, setTags, tagsOf } from './resource-tags';
import { resolveTrail } from '../trails/trail-names';
import { declaresError } from '../../validate';

/** ARNs one ListTags call may name (§15). */
export const LIST_TAGS_MAX_RESOURCES = 20;

const ARN = /^arn:aws[a-z-]*:([a-z0-9-]+):[a-z0-9-]*:(?:\d{12})?:(.+)$/;

/**
 * The ARN under which a taggable resource keeps its tags. Event data stores resolve like any store
 * reference and must not be PENDING_DELETION (§8.3); channels like any channel reference, and
 * service-linked ones refuse changes (§12.3); trails by ARN in their home region (§17.13);
 * dashboards by ARN in their region, the built-ins' tags readable only (§18.11); other services'
 * resources cannot carry CloudTrail tags.
 */
function resolveTaggable(context: RequestContext, resourceId: string): string {
  const match = ARN.exec(resourceId);
  if (!match) throw new CloudTrailARNInvalidException(`'${resourceId}' is not a valid ARN.`);
  const [, service, resource = ''] = match;
  if (service !== 'cloudtrail')
    throw new ResourceTypeNotSupportedException(`Resources of ${service ?? 'another service'} cannot be tagged here.`);
  const type = resource.split('/')[0];
  switch (type) {
    case 'eventdatastore': {
      const store = resolveEventDataStore(context, resourceId);
      if (eventDataStoreStatus(store, context.now) === 'PENDING_DELETION')
        throw new InactiveEventDataStoreException(`The event data store '${store.arn}' is pending deletion.`);
      return store.arn;
    }
    case 'channel': {
      // ListTags does not declare ChannelNotFoundException.
      const channel = resolveChannel(context, resourceId, (message) =>
        declaresError(context.operation, 'ChannelNotFoundException')
          ? new ChannelNotFoundException(message)
          : new ResourceNotFoundException(message),
      );
      // Decision (§12.3): service-linked channels belong to their AWS service, so their tags
      // can be read but not changed.
      if (channel.serviceLinked && context.operation !== 'ListTags')
        throw new OperationNotPermittedException(
          `The channel '${channel.arn}' is a service-linked channel; its tags cannot be changed.`,
        );
      return channel.arn;
    }
    case 'trail':
      // A trail name is not an ARN and was refused above (§17.13).
      return resolveTrail(context, resourceId, 'tags').arn;
    case 'dashboard':
      return resolveTaggableDashboard(context, resourceId);
    default:
      throw new ResourceTypeNotSupportedException(`CloudTrail resources of type '${type ?? ''}' cannot be tagged.`);
  }
}

/**
 * A dashboard by ARN (§18.11): the trails' same-region rule (another region or account, or a
 * malformed ARN: CloudTrailARNInvalidException); unknown: ResourceNotFoundException; the built-ins
 * have no tags and refuse changes (OperationNotPermittedException).
 */
function resolveTaggableDashboard(context: RequestContext, resourceId: string): string {
  const parsed = parseDashboardArn(resourceId);
  if (!parsed) throw new CloudTrailARNInvalidException(`Invalid dashboard ARN: ${resourceId}`);
  if (parsed.region !== context.region)
    throw new CloudTrailARNInvalidException(
      `Region in ARN is wrong, you can only access resources in region ${context.region}.`,
    );
  if (parsed.account !== context.account)
    throw new CloudTrailARNInvalidException(
      `AccountID in ARN is wrong, you can only access resources with AccountID ${context.account}.`,
    );
  const found = findDashboard(context.state, context.account, context.region, parsed.name);
  if (!found) throw new ResourceNotFoundException(`Resource not found: ${resourceId}`);
  if (found.kind === 'built-in' && context.operation !== 'ListTags')
    throw new OperationNotPermittedException(
      `Dashboard ${found.dashboard.name} is managed by CloudTrail; its tags cannot be changed.`,
    );
  context.resources.push(dashboardResource(found.dashboard));
  return found.dashboard.arn;
}

/** Adds tags to a resource, replacing the values of keys it already has. */
export function addTags(input: AddTagsRequest, context: RequestContext): AddTagsResponse {
  const arn = resolveTaggable(context, input.ResourceId ?? '');
  const added = input.TagsList ?? [];
  checkTagParameters(added);
  const merged = tagsOf(context.state, arn).map((tag) => added.find((next) => next.Key === tag.Key) ?? tag);
  for (const tag of added) if (!merged.some((kept) => kept.Key === tag.Key)) merged.push(tag);
  if (merged.length > MAX_TAGS_PER_RESOURCE)
    throw new TagsLimitExceededException(
      `A resource can have at most ${String(MAX_TAGS_PER_RESOURCE)} tags; this would give it ${String(merged.length)}.`,
    );
  setTags(context.state, arn, merged);
  return {};
}

/** Removes tags by key; keys the resource does not have are ignored. */
export function removeTags(input: RemoveTagsRequest, context: RequestContext): RemoveTagsResponse {
  const arn = resolveTaggable(context, input.ResourceId ?? '');
  const removed = input.TagsList ?? [];
  checkTagParameters(removed);
  const keys = new Set(removed.map((tag) => tag.Key));
  setTags(
    context.state,
    arn,
    tagsOf(context.state, arn).filter((tag) => !keys.has(tag.Key)),
  );
  return {};
}

/** Tags of up to 20 resources, in the order asked. */
export function listTags(input: ListTagsRequest, context: RequestContext): ListTagsResponse {
  const ids = input.ResourceIdList ?? [];
  if (ids.length > LIST_TAGS_MAX_RESOURCES)
    throw new ValidationException(
      `ListTags takes at most ${String(LIST_TAGS_MAX_RESOURCES)} resource ARNs; ${String(ids.length)} were given.`,
    );
  // Every answer fits one page, so the emulator never issues a token to come back with.
  if (input.NextToken !== undefined) throw new InvalidTokenException('The NextToken is invalid.');
  return {
    ResourceTagList: ids.map((id) => ({
      ResourceId: id,
      TagsList: tagsOf(context.state, resolveTaggable(context, id)).map((tag) => ({ ...tag })),
    })),
  };
}
