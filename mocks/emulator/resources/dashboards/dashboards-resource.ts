// Lake dashboards (SEMANTICS.md §18): the resource's declaration. Custom dashboards and the
// Highlights are saved; the 14 built-ins are present in every account and region without being
// saved. Refreshes (manual and scheduled) are in refresh.ts; widget queries run through the queries
// resource's StartQuery path.
import type { ResourceDefinition } from '../../resource';
import { DASHBOARD_REFRESHES, DASHBOARDS } from './dashboard';
import {
  createDashboard,
  deleteDashboard,
  getDashboard,
  listDashboards,
  parseCreateDashboard,
  parseUpdateDashboard,
  recordDashboardCall,
  updateDashboard,
} from './dashboard-operations';
import { attachWidgetAliases, runScheduledRefreshes, startDashboardRefresh } from './refresh';

export const dashboardsResource: ResourceDefinition = {
  name: 'dashboards',
  collections: [DASHBOARDS, DASHBOARD_REFRESHES],
  operations: {
    cloudtrail: {
      CreateDashboard: { run: createDashboard, parse: parseCreateDashboard, record: recordDashboardCall },
      GetDashboard: { run: getDashboard },
      ListDashboards: { run: listDashboards },
      UpdateDashboard: { run: updateDashboard, parse: parseUpdateDashboard, record: recordDashboardCall },
      DeleteDashboard: { run: deleteDashboard },
      StartDashboardRefresh: { run: startDashboardRefresh, record: recordDashboardCall },
    },
  },
  attach: (state) => {
    // StartQuery and DescribeQuery accept the widgets' aliases (§18.10).
    attachWidgetAliases(state);
    // A deleted dashboard's refresh state goes with it (its tags and policy go with theirs).
    state.onRemoved((arn) => {
      if (state.table(DASHBOARD_REFRESHES).has(arn)) state.remove(DASHBOARD_REFRESHES, arn);
    });
  },
  // Scheduled refreshes (§18.8).
  onClock: (state, now) => runScheduledRefreshes(state, now),
};
