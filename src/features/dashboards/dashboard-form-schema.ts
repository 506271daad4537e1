// The create and edit form of a custom dashboard: its values, the zod schema of what
// mocks/emulator/SEMANTICS.md §18.2-18.4 and §18.8 constrain (checked before anything is sent), and the
// CreateDashboard / UpdateDashboard requests the values become.
import type {
  CreateDashboardCommandInput,
  RefreshSchedule,
  RequestWidget,
  Tag,
  UpdateDashboardCommandInput,
} from '@aws-sdk/client-cloudtrail';
import { z } from 'zod';
import { REFRESH_SCHEDULE_CHOICES, type DashboardDetails } from '@/api/dashboards';
import { errorsOf } from '@/lib/form-errors';
import { tagsSchema, toTags, type TagDraft } from '@/lib/tags';
import { requestWidgetOf } from './widget-editor/widget-sql';

import { DASHBOARD_NAME, MAX_WIDGETS } from '@/lib/cloudtrail-limits';

/** A choice of REFRESH_SCHEDULE_CHOICES: 'off', '1h', '6h', '12h', '1d'. */
export type ScheduleChoice = string;

export interface DashboardFormValues {
  name: string;
  widgets: RequestWidget[];
  schedule: ScheduleChoice;
  terminationProtection: boolean;
  tags: TagDraft[];
}

export const defaultDashboardFormValues: DashboardFormValues = {
  name: '',
  widgets: [],
  schedule: 'off',
  terminationProtection: false,
  tags: [],
};

const name = z
  .string()
  .min(DASHBOARD_NAME.min, `Enter a name of at least ${String(DASHBOARD_NAME.min)} characters.`)
  .max(DASHBOARD_NAME.max, `Use at most ${String(DASHBOARD_NAME.max)} characters.`)
  .regex(DASHBOARD_NAME.pattern, 'Use only letters, numbers, hyphens and underscores.')
  .refine((value) => !value.startsWith(DASHBOARD_NAME.reservedPrefix), {
    message: `Names starting with ${DASHBOARD_NAME.reservedPrefix} are reserved for managed dashboards.`,
  });

const dashboardFormSchema = z.object({
  name,
  widgets: z.array(z.unknown()).max(MAX_WIDGETS, `A dashboard has at most ${String(MAX_WIDGETS)} widgets.`),
  tags: tagsSchema('A dashboard'),
});

/** The form's errors by path ("name", "widgets", "tags.0.key"); the name only counts on create. */
export function dashboardFormErrors(values: DashboardFormValues, mode: 'create' | 'edit'): Record<string, string> {
  const errors = errorsOf(dashboardFormSchema.safeParse(values));
  if (mode === 'create') return errors;
  return Object.fromEntries(Object.entries(errors).filter(([path]) => path !== 'name'));
}

/** The schedule choice of a stored schedule; a disabled or missing one is "off". */
export function scheduleChoiceOf(schedule: RefreshSchedule | undefined): ScheduleChoice {
  if (schedule?.Status !== 'ENABLED' || !schedule.Frequency) return 'off';
  const { Unit, Value } = schedule.Frequency;
  // HOURS 24 fires as DAYS 1 does (§18.8).
  if (Unit === 'HOURS' && Value === 24) return '1d';
  return (
    REFRESH_SCHEDULE_CHOICES.find((choice) => choice.frequency?.Unit === Unit && choice.frequency?.Value === Value)
      ?.value ?? 'off'
  );
}

function enabledSchedule(choice: ScheduleChoice): RefreshSchedule | undefined {
  const frequency = REFRESH_SCHEDULE_CHOICES.find((option) => option.value === choice)?.frequency;
  return frequency ? { Frequency: frequency, Status: 'ENABLED' } : undefined;
}

/** CreateDashboard for the form's values; Off sends no schedule, and no tags send no TagsList. */
export function toCreateInput(values: DashboardFormValues): CreateDashboardCommandInput {
  const schedule = enabledSchedule(values.schedule);
  return {
    Name: values.name,
    Widgets: values.widgets,
    ...(schedule ? { RefreshSchedule: schedule } : {}),
    TerminationProtectionEnabled: values.terminationProtection,
    ...(values.tags.length > 0 ? { TagsList: toTags(values.tags) } : {}),
  };
}

/** The edit form's start: the dashboard as GetDashboard shows it, and its tags (ListTags). */
export function formValuesOf(dashboard: DashboardDetails, tags: readonly Tag[] = []): DashboardFormValues {
  return {
    name: '',
    widgets: (dashboard.Widgets ?? []).map(requestWidgetOf),
    schedule: scheduleChoiceOf(dashboard.RefreshSchedule),
    terminationProtection: dashboard.TerminationProtectionEnabled ?? false,
    tags: tags.map((tag) => ({ key: tag.Key ?? '', value: tag.Value ?? '' })),
  };
}

/**
 * UpdateDashboard for the edited values: the whole widget list (it replaces the stored one), the
 * schedule (Off disables one that was on, §18.8) and termination protection.
 */
export function toUpdateInput(
  dashboardId: string,
  dashboard: DashboardDetails,
  values: DashboardFormValues,
): UpdateDashboardCommandInput {
  const schedule = enabledSchedule(values.schedule);
  const wasOn = scheduleChoiceOf(dashboard.RefreshSchedule) !== 'off';
  let refreshSchedule: RefreshSchedule | undefined;
  if (schedule) refreshSchedule = schedule;
  else if (wasOn) refreshSchedule = { Status: 'DISABLED' };
  return {
    DashboardId: dashboardId,
    Widgets: values.widgets,
    ...(refreshSchedule ? { RefreshSchedule: refreshSchedule } : {}),
    TerminationProtectionEnabled: values.terminationProtection,
  };
}
