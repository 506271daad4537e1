import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Checkbox from '@cloudscape-design/components/checkbox';
import Container from '@cloudscape-design/components/container';
import Form from '@cloudscape-design/components/form';
import FormField from '@cloudscape-design/components/form-field';
import Header from '@cloudscape-design/components/header';
import Input from '@cloudscape-design/components/input';
import Modal from '@cloudscape-design/components/modal';
import RadioGroup from '@cloudscape-design/components/radio-group';
import Select from '@cloudscape-design/components/select';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { StatusIndicator } from '@/components/status-indicator';
import Toggle from '@cloudscape-design/components/toggle';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Connection } from '@/api/connection';
import { REGIONS } from '@/lib/cloudtrail-limits';
import { describeError, errorSentence } from '@/api/errors';
import { backendIdOf } from '@/api/connection';
import { useConnection } from '@/api/use-connection';
import {
  embeddedEmulatorQueries,
  useCheckConnection,
  useConfigureEmbeddedEmulator,
  useResetEmbeddedEmulator,
} from '@/api/use-embedded-emulator';
import { useNotifications } from '@/components/notifications';
import { PageLayout } from '@/components/page-layout';
import { paths } from '@/lib/paths';
import { backendFormErrors, toConnection, type BackendField, type BackendFormValues } from './backend-settings-schema';
import { ModalFooter } from '@/components/modal-footer';

function initialValues(connection: Connection): BackendFormValues {
  return {
    kind: connection.kind,
    endpoint: connection.kind === 'local' ? connection.endpoint : 'http://127.0.0.1:4566',
    region: connection.region,
    accessKeyId: connection.kind === 'aws' ? (connection.credentials?.accessKeyId ?? '') : '',
    secretAccessKey: connection.kind === 'aws' ? (connection.credentials?.secretAccessKey ?? '') : '',
    sessionToken: connection.kind === 'aws' ? (connection.credentials?.sessionToken ?? '') : '',
    rememberForSession: connection.kind === 'aws' ? connection.rememberForSession : false,
  };
}

function BackendForm() {
  const { connection, setConnection } = useConnection();
  const { notify } = useNotifications();
  const [values, setValues] = useState(() => initialValues(connection));
  const [shown, setShown] = useState<Partial<Record<BackendField, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const check = useCheckConnection();
  const errors = backendFormErrors(values);
  const valid = Object.keys(errors).length === 0;
  const errorOf = (field: BackendField) => (submitted || shown[field] ? errors[field] : undefined);
  const show = (field: BackendField) => {
    setShown((current) => ({ ...current, [field]: true }));
  };
  const change = (next: Partial<BackendFormValues>) => {
    setValues((current) => ({ ...current, ...next }));
    check.reset();
  };
  const candidate = () => toConnection(values, connection.region);

  const save = async () => {
    setSubmitted(true);
    if (!valid) return;
    setSaving(true);
    try {
      await setConnection(candidate());
      notify({ type: 'success', content: 'Backend saved. Every page now reads from it.', key: 'backend' });
    } finally {
      setSaving(false);
    }
  };

  const checkStatus = check.isPending ? (
    <StatusIndicator type="loading">Connecting</StatusIndicator>
  ) : check.isSuccess ? (
    <StatusIndicator type="success">Connected: the backend answered LookupEvents.</StatusIndicator>
  ) : null;

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <Form
        actions={
          <SpaceBetween direction="horizontal" size="xs">
            {values.kind === 'embedded' ? null : (
              <Button
                formAction="none"
                loading={check.isPending}
                onClick={() => {
                  setSubmitted(true);
                  if (valid) check.mutate(candidate());
                }}
              >
                Test connection
              </Button>
            )}
            <Button variant="primary" loading={saving}>
              Save
            </Button>
          </SpaceBetween>
        }
        errorText={
          check.isError ? errorSentence(describeError(check.error, { backend: backendIdOf(candidate()) })) : undefined
        }
      >
        <Container
          header={
            <Header variant="h2" description="Where the console sends its CloudTrail API calls.">
              Backend
            </Header>
          }
        >
          <SpaceBetween size="l">
            <FormField label="Backend">
              <RadioGroup
                value={values.kind}
                onChange={({ detail }) => {
                  change({ kind: detail.value as Connection['kind'] });
                }}
                items={[
                  {
                    value: 'embedded',
                    label: 'Embedded emulator',
                    description: 'A CloudTrail emulator running in this browser; its data stays in this browser.',
                  },
                  {
                    value: 'local',
                    label: 'Emulator URL',
                    description:
                      'The emulator started with npm run emulator, or any endpoint that speaks the CloudTrail API.',
                  },
                  {
                    value: 'aws',
                    label: 'AWS',
                    description: 'Your AWS account, with credentials you enter here.',
                  },
                ]}
              />
            </FormField>
            {values.kind === 'local' ? (
              <FormField
                label="Emulator URL"
                constraintText="For example http://127.0.0.1:4566"
                errorText={errorOf('endpoint')}
              >
                <Input
                  value={values.endpoint}
                  inputMode="url"
                  onBlur={() => {
                    show('endpoint');
                  }}
                  onChange={({ detail }) => {
                    change({ endpoint: detail.value });
                  }}
                />
              </FormField>
            ) : null}
            {values.kind === 'aws' ? (
              <SpaceBetween size="l">
                <Alert type="info">
                  Credentials are kept in memory, or in this tab&apos;s session storage if you choose to remember them.
                  They are never written to local storage, URLs or logs.
                </Alert>
                <FormField label="Region" errorText={errorOf('region')}>
                  <Select
                    selectedOption={{ value: values.region, label: values.region }}
                    options={REGIONS.map((region) => ({ value: region, label: region }))}
                    onChange={({ detail }) => {
                      change({ region: detail.selectedOption.value ?? values.region });
                    }}
                  />
                </FormField>
                <FormField label="Access key ID" errorText={errorOf('accessKeyId')}>
                  <Input
                    value={values.accessKeyId}
                    autoComplete={false}
                    spellcheck={false}
                    onBlur={() => {
                      show('accessKeyId');
                    }}
                    onChange={({ detail }) => {
                      change({ accessKeyId: detail.value });
                    }}
                  />
                </FormField>
                <FormField label="Secret access key" errorText={errorOf('secretAccessKey')}>
                  <Input
                    type="password"
                    value={values.secretAccessKey}
                    autoComplete={false}
                    onBlur={() => {
                      show('secretAccessKey');
                    }}
                    onChange={({ detail }) => {
                      change({ secretAccessKey: detail.value });
                    }}
                  />
                </FormField>
                <FormField
                  label="Session token - optional"
                  description="Needed for temporary credentials (keys starting with ASIA)."
                >
                  <Input
                    type="password"
                    value={values.sessionToken}
                    autoComplete={false}
                    onChange={({ detail }) => {
                      change({ sessionToken: detail.value });
                    }}
                  />
                </FormField>
                <Checkbox
                  checked={values.rememberForSession}
                  onChange={({ detail }) => {
                    change({ rememberForSession: detail.checked });
                  }}
                  description="Kept in session storage until this tab is closed; otherwise a reload asks again."
                >
                  Remember credentials in this tab
                </Checkbox>
              </SpaceBetween>
            ) : null}
            {checkStatus}
          </SpaceBetween>
        </Container>
      </Form>
    </form>
  );
}

function EmbeddedEmulatorSettings() {
  const { embedded, connection } = useConnection();
  const settings = useQuery({ ...embeddedEmulatorQueries.settings(embedded), enabled: connection.kind === 'embedded' });
  const configure = useConfigureEmbeddedEmulator();
  const reset = useResetEmbeddedEmulator();
  const [confirming, setConfirming] = useState(false);
  const { notify } = useNotifications();
  if (connection.kind !== 'embedded') return null;
  return (
    <Container
      header={
        <Header variant="h2" description="Settings of the emulator running in this browser.">
          Embedded emulator
        </Header>
      }
    >
      <SpaceBetween size="l">
        {settings.isPending ? (
          <StatusIndicator type="loading">Loading settings</StatusIndicator>
        ) : settings.isError ? (
          <StatusIndicator type="error">{describeError(settings.error).message}</StatusIndicator>
        ) : (
          <FormField
            label="LookupEvents throttling"
            description="CloudTrail allows 2 LookupEvents requests per second per account and Region, and answers ThrottlingException beyond that."
          >
            <Toggle
              checked={settings.data.throttle}
              disabled={configure.isPending}
              onChange={({ detail }) => {
                configure.mutate({ throttle: detail.checked });
              }}
            >
              Throttle LookupEvents as CloudTrail does
            </Toggle>
          </FormField>
        )}
        {settings.isSuccess ? (
          <FormField
            label="Live activity"
            description="While the console is open, about 3 new events a minute arrive, as in a busy account."
          >
            <Toggle
              checked={settings.data.simulator}
              disabled={configure.isPending}
              onChange={({ detail }) => {
                configure.mutate({ simulator: detail.checked });
              }}
            >
              Simulate live activity
            </Toggle>
          </FormField>
        ) : null}
        <FormField label="Stored data" description="Events, stores and channels are kept in this browser's IndexedDB.">
          <Button
            onClick={() => {
              setConfirming(true);
            }}
          >
            Reset emulator data
          </Button>
        </FormField>
      </SpaceBetween>
      <Modal
        visible={confirming}
        header="Reset emulator data?"
        onDismiss={() => {
          setConfirming(false);
        }}
        footer={
          <ModalFooter
            onCancel={() => {
              setConfirming(false);
            }}
          >
            <Button
              variant="primary"
              loading={reset.isPending}
              onClick={() => {
                reset.mutate(undefined, {
                  onSuccess: () => {
                    setConfirming(false);
                    notify({ type: 'success', content: 'The embedded emulator was reset to its seeded data.' });
                  },
                });
              }}
            >
              Reset
            </Button>
          </ModalFooter>
        }
      >
        <SpaceBetween size="s">
          <Box variant="p">
            Everything this browser&apos;s emulator recorded since it was seeded is deleted, and the seeded history is
            generated again.
          </Box>
          {reset.isError ? <Alert type="error">{describeError(reset.error).message}</Alert> : null}
        </SpaceBetween>
      </Modal>
    </Container>
  );
}

/** Settings: which backend the console talks to, and the embedded emulator's options. */
export function SettingsPage() {
  return (
    <PageLayout breadcrumbs={[{ text: 'Settings', href: paths.settings() }]} contentType="form">
      <SpaceBetween size="l">
        <Header variant="h1" description="Choose the backend the console reads from.">
          Settings
        </Header>
        <BackendForm />
        <EmbeddedEmulatorSettings />
      </SpaceBetween>
    </PageLayout>
  );
}
