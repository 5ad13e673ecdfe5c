import { ApiProperty } from '@nestjs/swagger';
import { BODIES, DIRECTIVE_SCOPES, TIERS } from '@liandong/protocol';
import { PolicyChangeDto } from './directive.dto';

// What the directives API answers with (its requests are in directive.dto.ts).

export class ConfidentialAnnexView {
  @ApiProperty() recipientNode!: string;
  @ApiProperty({ enum: BODIES }) body!: string;
  @ApiProperty({ example: '纪检监察机关' }) bodyLabel!: string;
}

export class OpenedAnnexView extends ConfidentialAnnexView {
  @ApiProperty() text!: string;
}
export class DirectiveView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['issued', 'received'] }) origin!: string;
  @ApiProperty() issuerNode!: string;
  @ApiProperty() title!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ enum: DIRECTIVE_SCOPES }) scope!: string;
  @ApiProperty() reportDueAt!: string;
  @ApiProperty({ nullable: true, type: String }) parentDirectiveId!: string | null;
  @ApiProperty({ type: [PolicyChangeDto] }) policies!: PolicyChangeDto[];
  @ApiProperty() issuedAt!: string;
  @ApiProperty({ nullable: true, type: String }) receivedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) acknowledgedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) acknowledgedBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) relayedDirectiveId!: string | null;
  @ApiProperty({ nullable: true, type: String }) reportedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) reportSummary!: string | null;
  @ApiProperty({ description: 'received here, report not filed, and the due date has passed' })
  overdue!: boolean;
  @ApiProperty({
    type: [ConfidentialAnnexView],
    description: 'who may read the sealed annexes (the text is never shown here)',
  })
  confidentialAnnexes!: ConfidentialAnnexView[];
}

/** Where a receiving node stands with a directive, as one value (the console colours it). */
export const RECIPIENT_STATES = [
  'not_delivered',
  'delivered',
  'acknowledged',
  'relayed',
  'reported',
] as const;
export type RecipientState = (typeof RECIPIENT_STATES)[number];

export class RecipientStatusView {
  @ApiProperty({ example: '130121' }) nodeId!: string;
  @ApiProperty({ example: '井陉县' }) name!: string;
  @ApiProperty({ example: 'county' }) tier!: string;
  @ApiProperty({ example: '县级' }) tierLabel!: string;
  @ApiProperty({
    nullable: true,
    type: String,
    example: '130100',
    description: 'the node above it, to draw the subtree as a tree',
  })
  parentId!: string | null;
  @ApiProperty({
    enum: RECIPIENT_STATES,
    description:
      'the furthest step reached: not_delivered 未送达, delivered 已送达, acknowledged 已签收, relayed 已转发, reported 已报告; `overdue` says whether the report is late',
  })
  state!: RecipientState;
  @ApiProperty({ nullable: true, type: String }) receivedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) acknowledgedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) relayedAt!: string | null;
  @ApiProperty() received!: boolean;
  @ApiProperty() acknowledged!: boolean;
  @ApiProperty() relayed!: boolean;
  @ApiProperty() reported!: boolean;
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ example: '已签收', description: 'zh-CN status label' }) statusLabel!: string;
  @ApiProperty({ nullable: true, type: String }) acknowledgedBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) reportedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) reportSummary!: string | null;
}

export class DirectiveStatusView {
  @ApiProperty({ type: DirectiveView }) directive!: DirectiveView;
  @ApiProperty({ type: [RecipientStatusView] }) nodes!: RecipientStatusView[];
  @ApiProperty({
    example: { nodes: 6, received: 6, acknowledged: 6, relayed: 2, reported: 3, overdue: 0 },
  })
  totals!: Record<
    'nodes' | 'received' | 'acknowledged' | 'relayed' | 'reported' | 'overdue',
    number
  >;
}

export class PolicyVersionView {
  @ApiProperty() key!: string;
  @ApiProperty() value!: number;
  @ApiProperty() effectiveFrom!: string;
  @ApiProperty({ nullable: true, type: String }) directiveId!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'the node whose directive set it; null for the baseline',
  })
  setByNode!: string | null;
}
/** The rule in force, and who set it. */
export class RuleInForceView extends PolicyVersionView {
  @ApiProperty({
    example: '中央（000000）',
    description: '设定者 who set it (默认 for the baseline)',
  })
  setByLabel!: string;
}

/** 规则目录: one rule, its type and range, its owner, and what is in force here today. */
export class RuleView {
  @ApiProperty({ example: 'rectification.progress_report_months' }) key!: string;
  @ApiProperty({ example: '整改进展情况报告期限' }) label!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ example: '个月' }) unit!: string;
  @ApiProperty() integer!: boolean;
  @ApiProperty({ example: 1 }) min!: number;
  @ApiProperty({ example: 12 }) max!: number;
  @ApiProperty({ enum: TIERS, example: 'central' }) owner!: string;
  @ApiProperty({ example: '中央' }) ownerLabel!: string;
  @ApiProperty({ enum: ['lower', 'higher'] }) stricter!: 'lower' | 'higher';
  @ApiProperty({ example: '下级只能从严（更短）' }) stricterLabel!: string;
  @ApiProperty({ example: 2 }) baseline!: number;
  @ApiProperty({ type: RuleInForceView, nullable: true, description: 'in force today here' })
  inForce!: RuleInForceView | null;
  @ApiProperty({ type: [PolicyVersionView] }) versions!: PolicyVersionView[];
}
