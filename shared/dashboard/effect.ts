/**
 * The one hook between an action's plan and the dashboard: a sweep (schedule, workflow_dispatch)
 * whose plan carries a section gets one `dashboard-section` effect, applied by the one applier.
 * Item events never write the dashboard: they read one item, not the whole picture.
 */
import { DEFAULT_CONFIG } from '../config/defaults.js';
import type { GovernanceConfig } from '../config/types.js';
import type { Plan } from '../plan/effects.js';
import { DASHBOARD_EVENTS } from './model.js';
import { renderSection } from './render.js';

const LABEL_COLOR = '5319e7';

export function addDashboardSection(plan: Plan, config: GovernanceConfig, eventName: string): void {
  const d = config.dashboard ?? DEFAULT_CONFIG.dashboard!;
  if (!d.enabled || !plan.dashboard || !DASHBOARD_EVENTS.includes(eventName)) return;
  plan.labelCatalog = {
    ...plan.labelCatalog,
    [d.label]: { color: LABEL_COLOR, description: 'Governance dashboard kept current by governance-actions' },
  };
  plan.effects.push({
    type: 'dashboard-section',
    action: plan.action,
    label: d.label,
    title: d.title,
    body: renderSection(plan.dashboard),
    why: 'scheduled runs keep their section of the governance dashboard current (docs/dashboard.md)',
  });
}
