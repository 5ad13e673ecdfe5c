import { ApiProperty } from '@nestjs/swagger';
import { CoverageView, InspectionView } from '@liandong/planning';
import {
  OVERSIGHT_AREAS,
  OVERSIGHT_CHECKLIST_ITEMS,
  OVERSIGHT_FORMS,
  type OversightArea,
  type OversightChecklistItem,
  type OversightForm,
} from '@liandong/protocol';
import type { EngagementRole, EngagementStatus } from '../entities';

const day = { type: String, format: 'date', example: '2026-12-10' } as const;
const instant = {
  type: String,
  format: 'date-time',
  example: '2026-12-01T09:30:00.000+08:00',
} as const;
const nullableInstant = { ...instant, nullable: true } as const;
const nullableText = { type: String, nullable: true } as const;

export class OversightPersonView {
  @ApiProperty() name!: string;
  @ApiProperty() post!: string;
}

export class ChecklistItemView {
  @ApiProperty({ enum: OVERSIGHT_CHECKLIST_ITEMS }) code!: OversightChecklistItem;
  @ApiProperty({ enum: OVERSIGHT_AREAS }) area!: OversightArea;
  @ApiProperty({ example: '回避规定的执行' }) label!: string;
}

export class EngagementView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['overseeing', 'overseen'] }) role!: EngagementRole;
  @ApiProperty({ example: '督导方' }) roleLabel!: string;
  @ApiProperty({ example: '000000' }) overseeingNode!: string;
  @ApiProperty({ example: '中央（000000）' }) overseeingNodeLabel!: string;
  @ApiProperty({ example: '130000' }) overseenNode!: string;
  @ApiProperty({ example: '河北省（130000）' }) overseenNodeLabel!: string;
  @ApiProperty({ enum: OVERSIGHT_FORMS }) form!: OversightForm;
  @ApiProperty({ example: '工作调研督导' }) formLabel!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) roundId!: string | null;
  @ApiProperty() title!: string;
  @ApiProperty(day) windowStart!: string;
  @ApiProperty(day) windowEnd!: string;
  @ApiProperty({ type: [OversightPersonView] }) people!: OversightPersonView[];
  @ApiProperty({ type: [ChecklistItemView] }) checklist!: ChecklistItemView[];
  @ApiProperty({ enum: OVERSIGHT_AREAS, isArray: true }) areas!: OversightArea[];
  @ApiProperty({ enum: ['opened', 'acknowledged', 'closed', 'refused'] }) status!: EngagementStatus;
  @ApiProperty({ example: '已签收' }) statusLabel!: string;
  @ApiProperty(nullableInstant) acknowledgedAt!: string | null;
  @ApiProperty(nullableText) acknowledgedBy!: string | null;
  @ApiProperty({ enum: OVERSIGHT_AREAS, isArray: true, nullable: true })
  grantedAreas!: OversightArea[] | null;
  @ApiProperty({ ...day, nullable: true }) grantFrom!: string | null;
  @ApiProperty({ ...day, nullable: true }) grantUntil!: string | null;
  @ApiProperty({
    description: 'a grant is held and today (China date, injected clock) is within it',
  })
  grantInForce!: boolean;
  @ApiProperty(nullableText) assessment!: string | null;
  @ApiProperty(nullableInstant) closedAt!: string | null;
  @ApiProperty(nullableText) refusalReason!: string | null;
  @ApiProperty(instant) createdAt!: string;
}

export class ObservationEvidenceView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '回避说明登记表.pdf' }) filename!: string;
  @ApiProperty({ example: 'application/pdf' }) contentType!: string;
  @ApiProperty({ example: 48213 }) size!: number;
  @ApiProperty({ example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' })
  sha256!: string;
  @ApiProperty() uploadedBy!: string;
  @ApiProperty(instant) uploadedAt!: string;
}

export class ObservationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: OVERSIGHT_CHECKLIST_ITEMS }) item!: OversightChecklistItem;
  @ApiProperty() itemLabel!: string;
  @ApiProperty() text!: string;
  @ApiProperty() recordedBy!: string;
  @ApiProperty(instant) recordedAt!: string;
  @ApiProperty({ type: [ObservationEvidenceView], description: 'files kept as its evidence' })
  evidence!: ObservationEvidenceView[];
}

export class AttendeeView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() unit!: string;
  @ApiProperty(instant) recordedAt!: string;
}

export type RecommendationState = 'open' | 'answered' | 'overdue';

export class OversightRecommendationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) engagementId!: string;
  @ApiProperty({ enum: OVERSIGHT_CHECKLIST_ITEMS }) item!: OversightChecklistItem;
  @ApiProperty() itemLabel!: string;
  @ApiProperty() text!: string;
  @ApiProperty(day) answerBy!: string;
  @ApiProperty(nullableText) answer!: string | null;
  @ApiProperty(nullableInstant) answeredAt!: string | null;
  @ApiProperty(nullableText) answeredBy!: string | null;
  @ApiProperty({ enum: ['open', 'answered', 'overdue'] }) state!: RecommendationState;
  @ApiProperty({ example: '逾期未答复' }) stateLabel!: string;
}

export class EngagementDetailView extends EngagementView {
  @ApiProperty({ type: [ObservationView] }) observations!: ObservationView[];
  @ApiProperty({ type: [AttendeeView] }) attendees!: AttendeeView[];
  @ApiProperty({ type: [OversightRecommendationView] })
  recommendations!: OversightRecommendationView[];
}

/** What the overseeing node read of a granted area, live from the overseen node. */
export class AreaTableView {
  @ApiProperty({ example: '本节点移交的问题线索（不含线索内容）' }) title!: string;
  @ApiProperty({ type: [String], example: ['巡察对象', '类别', '状态'] }) columns!: string[];
  @ApiProperty({
    type: 'array',
    items: { type: 'array', items: { type: 'string' } },
    example: [['某局党组', '问题线索', '已签收']],
    description: 'one row per record, a text cell per column',
  })
  rows!: string[][];
}

export class AreaReadView {
  @ApiProperty({ format: 'uuid' }) engagementId!: string;
  @ApiProperty({ example: '130000' }) overseenNode!: string;
  @ApiProperty({ enum: OVERSIGHT_AREAS }) area!: OversightArea;
  @ApiProperty({ example: '巡察组组建与回避' }) areaLabel!: string;
  @ApiProperty(instant) readAt!: string;
  @ApiProperty({ type: [InspectionView], description: "the overseen node's inspections" })
  inspections!: InspectionView[];
  @ApiProperty({
    type: CoverageView,
    nullable: true,
    description: 'planning_coverage: its coverage',
  })
  coverage!: CoverageView | null;
  @ApiProperty({
    type: [AreaTableView],
    description:
      'how the overseen node ran this area: counts, dates, states and names of organizations, never confidential content',
  })
  tables!: AreaTableView[];
}

export class LabelledView {
  @ApiProperty() code!: string;
  @ApiProperty() label!: string;
}

export class ChecklistAreaView extends LabelledView {
  @ApiProperty({ type: [LabelledView] }) items!: LabelledView[];
}

export class ChecklistView {
  @ApiProperty({ type: [LabelledView] }) forms!: LabelledView[];
  @ApiProperty({ type: [ChecklistAreaView] }) areas!: ChecklistAreaView[];
}
