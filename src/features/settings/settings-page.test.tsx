import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { expect, test } from 'vitest';
import { emulator, server } from '../../../mocks/node';
import { LIVE_REGION_COPIES } from '@/testing/live-regions';
import { renderApp } from '@/testing/render-app';
import { pasteInto } from '@/testing/user';

test('rejects a malformed emulator URL next to the field and saves nothing', async () => {
  const user = userEvent.setup();
  renderApp('/settings');
  await user.click(await screen.findByRole('radio', { name: /Emulator URL/ }));
  const url = screen.getByRole('textbox', { name: 'Emulator URL' });
  await user.clear(url);
  await pasteInto(user, url, 'localhost 4566');
  await user.tab();
  expect(
    await screen.findByRole('textbox', { name: 'Emulator URL', description: /Enter an http:\/\/ or https:\/\/ URL/ }),
  ).toBeVisible();
  await user.click(screen.getByRole('button', { name: 'Save' }));
  expect(screen.getByRole('link', { name: /Backend: Embedded emulator/ })).toBeVisible();
  expect(localStorage.getItem('cloudtrail-console.connection')).toBeNull();
});

test('says which endpoint failed when the emulator URL does not answer', async () => {
  server.use(http.post('http://127.0.0.1:4599/', () => HttpResponse.error()));
  const user = userEvent.setup();
  renderApp('/settings');
  await user.click(await screen.findByRole('radio', { name: /Emulator URL/ }));
  const url = screen.getByRole('textbox', { name: 'Emulator URL' });
  await user.clear(url);
  await pasteInto(user, url, 'http://127.0.0.1:4599');
  await user.click(screen.getByRole('button', { name: 'Test connection' }));
  expect(
    await screen.findByText(/^Backend unreachable: The emulator at http:\/\/127\.0\.0\.1:4599 did not answer/, {
      ignore: LIVE_REGION_COPIES,
    }),
  ).toBeVisible();
});

test('connects to an emulator URL and shows it as the backend', async () => {
  const user = userEvent.setup();
  renderApp('/settings');
  await user.click(await screen.findByRole('radio', { name: /Emulator URL/ }));
  // The msw test server answers for any URL the test routes to the emulator.
  server.use(
    http.post('http://127.0.0.1:4566/', ({ request }) => {
      const target = request.headers.get('x-amz-target');
      return target?.endsWith('LookupEvents')
        ? HttpResponse.json({ Events: [] }, { headers: { 'content-type': 'application/x-amz-json-1.1' } })
        : HttpResponse.json({}, { status: 400 });
    }),
  );
  await user.click(screen.getByRole('button', { name: 'Test connection' }));
  expect(await screen.findByText(/Connected: the backend answered LookupEvents/)).toBeVisible();
  await user.click(screen.getByRole('button', { name: 'Save' }));
  expect(await screen.findByRole('link', { name: /Backend: Emulator at http:\/\/127.0.0.1:4566/ })).toBeVisible();
  expect(JSON.parse(localStorage.getItem('cloudtrail-console.connection') ?? '{}')).toEqual({
    kind: 'local',
    region: 'us-east-1',
    endpoint: 'http://127.0.0.1:4566',
  });
});

test('keeps AWS credentials out of localStorage, and in sessionStorage only when asked', async () => {
  const user = userEvent.setup();
  renderApp('/settings');
  await user.click(await screen.findByRole('radio', { name: /^AWS/ }));
  await pasteInto(user, screen.getByRole('textbox', { name: 'Access key ID' }), 'AKIAIOSFODNN7EXAMPLE');
  await pasteInto(user, screen.getByLabelText('Secret access key'), 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
  await user.click(screen.getByRole('button', { name: 'Save' }));
  expect(await screen.findByRole('link', { name: /Backend: AWS/ })).toBeVisible();
  expect(localStorage.getItem('cloudtrail-console.connection')).toBe('{"kind":"aws","region":"us-east-1"}');
  expect(sessionStorage.length).toBe(0);

  await user.click(screen.getByRole('checkbox', { name: /Remember credentials in this tab/ }));
  await user.click(screen.getByRole('button', { name: 'Save' }));
  expect(sessionStorage.getItem('cloudtrail-console.aws-credentials')).toContain('AKIAIOSFODNN7EXAMPLE');
  const everything = Object.keys(localStorage)
    .map((key) => localStorage.getItem(key))
    .join('\n');
  expect(everything).not.toContain('wJalrXUtnFEMI');
});

test('requires an access key ID and a secret before connecting to AWS', async () => {
  const user = userEvent.setup();
  renderApp('/settings');
  await user.click(await screen.findByRole('radio', { name: /^AWS/ }));
  await user.click(screen.getByRole('button', { name: 'Save' }));
  expect(
    await screen.findByRole('textbox', {
      name: 'Access key ID',
      description: /An access key ID has at least 16 characters/,
    }),
  ).toBeVisible();
  expect(screen.getByLabelText('Secret access key')).toHaveAccessibleDescription(/Enter the secret access key\./);
  expect(screen.getByRole('link', { name: /Backend: Embedded emulator/ })).toBeVisible();
});

test('turns LookupEvents throttling of the embedded emulator off and on', async () => {
  const user = userEvent.setup();
  renderApp('/settings');
  const toggle = await screen.findByRole('checkbox', { name: /Throttle LookupEvents/ });
  // The test emulator starts with throttling off.
  expect(toggle).not.toBeChecked();
  await user.click(toggle);
  expect(await screen.findByRole('checkbox', { name: /Throttle LookupEvents/, checked: true })).toBeVisible();
});

test('turns live activity of the embedded emulator on', async () => {
  const user = userEvent.setup();
  renderApp('/settings');
  const toggle = await screen.findByRole('checkbox', { name: /Simulate live activity/ });
  expect(toggle).not.toBeChecked();
  await user.click(toggle);
  expect(await screen.findByRole('checkbox', { name: /Simulate live activity/, checked: true })).toBeVisible();
  expect(emulator.settings.simulator).toBe(true);
});

test('a page that needs AWS credentials links to Settings, not only to Retry', async () => {
  const user = userEvent.setup();
  renderApp('/lake/event-data-stores', { connection: { kind: 'aws', region: 'us-east-1', rememberForSession: false } });
  expect(await screen.findByText('Credentials needed')).toBeVisible();
  expect(screen.getByRole('button', { name: 'Retry' })).toBeVisible();
  await user.click(screen.getByRole('link', { name: 'Open Settings' }));
  expect(await screen.findByRole('textbox', { name: 'Access key ID' }, { timeout: 15_000 })).toBeVisible();
});

test('a request to an emulator that does not answer names the endpoint, and links to Settings', async () => {
  server.use(http.post('http://127.0.0.1:4599/', () => HttpResponse.error()));
  renderApp('/trails', { connection: { kind: 'local', region: 'us-east-1', endpoint: 'http://127.0.0.1:4599' } });
  expect(await screen.findByText('Backend unreachable')).toBeVisible();
  expect(screen.getByText(/^The emulator at http:\/\/127\.0\.0\.1:4599 did not answer/)).toBeVisible();
  expect(screen.getByRole('link', { name: 'Open Settings' })).toHaveAttribute('href', '/settings');
});

test('saving the backend twice shows its message once', async () => {
  const user = userEvent.setup();
  renderApp('/settings');
  await user.click(await screen.findByRole('button', { name: 'Save' }));
  expect(
    await screen.findByText('Backend saved. Every page now reads from it.', { ignore: LIVE_REGION_COPIES }),
  ).toBeVisible();
  await user.click(screen.getByRole('button', { name: 'Save' }));
  expect(
    await screen.findAllByText('Backend saved. Every page now reads from it.', { ignore: LIVE_REGION_COPIES }),
  ).toHaveLength(1);
});
