import { BODY_LABELS, TIER_LABELS, Tier } from '@liandong/protocol';
import {
  DirectiveStatusView,
  RecipientState,
  DirectiveView,
  PolicyVersionView,
  RecipientStatusView,
} from './dto/directive.views';
import { Directive, DirectiveRecipient, PolicyVersion } from './entities';

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function mapDirective(directive: Directive, now: Date): DirectiveView {
  return {
    id: directive.id,
    origin: directive.origin,
    issuerNode: directive.issuerNode,
    title: directive.title,
    body: directive.body,
    scope: directive.scope,
    reportDueAt: directive.reportDueAt.toISOString(),
    parentDirectiveId: directive.parentDirectiveId,
    policies: directive.policies,
    issuedAt: directive.issuedAt.toISOString(),
    receivedAt: iso(directive.receivedAt),
    acknowledgedAt: iso(directive.acknowledgedAt),
    acknowledgedBy: directive.acknowledgedBy,
    relayedDirectiveId: directive.relayedDirectiveId,
    reportedAt: iso(directive.reportedAt),
    reportSummary: directive.reportSummary,
    overdue:
      directive.origin === 'received' && !directive.reportedAt && directive.reportDueAt < now,
    confidentialAnnexes: (directive.sealed ?? []).map((box) => ({
      recipientNode: box.recipientNode,
      body: box.body,
      bodyLabel: BODY_LABELS[box.body],
    })),
  };
}

type Flags = Pick<
  RecipientStatusView,
  'received' | 'acknowledged' | 'relayed' | 'reported' | 'overdue'
>;

function stateOf(r: Flags): RecipientState {
  if (r.reported) return 'reported';
  if (r.relayed) return 'relayed';
  if (r.acknowledged) return 'acknowledged';
  if (r.received) return 'delivered';
  return 'not_delivered';
}

function statusLabel(r: Flags): string {
  if (r.reported) return '已报告落实情况';
  const late = r.overdue ? '（逾期）' : '';
  if (r.relayed) return `已转发${late}`;
  if (r.acknowledged) return `已签收${late}`;
  if (r.received) return `已送达未签收${late}`;
  return `未送达${late}`;
}

export function mapStatus(
  directive: Directive,
  recipients: DirectiveRecipient[],
  nodes: Map<string, { name: string; tier: string; parentId: string | null }>,
  now: Date,
): DirectiveStatusView {
  const views = recipients.map((r) => {
    const node = nodes.get(r.nodeId);
    const flags = {
      received: r.receivedAt !== null || r.acknowledgedAt !== null || r.reportedAt !== null,
      acknowledged: r.acknowledgedAt !== null,
      relayed: r.relayedAt !== null,
      reported: r.reportedAt !== null,
      overdue: r.reportedAt === null && directive.reportDueAt < now,
    };
    return {
      nodeId: r.nodeId,
      name: node?.name ?? r.nodeId,
      tier: node?.tier ?? 'unknown',
      tierLabel: TIER_LABELS[node?.tier as Tier] ?? '',
      parentId: node?.parentId ?? null,
      state: stateOf(flags),
      receivedAt: iso(r.receivedAt),
      acknowledgedAt: iso(r.acknowledgedAt),
      relayedAt: iso(r.relayedAt),
      ...flags,
      statusLabel: statusLabel(flags),
      acknowledgedBy: r.acknowledgedBy,
      reportedAt: iso(r.reportedAt),
      reportSummary: r.reportSummary,
    };
  });
  const count = (key: 'received' | 'acknowledged' | 'relayed' | 'reported' | 'overdue') =>
    views.filter((v) => v[key]).length;
  return {
    directive: mapDirective(directive, now),
    nodes: views,
    totals: {
      nodes: views.length,
      received: count('received'),
      acknowledged: count('acknowledged'),
      relayed: count('relayed'),
      reported: count('reported'),
      overdue: count('overdue'),
    },
  };
}

export function mapPolicyVersion(version: PolicyVersion): PolicyVersionView {
  return {
    key: version.key,
    value: version.value,
    effectiveFrom: version.effectiveFrom,
    directiveId: version.directiveId,
    setByNode: version.setByNode,
  };
}
