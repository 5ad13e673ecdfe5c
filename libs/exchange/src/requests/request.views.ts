import { ApiProperty } from '@nestjs/swagger';
import { ASKED_BODIES, INFORMATION_REQUEST_KINDS, TIERS } from '@liandong/protocol';
import { REQUEST_STATES } from './request-state';

const DATE_TIME = { type: String, format: 'date-time' } as const;
const NULLABLE_DATE_TIME = { ...DATE_TIME, nullable: true } as const;

/** A request as sent or received; the answer itself is opened through /answer, by the team. */
export class InformationRequestView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: INFORMATION_REQUEST_KINDS }) kind!: string;
  @ApiProperty({ example: '巡前信息沟通' }) kindLabel!: string;
  @ApiProperty({ example: '130121' }) fromNode!: string;
  @ApiProperty({ example: '井陉县（130121）' }) fromNodeLabel!: string;
  @ApiProperty({ example: '130100' }) targetNode!: string;
  @ApiProperty({ example: '石家庄市（130100）' }) targetNodeLabel!: string;
  @ApiProperty({ enum: ASKED_BODIES }) body!: string;
  @ApiProperty({ example: '纪检监察机关' }) bodyLabel!: string;
  @ApiProperty({ enum: TIERS, nullable: true, type: String }) cadreTier!: string | null;
  @ApiProperty({ format: 'uuid' }) inspectionId!: string;
  @ApiProperty() organizationName!: string;
  @ApiProperty() subject!: string;
  @ApiProperty() details!: string;
  @ApiProperty({ format: 'date', example: '2026-12-01' }) answerBy!: string;
  @ApiProperty(DATE_TIME) requestedAt!: Date;
  @ApiProperty() requestedBy!: string;
  @ApiProperty(NULLABLE_DATE_TIME) answeredAt!: Date | null;
  @ApiProperty({ type: String, nullable: true }) answeredBy!: string | null;
  @ApiProperty({ type: Number, nullable: true }) attachmentCount!: number | null;
  @ApiProperty({ description: 'an answer is held here, sealed to this node’s inspection teams' })
  answerHeld!: boolean;
  @ApiProperty({ enum: REQUEST_STATES }) state!: string;
  @ApiProperty({ example: '待答复' }) stateLabel!: string;
  @ApiProperty({ description: 'answered after its due day' }) late!: boolean;
  @ApiProperty({ description: 'unanswered and past its due day' }) overdue!: boolean;
}

export class InformationRequestSummaryView {
  @ApiProperty() sent!: number;
  @ApiProperty({ description: 'sent and not yet answered' }) outstanding!: number;
  @ApiProperty({ description: 'sent, unanswered and past the due day' }) overdue!: number;
  @ApiProperty() answered!: number;
  @ApiProperty({ description: 'answered after the due day' }) late!: number;
  @ApiProperty({ description: 'received and not yet answered' }) toAnswer!: number;
}

export class InformationRequestListView {
  @ApiProperty({ type: [InformationRequestView] }) sent!: InformationRequestView[];
  @ApiProperty({ type: [InformationRequestView] }) received!: InformationRequestView[];
  @ApiProperty({ type: InformationRequestSummaryView }) summary!: InformationRequestSummaryView;
}

export class AttachmentView {
  @ApiProperty() filename!: string;
  @ApiProperty() contentType!: string;
  @ApiProperty() size!: number;
  @ApiProperty({ description: 'SHA-256 of the file, hex' }) sha256!: string;
  @ApiProperty({ description: 'the file, base64' }) contentBase64!: string;
}

/** The opened answer: for a member of the requesting inspection's team only. */
export class AnswerView {
  @ApiProperty({ format: 'uuid' }) requestId!: string;
  @ApiProperty() summary!: string;
  @ApiProperty({ type: [AttachmentView] }) attachments!: AttachmentView[];
  @ApiProperty(DATE_TIME) answeredAt!: Date;
  @ApiProperty() answeredBy!: string;
  @ApiProperty() late!: boolean;
}
