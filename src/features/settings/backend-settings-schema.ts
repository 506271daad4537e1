import { z } from 'zod';
import { isEndpointUrl, type Connection } from '@/api/connection';
import { REGIONS } from '@/lib/cloudtrail-limits';

/** The backend form; fields of kinds not chosen are ignored. */
export interface BackendFormValues {
  kind: Connection['kind'];
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  rememberForSession: boolean;
}

const endpoint = z
  .string()
  .trim()
  .min(1, 'Enter the emulator URL, for example http://127.0.0.1:4566.')
  .refine(isEndpointUrl, 'Enter an http:// or https:// URL, for example http://127.0.0.1:4566.');

const accessKeyId = z
  .string()
  .trim()
  .min(16, 'An access key ID has at least 16 characters.')
  .max(128, 'An access key ID has at most 128 characters.')
  .regex(/^[A-Z0-9]+$/, 'An access key ID has only upper-case letters and digits, like AKIAIOSFODNN7EXAMPLE.');

export const backendFormSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('embedded') }),
  z.object({ kind: z.literal('local'), endpoint }),
  z.object({
    kind: z.literal('aws'),
    region: z.enum(REGIONS, 'Choose a Region.'),
    accessKeyId,
    secretAccessKey: z.string().min(1, 'Enter the secret access key.'),
    sessionToken: z.string(),
  }),
]);

export type BackendField = 'endpoint' | 'region' | 'accessKeyId' | 'secretAccessKey';

/** Field errors of the current values, derived on every render. */
export function backendFormErrors(values: BackendFormValues): Partial<Record<BackendField, string>> {
  const result = backendFormSchema.safeParse(values);
  if (result.success) return {};
  const errors: Partial<Record<BackendField, string>> = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0] as BackendField | undefined;
    if (field !== undefined && errors[field] === undefined) errors[field] = issue.message;
  }
  return errors;
}

/** The connection the form describes; call only when it has no errors. */
export function toConnection(values: BackendFormValues, currentRegion: string): Connection {
  switch (values.kind) {
    case 'embedded':
      return { kind: 'embedded', region: currentRegion };
    case 'local':
      return { kind: 'local', region: currentRegion, endpoint: values.endpoint.trim().replace(/\/+$/, '') };
    case 'aws':
      return {
        kind: 'aws',
        region: values.region,
        rememberForSession: values.rememberForSession,
        credentials: {
          accessKeyId: values.accessKeyId.trim(),
          secretAccessKey: values.secretAccessKey,
          ...(values.sessionToken.trim() === '' ? {} : { sessionToken: values.sessionToken.trim() }),
        },
      };
  }
}
