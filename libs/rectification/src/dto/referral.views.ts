import { ApiProperty } from '@nestjs/swagger';
import { BODIES, REFERRAL_KINDS, TIERS } from '@liandong/protocol';
import { DATE_TIME, NULLABLE_DATE_TIME, NULLABLE_TEXT } from './formats';

export class RecommendationView {
  @ApiProperty({ example: '县财政局' }) department!: string;
  @ApiProperty() text!: string;
}

/** 移交, as sent or received; the sealed content itself is opened through /content. */
export class ReferralView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '130121' }) fromNode!: string;
  @ApiProperty({ example: '井陉县（130121）' }) fromNodeLabel!: string;
  @ApiProperty({ example: '130100' }) targetNode!: string;
  @ApiProperty({ example: '石家庄市（130100）' }) targetNodeLabel!: string;
  @ApiProperty({ enum: REFERRAL_KINDS }) kind!: string;
  @ApiProperty({ example: '问题线索' }) kindLabel!: string;
  @ApiProperty({ enum: BODIES, nullable: true, type: String }) body!: string | null;
  @ApiProperty({
    example: '纪检监察机关',
    description: 'the receiving body, or the functional department of a recommendation',
  })
  bodyLabel!: string;
  @ApiProperty({ description: 'whether the content is sealed to the receiving body' })
  sealed!: boolean;
  @ApiProperty({ type: RecommendationView, nullable: true })
  recommendation!: RecommendationView | null;
  @ApiProperty({ enum: TIERS, nullable: true, type: String }) cadreTier!: string | null;
  @ApiProperty({ format: 'uuid' }) inspectionId!: string;
  @ApiProperty({ format: 'uuid' }) findingId!: string;
  @ApiProperty() organizationName!: string;
  @ApiProperty(DATE_TIME) sentAt!: Date;
  @ApiProperty(DATE_TIME) acknowledgeBy!: Date;
  @ApiProperty(NULLABLE_DATE_TIME) acknowledgedAt!: Date | null;
  @ApiProperty(NULLABLE_TEXT) acknowledgedBy!: string | null;
  @ApiProperty(NULLABLE_DATE_TIME) disposedAt!: Date | null;
  @ApiProperty(NULLABLE_TEXT) disposition!: string | null;
  @ApiProperty({ enum: ['open', 'overdue', 'acknowledged', 'disposed'] }) state!: string;
  @ApiProperty({ example: '待签收' }) stateLabel!: string;
}

export class ReferralSummaryView {
  @ApiProperty() sent!: number;
  @ApiProperty() open!: number;
  @ApiProperty() overdue!: number;
  @ApiProperty() disposed!: number;
  @ApiProperty({ description: 'percent of sent referrals disposed, one decimal' })
  disposalRate!: number;
}

export class ReferralListView {
  @ApiProperty({ type: [ReferralView] }) sent!: ReferralView[];
  @ApiProperty({ type: [ReferralView] }) received!: ReferralView[];
  @ApiProperty({ type: ReferralSummaryView }) summary!: ReferralSummaryView;
}

export class ReferralContentView {
  @ApiProperty({ enum: [...BODIES, 'functional'] }) body!: string;
  @ApiProperty({ example: '纪检监察机关' }) bodyLabel!: string;
  @ApiProperty() text!: string;
}
