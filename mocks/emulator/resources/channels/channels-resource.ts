// The channels resource (SEMANTICS.md §12, §13): integration and service-linked channels, the
// PutAuditEvents data plane, the seeded channels with their derived past, and the payments app
// that the live simulator drives.
import { utf8Length } from '../../records';
import type { ResourceDefinition } from '../../resource';
import { CHANNELS, type StoredChannel } from './channel';
import { createChannel, deleteChannel, getChannel, listChannels, updateChannel } from './channel-operations';
import {
  parsePutAuditEvents,
  putAuditEvents,
  recordAuditEventsCall,
  type AuditEventsCall,
  type PutAuditEventsRequest,
} from './put-audit-events';
import {
  channelSeedCalls,
  installSeededChannels,
  liveAuditCall,
  PAYMENTS_CHANNEL,
  seededChannelPast,
} from './seed-channels';

export const channelsResource: ResourceDefinition = {
  name: 'channels',
  collections: [CHANNELS],
  operations: {
    cloudtrail: {
      CreateChannel: { run: createChannel },
      GetChannel: { run: getChannel },
      ListChannels: { run: listChannels },
      UpdateChannel: { run: updateChannel },
      DeleteChannel: { run: deleteChannel },
    },
    'cloudtrail-data': {
      PutAuditEvents: {
        run: putAuditEvents,
        parse: parsePutAuditEvents,
        // A data event of the channel's owner, not a management self-record (§6).
        record: (context, input, outcome) =>
          recordAuditEventsCall(context, (input as PutAuditEventsRequest).query, outcome as AuditEventsCall['outcome']),
      },
    },
  },
  seedCalls: channelSeedCalls,
  install: (state, { fresh }) => {
    installSeededChannels(state, fresh);
  },
  derivedRecords: (state) => seededChannelPast(state),
  simulatedCall: (state, n, at) => {
    // The seeded Custom channel's app, while the channel exists (a user may delete it).
    const channel = state.table<StoredChannel>(CHANNELS).get(PAYMENTS_CHANNEL.id);
    if (!channel) return undefined;
    const call = liveAuditCall(state.config.seed, n, at);
    const request: PutAuditEventsRequest = {
      query: { channelArn: channel.arn },
      body: JSON.parse(call.body) as unknown,
      bodyBytes: utf8Length(call.body),
    };
    return {
      service: 'cloudtrail-data',
      operation: 'PutAuditEvents',
      input: request,
      info: {
        accessKeyId: call.accessKeyId,
        region: channel.region,
        sourceIp: call.sourceIp,
        userAgent: call.userAgent,
      },
      at,
    };
  },
};
