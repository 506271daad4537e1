// Channel resource policies (mocks/emulator/SEMANTICS.md §12.4): the policy the console generates from the AWS
// accounts allowed to send events and an optional external ID, the draft the policy editor keeps,
// and the checks the console makes before CloudTrail sees the policy.
import { z } from 'zod';
import { AWS_ACCOUNT_ID, EXTERNAL_ID, MAX_CHANNEL_POLICY_PRINCIPALS, RESOURCE_POLICY } from '@/lib/cloudtrail-limits';

/** None (only the channel's own account may send), generated from account IDs, or written as JSON. */
export type PolicyMode = 'none' | 'generate' | 'json';

export interface PolicyDraft {
  mode: PolicyMode;
  /** One row per account, as typed. */
  accountIds: string[];
  externalId: string;
  /** The policy text of `json` mode, as typed. */
  json: string;
}

export const EMPTY_POLICY_DRAFT: PolicyDraft = { mode: 'none', accountIds: [''], externalId: '', json: '' };

/**
 * Stands for the channel's ARN in a policy written before the channel exists; it is replaced by
 * the real ARN once CreateChannel returns it.
 */
export function channelArnPlaceholder(region: string): string {
  return `arn:aws:cloudtrail:${region}:<account-id>:channel/<channel-id>`;
}

/**
 * The policy letting these accounts call PutAuditEvents on the channel, with the external ID if
 * one is given. Only well-formed account IDs appear, once each: the preview never shows a
 * half-typed one (the form reports those next to their field).
 */
export function generateChannelPolicy(
  { accountIds, externalId }: Pick<PolicyDraft, 'accountIds' | 'externalId'>,
  channelArn: string,
): string {
  const accounts = [...new Set(accountIds.map((id) => id.trim()).filter((id) => AWS_ACCOUNT_ID.test(id)))];
  const statement = {
    Sid: 'AllowPutAuditEvents',
    Effect: 'Allow',
    Principal: { AWS: accounts },
    Action: 'cloudtrail-data:PutAuditEvents',
    Resource: channelArn,
    ...(externalId.trim() === ''
      ? {}
      : { Condition: { StringEquals: { 'cloudtrail:ExternalId': externalId.trim() } } }),
  };
  return JSON.stringify({ Version: '2012-10-17', Statement: [statement] }, null, 2);
}

/** The policy text a draft stands for, for a channel with this ARN; undefined for no policy. */
export function policyTextOf(draft: PolicyDraft, channelArn: string, placeholder?: string): string | undefined {
  switch (draft.mode) {
    case 'none':
      return undefined;
    case 'generate':
      return generateChannelPolicy(draft, channelArn);
    case 'json':
      return placeholder === undefined ? draft.json : draft.json.replaceAll(placeholder, channelArn);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What is wrong with policy text before CloudTrail checks it: JSON, an object, a Statement, the size. */
export function policyJsonProblem(text: string): string | undefined {
  if (text.trim() === '') return 'Enter the policy JSON.';
  if (text.length > RESOURCE_POLICY.max)
    return `The policy has ${String(text.length)} characters; at most ${String(RESOURCE_POLICY.max)} are allowed.`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return `The policy is not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (!isObject(parsed)) return 'The policy must be a JSON object.';
  if (parsed.Statement === undefined) return 'The policy needs a Statement.';
  return undefined;
}

/** The policy editor's draft, checked; issues sit at the path of the control that fixes them. */
export const policyDraftSchema = z
  .object({
    mode: z.enum(['none', 'generate', 'json']),
    accountIds: z.array(z.string()),
    externalId: z.string(),
    json: z.string(),
  })
  .superRefine((draft, context) => {
    if (draft.mode === 'generate') {
      const filled = draft.accountIds.filter((id) => id.trim() !== '');
      if (filled.length === 0)
        context.addIssue({
          code: 'custom',
          path: ['accountIds'],
          message: 'Enter at least one AWS account ID that may send events.',
        });
      if (filled.length > MAX_CHANNEL_POLICY_PRINCIPALS)
        context.addIssue({
          code: 'custom',
          path: ['accountIds'],
          message: `A policy names at most ${String(MAX_CHANNEL_POLICY_PRINCIPALS)} accounts.`,
        });
      const seen = new Set<string>();
      draft.accountIds.forEach((raw, index) => {
        const id = raw.trim();
        if (id === '') {
          // An empty row is only a problem when it is the only one.
          if (draft.accountIds.length > 1)
            context.addIssue({ code: 'custom', path: ['accountIds', index], message: 'Enter an account ID.' });
          return;
        }
        if (!AWS_ACCOUNT_ID.test(id))
          context.addIssue({
            code: 'custom',
            path: ['accountIds', index],
            message: 'An AWS account ID is 12 digits, such as 111122223333.',
          });
        else if (seen.has(id))
          context.addIssue({ code: 'custom', path: ['accountIds', index], message: 'This account is already listed.' });
        seen.add(id);
      });
      const externalId = draft.externalId.trim();
      if (externalId !== '') {
        if (externalId.length < EXTERNAL_ID.min || externalId.length > EXTERNAL_ID.max)
          context.addIssue({
            code: 'custom',
            path: ['externalId'],
            message: `An external ID has ${String(EXTERNAL_ID.min)}–${String(EXTERNAL_ID.max)} characters.`,
          });
        else if (!EXTERNAL_ID.pattern.test(externalId))
          context.addIssue({
            code: 'custom',
            path: ['externalId'],
            message: 'Use letters, digits and + = , . @ : / - _ only.',
          });
      }
    }
    if (draft.mode === 'json') {
      const problem = policyJsonProblem(draft.json);
      if (problem !== undefined) context.addIssue({ code: 'custom', path: ['json'], message: problem });
    }
  });
