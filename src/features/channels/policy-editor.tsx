import AttributeEditor from '@cloudscape-design/components/attribute-editor';
import Box from '@cloudscape-design/components/box';
import FormField from '@cloudscape-design/components/form-field';
import Input from '@cloudscape-design/components/input';
import RadioGroup, { type RadioGroupProps } from '@cloudscape-design/components/radio-group';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { StatusIndicator } from '@/components/status-indicator';
import Textarea from '@cloudscape-design/components/textarea';
import { JsonView } from '@/components/json-view';
import { AWS_ACCOUNT_ID, EXTERNAL_ID, MAX_CHANNEL_POLICY_PRINCIPALS, RESOURCE_POLICY } from '@/lib/cloudtrail-limits';
import { generateChannelPolicy, type PolicyDraft, type PolicyMode } from './channel-policy';

export interface PolicyEditorProps {
  draft: PolicyDraft;
  onChange: (draft: PolicyDraft) => void;
  /** The channel's ARN, or the placeholder standing for it before the channel exists. */
  channelArn: string;
  /** Whether "no policy" is a choice (creating); editing an existing policy offers delete instead. */
  allowNone: boolean;
  /** Whether the ARN is a placeholder, replaced once the channel is created. */
  placeholder: boolean;
  /** The shown error of a control, by its path ("policy.accountIds.0"). */
  errorOf: (path: string) => string | undefined;
  onBlur: (path: string) => void;
}

/**
 * A channel's resource policy: generated from the AWS accounts allowed to send events and an
 * optional external ID (shown as JSON before it is sent), or written as JSON.
 */
export function PolicyEditor({
  draft,
  onChange,
  channelArn,
  allowNone,
  placeholder,
  errorOf,
  onBlur,
}: PolicyEditorProps) {
  const change = (next: Partial<PolicyDraft>) => {
    onChange({ ...draft, ...next });
  };
  const changeMode = (mode: PolicyMode) => {
    // Writing JSON starts from the policy generated so far, with this channel as its resource.
    if (mode === 'json' && draft.json.trim() === '') change({ mode, json: generateChannelPolicy(draft, channelArn) });
    else change({ mode });
  };
  const modes: RadioGroupProps.RadioButtonDefinition[] = [
    ...(allowNone
      ? [
          {
            value: 'none',
            label: 'No resource policy',
            description:
              'Only this AWS account can send events. Choose this for your own applications running in this account.',
          },
        ]
      : []),
    {
      value: 'generate',
      label: 'Allow other AWS accounts',
      description:
        'Generate a policy letting the accounts you list call PutAuditEvents on this channel, optionally only with an external ID. Direct partners send from their own account and need this.',
    },
    { value: 'json', label: 'Write the policy JSON', description: 'Edit the whole policy yourself.' },
  ];
  const accountsError = errorOf('policy.accountIds');
  const generated = generateChannelPolicy(draft, channelArn);
  const skipped = [
    ...new Set(draft.accountIds.map((id) => id.trim()).filter((id) => id !== '' && !AWS_ACCOUNT_ID.test(id))),
  ];

  return (
    <SpaceBetween size="l">
      <FormField label="Resource policy">
        <RadioGroup
          value={draft.mode}
          items={modes}
          onChange={({ detail }) => {
            changeMode(detail.value as PolicyMode);
          }}
        />
      </FormField>
      {draft.mode === 'generate' ? (
        <SpaceBetween size="l">
          <SpaceBetween size="xs">
            <AttributeEditor<string>
              items={draft.accountIds}
              addButtonText="Add account"
              removeButtonText="Remove"
              removeButtonAriaLabel={(id) => (id === '' ? 'Remove empty account' : `Remove account ${id}`)}
              disableAddButton={draft.accountIds.length >= MAX_CHANNEL_POLICY_PRINCIPALS}
              onAddButtonClick={() => {
                change({ accountIds: [...draft.accountIds, ''] });
              }}
              onRemoveButtonClick={({ detail }) => {
                change({ accountIds: draft.accountIds.filter((_, index) => index !== detail.itemIndex) });
              }}
              empty="No accounts."
              additionalInfo={`Up to ${String(MAX_CHANNEL_POLICY_PRINCIPALS)} accounts, 12 digits each.`}
              definition={[
                {
                  label: 'AWS account ID',
                  control: (id, index) => (
                    <Input
                      value={id}
                      inputMode="numeric"
                      placeholder="111122223333"
                      onBlur={() => {
                        onBlur(`policy.accountIds.${String(index)}`);
                        onBlur('policy.accountIds');
                      }}
                      onChange={({ detail }) => {
                        change({
                          accountIds: draft.accountIds.map((old, position) =>
                            position === index ? detail.value : old,
                          ),
                        });
                      }}
                    />
                  ),
                  errorText: (_, index) => errorOf(`policy.accountIds.${String(index)}`),
                },
              ]}
            />
            {accountsError ? (
              <Box>
                <StatusIndicator type="error">{accountsError}</StatusIndicator>
              </Box>
            ) : null}
          </SpaceBetween>
          <FormField
            label="External ID - optional"
            description="When set, a call from another account must pass this external ID (cloudtrail:ExternalId). Partners give you theirs."
            constraintText={`${String(EXTERNAL_ID.min)}–${String(EXTERNAL_ID.max)} characters: letters, digits and + = , . @ : / - _`}
            errorText={errorOf('policy.externalId')}
          >
            <Input
              value={draft.externalId}
              onBlur={() => {
                onBlur('policy.externalId');
              }}
              onChange={({ detail }) => {
                change({ externalId: detail.value });
              }}
            />
          </FormField>
          <SpaceBetween size="xs">
            <Box variant="awsui-key-label">Generated policy</Box>
            {placeholder ? (
              <Box variant="small" color="text-body-secondary">
                {`The channel's ARN is known once it is created; ${channelArn} stands for it until then.`}
              </Box>
            ) : null}
            {skipped.length > 0 ? (
              <StatusIndicator type="warning">
                {`Not in the policy until corrected (an account ID is 12 digits): ${skipped.join(', ')}`}
              </StatusIndicator>
            ) : null}
            <JsonView json={generated} label="Generated resource policy" maxHeight={320} />
          </SpaceBetween>
        </SpaceBetween>
      ) : null}
      {draft.mode === 'json' ? (
        <FormField
          label="Policy JSON"
          description={
            placeholder
              ? `Write ${channelArn} where the channel's ARN goes; it is replaced by the ARN once the channel is created.`
              : `The channel's ARN is ${channelArn}.`
          }
          constraintText={`A JSON object with a Statement, at most ${String(RESOURCE_POLICY.max)} characters. CloudTrail checks the rest.`}
          errorText={errorOf('policy.json')}
          stretch
        >
          <Textarea
            value={draft.json}
            rows={16}
            spellcheck={false}
            onBlur={() => {
              onBlur('policy.json');
            }}
            onChange={({ detail }) => {
              change({ json: detail.value });
            }}
          />
        </FormField>
      ) : null}
    </SpaceBetween>
  );
}
